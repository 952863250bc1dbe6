'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Notice } from '@/components/ui';
import { formatDateTime } from '@/lib/datetime';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import styles from './account.module.css';

/** "Chrome · Windows" out of a user-agent string; the full string stays in the tooltip. */
function deviceOf(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /MicroMessenger/.test(ua)
      ? 'WeChat'
      : /HeadlessChrome/.test(ua)
        ? 'Headless Chrome'
        : /Chrome\//.test(ua)
          ? 'Chrome'
          : /Firefox\//.test(ua)
            ? 'Firefox'
            : /Safari\//.test(ua)
              ? 'Safari'
              : /^curl\//.test(ua)
                ? 'curl'
                : /node|undici/i.test(ua)
                  ? 'Node.js'
                  : null;
  const os = /iPhone|iPad/.test(ua) ? 'iOS' : /Android/.test(ua) ? 'Android' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  if (!browser && !os) return ua.length > 40 ? `${ua.slice(0, 40)}…` : ua;
  return [browser, os].filter(Boolean).join(' · ');
}

export function SessionsCard() {
  const t = useTranslations('account.sessions');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const sessions = useQuery(trpc.account.sessions.queryOptions());
  const [confirming, setConfirming] = useState(false);
  const everywhere = useMutation(trpc.account.signOutEverywhere.mutationOptions({ onSuccess: () => window.location.assign('/login') }));

  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('title')}</h2>
      <p className="field-hint" style={{ marginBottom: 8 }}>
        {t('hint')}
      </p>
      {sessions.error && (
        <Notice>
          {errorText(sessions.error, locale)}{' '}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => sessions.refetch()}>
            {tc('retry')}
          </button>
        </Notice>
      )}
      {sessions.isPending && <p className="subtitle">{tc('loading')}</p>}
      {sessions.data && (
        <ul className={styles.sessions} data-testid="sessions">
          {sessions.data.map((s) => (
            <li key={s.key} data-testid="session">
              <span className={styles.device} title={s.userAgent ?? undefined}>
                {deviceOf(s.userAgent) ?? t('unknownDevice')}
                {s.current && <span className="badge badge-ok">{t('thisDevice')}</span>}
              </span>
              <span className={styles.meta}>
                {t('ip', { ip: s.ip ?? '—' })}
              </span>
              <span className={styles.meta}>
                {t('created', { time: formatDateTime(s.createdAt) })} · {t('expires', { time: formatDateTime(s.expiresAt) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {everywhere.error && <Notice>{errorText(everywhere.error, locale)}</Notice>}
      {confirming ? (
        <div className={styles.confirm} role="alertdialog" aria-labelledby="confirm-text">
          <p id="confirm-text">{t('confirm', { count: sessions.data?.length ?? 1 })}</p>
          <div className={styles.row}>
            <button type="button" className="btn btn-danger" disabled={everywhere.isPending} onClick={() => everywhere.mutate()} data-testid="confirm-everywhere">
              {everywhere.isPending ? t('signingOut') : t('confirmButton')}
            </button>
            <button type="button" className="btn btn-ghost" disabled={everywhere.isPending} onClick={() => setConfirming(false)}>
              {tc('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="btn btn-ghost" onClick={() => setConfirming(true)} data-testid="sign-out-everywhere">
          {t('everywhere')}
        </button>
      )}
    </section>
  );
}
