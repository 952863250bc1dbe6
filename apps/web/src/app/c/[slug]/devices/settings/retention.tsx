'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState, type FormEvent } from 'react';
import { Field, Notice } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import css from './settings.module.css';

const MAX = 3650;
type Form = { telemetryDays: string; accessDays: string };

/** How long device data is kept (R5.3.7: access records at least 180 days, telemetry 90). */
export function Retention({ tenant, canManage }: { tenant: string; canManage: boolean }) {
  const t = useTranslations('devices.settings.retention');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.devices.retention.queryOptions({ tenant }));
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof Form, string>>>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (query.data && !form) setForm({ telemetryDays: String(query.data.telemetryDays), accessDays: String(query.data.accessDays) });
  }, [query.data, form]);

  const save = useMutation(
    trpc.devices.setRetention.mutationOptions({
      onSuccess: (r) => {
        queryClient.setQueryData(trpc.devices.retention.queryKey({ tenant }), r);
        setForm({ telemetryDays: String(r.telemetryDays), accessDays: String(r.accessDays) });
        setSaved(true);
      },
    }),
  );

  const checkOne = (k: keyof Form, v: string): string | undefined => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isInteger(n)) return t('errors.integer');
    if (k === 'telemetryDays' && n < 90) return t('errors.telemetryMin');
    if (k === 'accessDays' && n < 180) return t('errors.accessMin');
    if (n > MAX) return t('errors.max');
    return undefined;
  };
  const set = (k: keyof Form) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setForm((f) => (f ? { ...f, [k]: value } : f));
    setErrors(({ [k]: _d, ...rest }) => rest);
    setSaved(false);
    save.reset();
  };
  const blur = (k: keyof Form) => () => {
    if (!form) return;
    const er = checkOne(k, form[k]);
    if (er) setErrors((x) => ({ ...x, [k]: er }));
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    const found: Partial<Record<keyof Form, string>> = {};
    for (const k of ['telemetryDays', 'accessDays'] as const) {
      const er = checkOne(k, form[k]);
      if (er) found[k] = er;
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    save.mutate({ tenant, telemetryDays: Number(form.telemetryDays), accessDays: Number(form.accessDays) });
  }

  return (
    <section className="card" id="retention" data-testid="retention">
      <h2>{t('title')}</h2>
      <p className={css.intro}>{t('intro')}</p>
      {query.error && (
        <Notice>
          {errorText(query.error, locale)}{' '}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => query.refetch()}>
            {tc('retry')}
          </button>
        </Notice>
      )}
      {!form ? (
        !query.error && <p className="subtitle">{tc('loading')}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className={css.retention}>
            <Field label={t('telemetry')} htmlFor="ret-telemetry" error={errors.telemetryDays} hint={t('telemetryHint')}>
              <input id="ret-telemetry" type="number" inputMode="numeric" min={90} max={MAX} step={1} value={form.telemetryDays} onChange={set('telemetryDays')} onBlur={blur('telemetryDays')} disabled={!canManage} aria-invalid={!!errors.telemetryDays} data-testid="ret-telemetry" />
            </Field>
            <Field label={t('access')} htmlFor="ret-access" error={errors.accessDays} hint={t('accessHint')}>
              <input id="ret-access" type="number" inputMode="numeric" min={180} max={MAX} step={1} value={form.accessDays} onChange={set('accessDays')} onBlur={blur('accessDays')} disabled={!canManage} aria-invalid={!!errors.accessDays} data-testid="ret-access" />
            </Field>
          </div>
          {save.error && <Notice>{errorText(save.error, locale)}</Notice>}
          {canManage && (
            <div className={css.foot}>
              <button type="submit" className="btn" disabled={save.isPending} data-testid="ret-save">
                {save.isPending ? t('saving') : t('save')}
              </button>
              {saved && (
                <span className={css.inlineStatus} role="status">
                  {t('saved')}
                </span>
              )}
            </div>
          )}
        </form>
      )}
    </section>
  );
}
