'use client';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { Field } from '@/components/ui';
import type { CommandDef, ParamDef } from '@linli/iot/catalog/types';
import detail from './[id]/detail.module.css';
import local from './devices.module.css';

/** Raw form values of a command's parameters (text as typed, booleans as checked). */
export type RawParams = Record<string, string | boolean>;

export const initialParams = (def: CommandDef): RawParams =>
  Object.fromEntries(Object.entries(def.params).map(([name, p]) => [name, p.type === 'boolean' ? false : p.enum && p.required ? (p.enum[0] ?? '') : '']));

/** The typed parameters to send: empty optional fields are left out, numbers parsed. */
export function paramsOf(def: CommandDef, raw: RawParams): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(def.params)) {
    const v = raw[name];
    if (p.type === 'boolean') params[name] = !!v;
    else if (String(v ?? '').trim() === '') continue;
    else params[name] = p.type === 'number' ? Number(v) : String(v);
  }
  return params;
}

/** Checks one parameter as the device catalog defines it (same rules as the server's validateCommand). */
export function useParamCheck() {
  const t = useTranslations('devices.command');
  const check = useCallback(
    (p: ParamDef, v: string | boolean): string | null => {
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
      return null;
    },
    [t],
  );
  const checkAll = useCallback(
    (def: CommandDef, raw: RawParams): Record<string, string> => {
      const out: Record<string, string> = {};
      for (const [name, p] of Object.entries(def.params)) {
        const e = check(p, raw[name] ?? '');
        if (e) out[name] = e;
      }
      return out;
    },
    [check],
  );
  return { check, checkAll };
}

/**
 * The inputs of one command's parameters, built from its catalog definition. Shared by the
 * device's command panel and the group command dialog; the parent owns values and errors.
 */
export function CommandParams({
  def,
  raw,
  errors,
  idPrefix,
  onChange,
  onError,
}: {
  def: CommandDef;
  raw: RawParams;
  errors: Record<string, string>;
  idPrefix: string;
  onChange: (name: string, value: string | boolean) => void;
  /** Called on blur with the field's problem (if any), so mistakes show before sending. */
  onError: (name: string, error: string) => void;
}) {
  const t = useTranslations('devices.command');
  const { check } = useParamCheck();
  const label = (name: string) => (t.has(`params.${name}`) ? t(`params.${name}`) : name);
  const hint = (p: ParamDef) => {
    if (p.type === 'number') return [p.min !== undefined || p.max !== undefined ? t('hints.range', { min: p.min ?? '−∞', max: p.max ?? '∞' }) : null, p.integer ? t('hints.integer') : null].filter(Boolean).join(' · ') || undefined;
    if (p.type === 'string' && !p.enum && p.maxLength) return t('hints.maxLength', { n: p.maxLength });
    return undefined;
  };
  const blur = (name: string, p: ParamDef) => () => {
    const er = check(p, raw[name] ?? '');
    if (er) onError(name, er);
  };
  const params = Object.entries(def.params);
  if (!params.length) return null;
  return (
    <div className={detail.params}>
      {params.map(([name, p]) => {
        const id = `${idPrefix}-${def.key}-${name}`;
        const text = `${label(name)}${p.required ? ' *' : ''}`;
        if (p.type === 'boolean') {
          // A checkbox always sends true or false, so it is never "missing".
          return (
            <div key={name} className="field">
              <label className={local.check} htmlFor={id}>
                <input id={id} type="checkbox" checked={!!raw[name]} onChange={(e) => onChange(name, e.target.checked)} />
                {label(name)}
              </label>
              <p className="field-hint">{t('hints.boolean', { value: raw[name] ? t('yes') : t('no') })}</p>
            </div>
          );
        }
        return (
          <Field key={name} label={text} htmlFor={id} error={errors[name]} hint={hint(p)}>
            {p.enum ? (
              <select id={id} value={String(raw[name] ?? '')} onChange={(e) => onChange(name, e.target.value)} aria-invalid={!!errors[name]}>
                {!p.required && <option value="">{t('default')}</option>}
                {p.enum.map((v) => (
                  <option key={v} value={v}>
                    {t.has(`values.${v}`) ? t(`values.${v}`) : v}
                  </option>
                ))}
              </select>
            ) : p.type === 'string' && (p.maxLength ?? 0) > 80 ? (
              <textarea id={id} rows={3} value={String(raw[name] ?? '')} onChange={(e) => onChange(name, e.target.value)} onBlur={blur(name, p)} aria-invalid={!!errors[name]} className={detail.textarea} />
            ) : (
              <input
                id={id}
                type={p.type === 'number' ? 'number' : 'text'}
                inputMode={p.type === 'number' ? (p.integer ? 'numeric' : 'decimal') : undefined}
                min={p.min}
                max={p.max}
                step={p.type === 'number' ? (p.integer ? 1 : 'any') : undefined}
                value={String(raw[name] ?? '')}
                onChange={(e) => onChange(name, e.target.value)}
                onBlur={blur(name, p)}
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
  );
}
