'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useLocale, useTranslations } from 'next-intl';
import { Fragment, useState, type FormEvent } from 'react';
import { Field, Notice } from '@/components/ui';
import { errorText, fieldErrorsOf } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import type { AppRouter } from '@linli/api';
import { mergeRules } from '@linli/iot/rules/merge';
import type { AlarmRule, RuleOverride } from '@linli/iot/rules/types';
import styles from '../../console.module.css';
import { SeverityBadge } from '../badges';
import { ConfirmDialog } from '../confirm-dialog';
import local from '../devices.module.css';
import { localName, SEVERITIES, type DeviceKind, type SeverityName } from '../lib';
import { useDescribe } from './describe';
import css from './settings.module.css';

type RuleRow = inferRouterOutputs<AppRouter>['devices']['alarmRules'][number];
type Form = { value: string; clearValue: string; minDuration: string; severity: SeverityName; enabled: boolean };
type FormField = keyof Form;

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

/** The rule with its override applied even when that override turns it off (to prefill the form). */
function current(row: RuleRow): AlarmRule {
  if (row.effective) return row.effective;
  const o = { ...((row.override ?? {}) as Record<string, unknown>), enabled: true, id: row.default.id } as RuleOverride;
  return mergeRules([row.default], [o])[0] ?? row.default;
}

