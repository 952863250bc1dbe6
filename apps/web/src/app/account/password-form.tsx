'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Field, Notice } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import styles from './account.module.css';

const MIN_LENGTH = 10;
type FieldName = 'currentPassword' | 'newPassword' | 'confirm';
interface Bilingual {
  zh: string;
  en: string;
}

/** The password policy answers with the field it is about and every problem found. */
function serverFieldError(error: unknown, locale: string): { field: FieldName; text: string } | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = error.data as { details?: { field?: string; problems?: Bilingual[] } | null } | undefined;
  const field = data?.details?.field;
  if (field !== 'currentPassword' && field !== 'newPassword') return null;
  const problems = data?.details?.problems;
  const text = problems?.length ? problems.map((p) => (locale === 'en' ? p.en : p.zh)).join(locale === 'en' ? ' ' : '；') : errorText(error, locale);
  return { field, text };
}

export function PasswordForm() {
  const t = useTranslations('account.password');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [done, setDone] = useState(false);
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: () => {
        setValues({ currentPassword: '', newPassword: '', confirm: '' });
        setErrors({});
        setDone(true);
        void queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
      },
      onError: (error) => {
        const f = serverFieldError(error, locale);
        if (f) setErrors({ [f.field]: f.text });
      },
    }),
  );
  const serverField = change.error ? serverFieldError(change.error, locale) : null;

  function check(v = values) {
    const out: Partial<Record<FieldName, string>> = {};
    if (!v.currentPassword) out.currentPassword = t('currentRequired');
    if (v.newPassword.length < MIN_LENGTH) out.newPassword = t('tooShort', { min: MIN_LENGTH });
    else if (v.newPassword === v.currentPassword) out.newPassword = t('same');
    if (v.confirm !== v.newPassword) out.confirm = t('mismatch');
    return out;
  }
  const set = (field: FieldName) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    setErrors(({ [field]: _dropped, ...rest }) => rest);
    setDone(false);
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length) return;
    change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword });
  }

  return (
    <section className="card" aria-labelledby="pw-title">
      <h2 id="pw-title">{t('title')}</h2>
      {done && (
        <Notice kind="success">
          <span data-testid="password-changed">{t('changed')}</span>
        </Notice>
      )}
      {change.error && !serverField && <Notice>{errorText(change.error, locale)}</Notice>}
      <form onSubmit={submit} noValidate className={styles.form}>
        <Field label={t('current')} htmlFor="pw-current" error={errors.currentPassword}>
          <input id="pw-current" type="password" autoComplete="current-password" value={values.currentPassword} onChange={set('currentPassword')} aria-invalid={!!errors.currentPassword} />
        </Field>
        <Field label={t('new')} htmlFor="pw-new" error={errors.newPassword} hint={t('policy', { min: MIN_LENGTH })}>
          <input
            id="pw-new"
            type="password"
            autoComplete="new-password"
            value={values.newPassword}
            onChange={set('newPassword')}
            onBlur={() => values.newPassword && values.newPassword.length < MIN_LENGTH && setErrors((p) => ({ ...p, newPassword: t('tooShort', { min: MIN_LENGTH }) }))}
            aria-invalid={!!errors.newPassword}
          />
        </Field>
        <Field label={t('confirm')} htmlFor="pw-confirm" error={errors.confirm}>
          <input
            id="pw-confirm"
            type="password"
            autoComplete="new-password"
            value={values.confirm}
            onChange={set('confirm')}
            onBlur={() => values.confirm && values.confirm !== values.newPassword && setErrors((p) => ({ ...p, confirm: t('mismatch') }))}
            aria-invalid={!!errors.confirm}
          />
        </Field>
        <p className="field-hint" style={{ marginBottom: 8 }}>
          {t('sessionsNote')}
        </p>
        <button type="submit" className="btn" disabled={change.isPending}>
          {change.isPending ? t('saving') : t('submit')}
        </button>
      </form>
    </section>
  );
}
