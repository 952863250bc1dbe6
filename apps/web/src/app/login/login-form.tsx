'use client';
import { useMutation } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Field, Notice } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations('auth');
  const locale = useLocale();
  const trpc = useTRPC();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const signIn = useMutation(trpc.auth.signIn.mutationOptions({ onSuccess: () => window.location.assign(next) }));
  const missing = { username: touched && !username.trim(), password: touched && !password };

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!username.trim() || !password) return;
    signIn.mutate({ username, password });
  }

  return (
    <form onSubmit={submit} noValidate>
      {signIn.error && <Notice>{errorText(signIn.error, locale)}</Notice>}
      <Field label={t('username')} htmlFor="username" error={missing.username ? t('usernameRequired') : undefined}>
        <input id="username" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
      </Field>
      <Field label={t('password')} htmlFor="password" error={missing.password ? t('passwordRequired') : undefined}>
        <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <button type="submit" className="btn" disabled={signIn.isPending}>
        {signIn.isPending ? t('signingIn') : t('signIn')}
      </button>
    </form>
  );
}