/** The alarm rules of one device kind, as this community runs them, with inline tuning. */
export function AlarmRules({ tenant, kinds, byKind, canManage }: { tenant: string; kinds: DeviceKind[]; byKind: Map<string, DeviceKind>; canManage: boolean }) {
  const t = useTranslations('devices.settings.rules');
  const tc = useTranslations('common');
  const ts = useTranslations('devices.severity');
  const tr = useTranslations('devices.register');
  const tSeverity = (s: string) => (ts.has(s) ? ts(s) : s);
  const tFamily = (fam: string) => (tr.has(`families.${fam}`) ? tr(`families.${fam}`) : fam);
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describe = useDescribe(kinds, byKind);
  const [picked, setPicked] = useState('');
  const kind = picked || (kinds.find((k) => k.kind === 'gas_detector') ?? kinds[0])?.kind || '';
  const def = byKind.get(kind);
  const [editing, setEditing] = useState<string | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Partial<Record<FormField, string>>>({});
  const [status, setStatus] = useState<{ id: string; text: string } | null>(null);
  const [resetting, setResetting] = useState<RuleRow | null>(null);

  const query = useQuery({ ...trpc.devices.alarmRules.queryOptions({ tenant, kind }), enabled: !!kind });
  const save = useMutation(
    trpc.devices.setAlarmRule.mutationOptions({
      onSuccess: (rows, vars) => {
        queryClient.setQueryData(trpc.devices.alarmRules.queryKey({ tenant, kind: vars.kind }), rows);
        setStatus({ id: vars.ruleId, text: vars.override ? t('saved') : t('resetDone') });
        setEditing(null);
        setResetting(null);
      },
    }),
  );

  const open = (row: RuleRow) => {
    const r = current(row);
    setEditing(row.default.id);
    setErrors({});
    setStatus(null);
    save.reset();
    setForm({
      value: r.type === 'threshold' ? text(r.value) : r.type === 'rate' ? text(r.maxChangePerMinute) : r.type === 'offline' ? text(r.afterSeconds) : '',
      clearValue: r.type === 'threshold' ? text(r.clearValue) : '',
      minDuration: r.type === 'threshold' ? text(r.minDurationSeconds ?? 0) : '',
      severity: r.severity,
      enabled: row.effective !== null,
    });
  };

  function check(rule: AlarmRule, f: Form): Partial<Record<FormField, string>> {
    const out: Partial<Record<FormField, string>> = {};
    const num = (s: string) => (s.trim() === '' ? NaN : Number(s));
    if (rule.type === 'threshold') {
      const m = def?.metrics.find((x) => x.key === rule.metric);
      const v = num(f.value);
      if (f.value.trim() === '') out.value = t('errors.required');
      else if (!Number.isFinite(v)) out.value = t('errors.number');
      else if (m && ((m.min !== undefined && v < m.min) || (m.max !== undefined && v > m.max))) out.value = t('errors.range', { min: m.min ?? '−∞', max: m.max ?? '∞' });
      if (f.clearValue.trim() !== '') {
        const c = num(f.clearValue);
        if (!Number.isFinite(c)) out.clearValue = t('errors.number');
        else if (Number.isFinite(v)) {
          const above = rule.op === '>' || rule.op === '>=';
          if (above && c > v) out.clearValue = t('errors.clearAbove');
          if (!above && c < v) out.clearValue = t('errors.clearBelow');
        }
      }
      const d = num(f.minDuration);
      if (f.minDuration.trim() !== '' && (!Number.isInteger(d) || d < 0 || d > 86400)) out.minDuration = t('errors.duration');
    } else if (rule.type === 'rate') {
      const v = num(f.value);
      if (f.value.trim() === '') out.value = t('errors.required');
      else if (!Number.isFinite(v)) out.value = t('errors.number');
      else if (v <= 0) out.value = t('errors.positive');
    } else if (rule.type === 'offline') {
      const v = num(f.value);
      if (f.value.trim() === '') out.value = t('errors.required');
      else if (!Number.isInteger(v) || v < 60 || v > 604800) out.value = t('errors.afterSeconds');
    }
    return out;
  }

  /** Only what differs from the default is stored, so later changes to the default still apply. */
  function overrideOf(row: RuleRow, f: Form): Record<string, unknown> | null {
    const d = row.default;
    const o: Record<string, unknown> = {};
    if (d.type === 'threshold') {
      const value = Number(f.value);
      const clear = f.clearValue.trim() === '' ? undefined : Number(f.clearValue);
      const duration = f.minDuration.trim() === '' ? 0 : Number(f.minDuration);
      if (value !== d.value) o.value = value;
      // With a new limit the clear point is sent too, or the default gap would move it.
      if (clear !== undefined && (clear !== d.clearValue || o.value !== undefined)) o.clearValue = clear;
      if (duration !== (d.minDurationSeconds ?? 0)) o.minDurationSeconds = duration;
    } else if (d.type === 'rate') {
      if (Number(f.value) !== d.maxChangePerMinute) o.maxChangePerMinute = Number(f.value);
    } else if (d.type === 'offline') {
      if (Number(f.value) !== d.afterSeconds) o.afterSeconds = Number(f.value);
    }
    if (f.severity !== d.severity) o.severity = f.severity;
    if (!f.enabled) o.enabled = false;
    return Object.keys(o).length ? o : null;
  }

  function submit(e: FormEvent, row: RuleRow) {
    e.preventDefault();
    if (!form) return;
    const found = check(row.default, form);
    setErrors(found);
    if (Object.keys(found).length) return;
    save.mutate({ tenant, kind, ruleId: row.default.id, override: overrideOf(row, form) });
  }
  const set = (k: FormField) => (value: string | boolean) => {
    setForm((f) => (f ? { ...f, [k]: value } : f));
    setErrors(({ [k]: _d, ...rest }) => rest);
  };
  const blur = (row: RuleRow, k: FormField) => () => {
    if (!form) return;
    const er = check(row.default, form)[k];
    if (er) setErrors((x) => ({ ...x, [k]: er }));
  };

  const families = [...new Set(kinds.map((k) => k.family))];
  const rows = query.data ?? [];
  const fieldId = (id: string, k: string) => `rule-${id}-${k}`.replace(/[^a-zA-Z0-9_-]/g, '_');

  function editor(row: RuleRow) {
    if (!form) return null;
    const d = row.default;
    const m = d.type === 'threshold' || d.type === 'rate' ? def?.metrics.find((x) => x.key === d.metric) : undefined;
    const defaultOf = (k: 'value' | 'clearValue' | 'minDuration') => {
      const v = d.type === 'threshold' ? (k === 'value' ? d.value : k === 'clearValue' ? d.clearValue : (d.minDurationSeconds ?? 0)) : d.type === 'rate' ? d.maxChangePerMinute : d.type === 'offline' ? d.afterSeconds : undefined;
      return v === undefined ? undefined : t('defaultWas', { value: v });
    };
    const numberField = (k: 'value' | 'clearValue' | 'minDuration', label: string, hint?: string) => (
      <Field label={label} htmlFor={fieldId(d.id, k)} error={errors[k]} hint={[hint, defaultOf(k)].filter(Boolean).join(' · ')}>
        <input id={fieldId(d.id, k)} type="number" inputMode="decimal" step="any" value={form[k]} onChange={(e) => set(k)(e.target.value)} onBlur={blur(row, k)} aria-invalid={!!errors[k]} data-testid={`rule-${k}`} />
      </Field>
    );
    const above = d.type === 'threshold' && (d.op === '>' || d.op === '>=');
    return (
      <form className={css.editBox} onSubmit={(e) => submit(e, row)} noValidate data-testid="rule-editor">
        <div className={css.editGrid}>
          {d.type === 'threshold' && (
            <>
              {numberField('value', `${t('fields.value')}${m?.unit ? ` (${m.unit})` : ''}`, m && m.min !== undefined && m.max !== undefined ? t('hints.value', { min: m.min, max: m.max, unit: m.unit }) : undefined)}
              {numberField('clearValue', t('fields.clearValue'), above ? t('hints.clearAbove') : t('hints.clearBelow'))}
              {numberField('minDuration', t('fields.minDuration'), t('hints.minDuration'))}
            </>
          )}
          {d.type === 'rate' && numberField('value', `${t('fields.maxChange')}${m?.unit ? ` (${m.unit})` : ''}`)}
          {d.type === 'offline' && numberField('value', t('fields.afterSeconds'), t('hints.afterSeconds'))}
          <Field label={t('fields.severity')} htmlFor={fieldId(d.id, 'severity')}>
            <select id={fieldId(d.id, 'severity')} value={form.severity} onChange={(e) => set('severity')(e.target.value)} data-testid="rule-severity">
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {tSeverity(s)}
                </option>
              ))}
            </select>
          </Field>
          <div className={css.checkField}>
            <label className={css.check}>
              <input type="checkbox" checked={form.enabled} onChange={(e) => set('enabled')(e.target.checked)} data-testid="rule-enabled" />
              {t('fields.enabled')}
            </label>
          </div>
        </div>
        {save.error && (() => {
          const fe = fieldErrorsOf(save.error, locale);
          return <Notice>{fe.override ?? errorText(save.error, locale)}</Notice>;
        })()}
        <div className={css.editFoot}>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setEditing(null)} disabled={save.isPending}>
            {tc('cancel')}
          </button>
          <button type="submit" className="btn btn-small" disabled={save.isPending} data-testid="rule-save">
            {save.isPending ? t('saving') : tc('save')}
          </button>
        </div>
      </form>
    );
  }
  return (
    <section className="card" id="alarm-rules" data-testid="alarm-rules">
      <h2>{t('title')}</h2>
      <p className={css.intro}>{t('intro')}</p>
      <label className={css.kindPick}>
        {t('kind')}
        <select
          value={kind}
          onChange={(e) => {
            setPicked(e.target.value);
            setEditing(null);
            setStatus(null);
          }}
          data-testid="rules-kind"
        >
          {families.map((fam) => (
            <optgroup key={fam} label={tFamily(fam)}>
              {kinds
                .filter((k) => k.family === fam)
                .map((k) => (
                  <option key={k.kind} value={k.kind}>
                    {localName(k, locale)}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      {query.error && (
        <Notice>
          {errorText(query.error, locale)}{' '}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => query.refetch()}>
            {tc('retry')}
          </button>
        </Notice>
      )}
      {query.isPending && !!kind && <p className="subtitle">{tc('loading')}</p>}
      {query.data && rows.length === 0 && <p className={local.chartEmpty}>{t('empty')}</p>}
      {rows.length > 0 && (
        <div className={`table-wrap ${styles.table}`}>
          <table>
            <thead>
              <tr>
                <th>{t('col.name')}</th>
                <th>{t('col.type')}</th>
                <th>{t('col.condition')}</th>
                <th>{t('col.severity')}</th>
                <th>{t('col.enabled')}</th>
                {canManage && <th>{t('col.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const r = current(row);
                const open_ = editing === row.default.id;
                return (
                  <Fragment key={row.default.id}>
                    <tr data-testid="rule-row" data-rule={row.default.id}>
                      <td className={css.ruleName}>
                        {localName(r, locale)}
                        {row.override && (
                          <>
                            {' '}
                            <span className="badge badge-warn">{t('overridden')}</span>
                          </>
                        )}
                        {status?.id === row.default.id && (
                          <div className={css.inlineStatus} role="status">
                            {status.text}
                          </div>
                        )}
                      </td>
                      <td className={styles.nowrap}>{t(`type.${r.type}`)}</td>
                      <td className={css.condition}>
                        {describe.condition(r, kind)}
                        {row.override && <div className={local.small}>{t('defaultWas', { value: describe.condition(row.default, kind) })}</div>}
                      </td>
                      <td>
                        <SeverityBadge severity={r.severity} />
                      </td>
                      <td>{row.effective ? <span className="badge badge-ok">{t('on')}</span> : <span className="badge">{t('off')}</span>}</td>
                      {canManage && (
                        <td>
                          <div className={styles.rowActions}>
                            <button type="button" className="btn btn-ghost btn-small" onClick={() => (open_ ? setEditing(null) : open(row))} aria-expanded={open_} data-testid="rule-edit">
                              {t('edit')}
                            </button>
                            {row.override && (
                              <button
                                type="button"
                                className="btn btn-ghost btn-small"
                                onClick={() => {
                                  save.reset();
                                  setResetting(row);
                                }}
                                data-testid="rule-reset"
                              >
                                {t('reset')}
                              </button>
                            )}
                          </div>
                        </td>
                      )}
                    </tr>
                    {open_ && (
                      <tr className={css.editRow}>
                        <td colSpan={canManage ? 6 : 5}>{editor(row)}</td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {resetting && (
        <ConfirmDialog
          title={t('resetTitle')}
          body={t('resetBody', { name: localName(resetting.default, locale) })}
          confirm={t('reset')}
          busy={save.isPending}
          error={save.error ? errorText(save.error, locale) : null}
          onClose={() => setResetting(null)}
          onConfirm={() => save.mutate({ tenant, kind, ruleId: resetting.default.id, override: null })}
        />
      )}
    </section>
  );
}
