'use client';
import { useMutation } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Field, Notice } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import type { CommandDef, ParamDef } from '@linli/iot/catalog/types';
import local from '../devices.module.css';
import { localName } from '../lib';
import detail from './detail.module.css';

type Raw = Record<string, string | boolean>;

const initial = (def: CommandDef): Raw =>
  Object.fromEntries(Object.entries(def.params).map(([name, p]) => [name, p.type === 'boolean' ? false : p.enum && p.required ? (p.enum[0] ?? '') : '']));

/** One command of the device's kind as a form: inputs from its parameter definitions, checked as typed. */
function CommandForm({ tenant, deviceId, def, disabled, onSent }: { tenant: string; deviceId: string; def: CommandDef; disabled: boolean; onSent: (id: string) => void }) {
  const t = useTranslations('devices.command');
  const locale = useLocale();
  const trpc = useTRPC();
  const [raw, setRaw] = useState<Raw>(() => initial(def));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const send = useMutation(
    trpc.devices.command.mutationOptions({
      onSuccess: (r) => {
        setSent(true);
        onSent(r.id);
      },
    }),
  );
  const label = (name: string) => (t.has(`params.${name}`) ? t(`params.${name}`) : name);

  function check(name: string, p: ParamDef, v: string | boolean): string | null {
    if (p.type === 'boolean') return null;
    const s = String(v).trim();
    if (s === '') return p.required ? t('errors.required') : null;
    if (p.type === 'number') {
      const n = Number(s);
      if (!Number.isFinite(n)) return t('errors.number');
      if (p.integer && !Number.isInteger(n)) return t('errors.integer');
      if ((p.min !== undefined && n < p.min) || (p.max !== undefined && n > p.max)) return t('errors.range', { min: p.min ?? '−∞', max: p.max ?? '∞' });
      return null;
    }
    if (p.enum && !p.enum.includes(s)) return t('errors.enum', { values: p.enum.join(' / ') });
    const len = [...String(v)].length;
    if (p.minLength !== undefined && len < p.minLength) return t('errors.minLength', { n: p.minLength });
    if (p.maxLength !== undefined && len > p.maxLength) return t('errors.maxLength', { n: p.maxLength });
    void name;
    return null;
  }
  function checkAll(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, p] of Object.entries(def.params)) {
      const e = check(name, p, raw[name] ?? '');
      if (e) out[name] = e;
    }
    return out;
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    const found = checkAll();
    setErrors(found);
    setSent(false);
    if (Object.keys(found).length) return;
    const params: Record<string, unknown> = {};
    for (const [name, p] of Object.entries(def.params)) {
      const v = raw[name];
      if (p.type === 'boolean') params[name] = !!v;
      else if (String(v).trim() === '') continue;
      else params[name] = p.type === 'number' ? Number(v) : String(v);
    }
    send.mutate({ tenant, deviceId, name: def.key, params });
  }
  const set = (name: string, value: string | boolean) => {
    setRaw((r) => ({ ...r, [name]: value }));
    setErrors(({ [name]: _dropped, ...rest }) => rest);
    setSent(false);
  };
  const hint = (p: ParamDef) => {
    if (p.type === 'number') return [p.min !== undefined || p.max !== undefined ? t('hints.range', { min: p.min ?? '−∞', max: p.max ?? '∞' }) : null, p.integer ? t('hints.integer') : null].filter(Boolean).join(' · ') || undefined;
    if (p.type === 'string' && !p.enum && p.maxLength) return t('hints.maxLength', { n: p.maxLength });
    return undefined;
  };

  const params = Object.entries(def.params);
  return (
    <form className={detail.commandForm} onSubmit={submit} noValidate data-testid={`command-${def.key}`}>
      <h3>
        {localName(def, locale)} <span className={local.small}>{def.key}</span>
      </h3>
      {params.length > 0 && (
        <div className={detail.params}>
          {params.map(([name, p]) => {
            const id = `cmd-${def.key}-${name}`;
            const text = `${label(name)}${p.required ? ' *' : ''}`;
            if (p.type === 'boolean') {
              // A checkbox always sends true or false, so it is never "missing".
              return (
                <div key={name} className="field">
                  <label className={local.check} htmlFor={id}>
                    <input id={id} type="checkbox" checked={!!raw[name]} onChange={(e) => set(name, e.target.checked)} />
                    {label(name)}
                  </label>
                  <p className="field-hint">{t('hints.boolean', { value: raw[name] ? t('yes') : t('no') })}</p>
                </div>
              );
            }
            return (
              <Field key={name} label={text} htmlFor={id} error={errors[name]} hint={hint(p)}>
                {p.enum ? (
                  <select id={id} value={String(raw[name] ?? '')} onChange={(e) => set(name, e.target.value)} aria-invalid={!!errors[name]}>
                    {!p.required && <option value="">{t('default')}</option>}
                    {p.enum.map((v) => (
                      <option key={v} value={v}>
                        {t.has(`values.${v}`) ? t(`values.${v}`) : v}
                      </option>
                    ))}
                  </select>
                ) : p.type === 'string' && (p.maxLength ?? 0) > 80 ? (
                  <textarea
                    id={id}
                    rows={3}
                    value={String(raw[name] ?? '')}
                    onChange={(e) => set(name, e.target.value)}
                    onBlur={() => {
                      const er = check(name, p, raw[name] ?? '');
                      if (er) setErrors((x) => ({ ...x, [name]: er }));
                    }}
                    aria-invalid={!!errors[name]}
                    className={detail.textarea}
                  />
                ) : (
                  <input
                    id={id}
                    type={p.type === 'number' ? 'number' : 'text'}
                    inputMode={p.type === 'number' ? (p.integer ? 'numeric' : 'decimal') : undefined}
                    min={p.min}
                    max={p.max}
                    step={p.type === 'number' ? (p.integer ? 1 : 'any') : undefined}
                    value={String(raw[name] ?? '')}
                    onChange={(e) => set(name, e.target.value)}
                    onBlur={() => {
                      const er = check(name, p, raw[name] ?? '');
                      if (er) setErrors((x) => ({ ...x, [name]: er }));
                    }}
                    aria-invalid={!!errors[name]}
                  />
                )}
                {p.type === 'string' && p.maxLength && !p.enum ? (
                  <span className={local.small}>
                    {[...String(raw[name] ?? '')].length}/{p.maxLength}
                  </span>
                ) : null}
              </Field>
            );
          })}
        </div>
      )}
      {send.error && <Notice>{errorText(send.error, locale)}</Notice>}
      <div className={detail.commandFoot}>
        {sent && !send.isPending && (
          <span className={local.small} role="status">
            {t('queued')}
          </span>
        )}
        <button type="submit" className="btn btn-small" disabled={disabled || send.isPending}>
          {send.isPending ? t('sending') : t('send')}
        </button>
      </div>
    </form>
  );
}

/** Commands of this device's kind (devices.control only). */
export function CommandPanel({ tenant, deviceId, commands, enabled, onSent }: { tenant: string; deviceId: string; commands: CommandDef[]; enabled: boolean; onSent: (id: string) => void }) {
  const t = useTranslations('devices.command');
  return (
    <section className="card" data-testid="command-panel">
      <h2>{t('title')}</h2>
      {!enabled && <Notice kind="info">{t('disabledDevice')}</Notice>}
      {commands.length === 0 ? (
        <p className={local.chartEmpty}>{t('none')}</p>
      ) : (
        <>
          <p className="field-hint">{t('hint')}</p>
          <div className={detail.commands}>
            {commands.map((c) => (
              <CommandForm key={c.key} tenant={tenant} deviceId={deviceId} def={c} disabled={!enabled} onSent={onSent} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
