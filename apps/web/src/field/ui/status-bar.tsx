'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConflictList } from './conflicts';
import { useSyncStatus, useField } from './context';
import s from './field.module.css';

/** Online/offline, what waits to be sent, last sync, conflicts: the worker sees nothing is lost. */
export function StatusBar() {
  const t = useTranslations('field.status');
  const locale = useLocale();
  const st = useSyncStatus();
  const { engine } = useField();
  const [showConflicts, setShowConflicts] = useState(false);
  const waiting = st.pendingPushes + st.pendingPhotos;
  const state = !st.online ? 'offline' : st.signedOut ? 'signedOut' : st.syncing || !st.ready || waiting > 0 ? 'syncing' : 'synced';
  const pill = state === 'synced' ? s.pillOn : state === 'signedOut' ? s.pillBad : s.pillOff;
  const last = st.lastSyncAt ? new Date(st.lastSyncAt).toLocaleString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', month: 'numeric', day: 'numeric' }) : t('never');
  return (
    <>
      <div className={`${s.status} ${st.online ? '' : s.statusOffline}`} data-testid="sync-status" data-state={state} data-pending={st.pendingPushes} data-photos={st.pendingPhotos} role="status">
        <span className={`${s.pill} ${pill}`}>{t(state)}</span>
        <span className={s.count} data-testid="pending-pushes">
          {t('pendingPushes')} <b>{st.pendingPushes}</b>
        </span>
        <span className={s.count} data-testid="pending-photos">
          {t('pendingPhotos')} <b>{st.pendingPhotos}</b>
          {st.uploading && ` (${Math.round((st.uploading.sent / st.uploading.size) * 100)}%)`}
        </span>
        <span className={s.count}>
          {t('lastSync')} <b>{last}</b>
        </span>
        <button type="button" className={`btn btn-ghost btn-small ${s.count}`} data-testid="open-conflicts" data-count={st.openConflicts} aria-expanded={showConflicts} onClick={() => setShowConflicts(!showConflicts)}>
          {t('conflicts')} <b>{st.openConflicts}</b>
        </button>
        {state === 'offline' && <span className={s.count}>{t('offlineHint')}</span>}
        {state === 'signedOut' && (
          <a className="btn btn-small" href="/login?next=/field">
            {t('signIn')}
          </a>
        )}
      </div>
      {showConflicts && (
        <div className={s.status}>
          <ConflictList />
        </div>
      )}
      {st.refusals.length > 0 && (
        <div className={s.refusals} role="alert" data-testid="refusals">
          {t('refused', { count: st.refusals.length })}{' '}
          {st.refusals.slice(0, 3).map((r, i) => (
            <span key={i}>· {locale === 'en' ? r.message.en : r.message.zh} </span>
          ))}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => engine.dismissRefusals()}>
            {t('dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
