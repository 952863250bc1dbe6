'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import type { SyncStatus } from '../sync/engine';
import { ConflictList } from './conflicts';
import { useSyncStatus, useField } from './context';
import { RefusedPhotos } from './refused-photos';
import s from './field.module.css';

export type BarState = 'offline' | 'signedOut' | 'failing' | 'syncing' | 'preparing' | 'synced';

/**
 * The one word the bar leads with. "Synced" only when every record and photo this tablet holds
 * is confirmed by the server and the app itself opens without network; a session that ended or a
 * server that does not answer is said as such, not hidden behind "syncing" (issue #10).
 */
export function barState(st: SyncStatus): BarState {
  if (!st.online) return 'offline';
  if (st.signedOut) return 'signedOut';
  if (st.failing) return 'failing';
  if (st.syncing || !st.ready || !st.counted.records || !st.counted.photos || st.pendingPushes + st.pendingPhotos > 0) return 'syncing';
  if (st.offlineApp.state === 'preparing') return 'preparing';
  return 'synced';
}

/** Online/offline, what waits to be sent, last sync, conflicts: the worker sees nothing is lost. */
export function StatusBar() {
  const t = useTranslations('field.status');
  const locale = useLocale();
  const st = useSyncStatus();
  const { engine } = useField();
  const [showConflicts, setShowConflicts] = useState(false);
  const [showRefused, setShowRefused] = useState(false);
  const state = barState(st);
  const pill = state === 'synced' ? s.pillOn : state === 'signedOut' || state === 'failing' ? s.pillBad : s.pillOff;
  const last = st.lastSyncAt ? new Date(st.lastSyncAt).toLocaleString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', month: 'numeric', day: 'numeric' }) : t('never');
  const app = st.offlineApp;
  const percent = app.state === 'preparing' && app.percent !== null ? app.percent : null;
  const say = (m: { zh: string; en: string }) => (locale === 'en' ? m.en : m.zh);
  return (
    <>
      <div
        className={`${s.status} ${st.online ? '' : s.statusOffline}`}
        data-testid="sync-status"
        data-state={state}
        data-pending={st.pendingPushes}
        data-photos={st.pendingPhotos}
        data-refused-photos={st.refusedPhotos}
        data-offline-app={app.state}
        role="status"
      >
        <span className={`${s.pill} ${pill}`}>{state === 'preparing' ? t('preparing', { percent: percent ?? 0 }) : t(state)}</span>
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
        {st.refusedPhotos > 0 && (
          <button type="button" className={`btn btn-ghost btn-small ${s.count} ${s.warnText}`} data-testid="refused-photos-toggle" aria-expanded={showRefused} onClick={() => setShowRefused(!showRefused)}>
            {t('refusedPhotos')} <b>{st.refusedPhotos}</b>
          </button>
        )}
        {app.state === 'preparing' && state !== 'preparing' && (
          <span className={s.count} data-testid="offline-app">
            {t('offlineNotReady', { percent: percent ?? 0 })}
          </span>
        )}
        {app.state === 'unavailable' && (
          <span className={`${s.count} ${s.warnText}`} data-testid="offline-app">
            {t('offlineUnavailable')}
          </span>
        )}
        {st.photosElsewhere > 0 && <span className={s.count}>{t('photosElsewhere', { count: st.photosElsewhere })}</span>}
        {state === 'offline' && <span className={s.count}>{t('offlineHint')}</span>}
        {state === 'failing' && <span className={s.count}>{t('failingHint')}</span>}
        {state === 'signedOut' && (
          <>
            <span className={s.count}>{t('signedOutHint')}</span>
            <a className="btn btn-small" href="/login?next=/field" data-testid="sign-in-again">
              {t('signIn')}
            </a>
          </>
        )}
      </div>
      {st.clockWarning && (
        <div className={s.refusals} role="alert" data-testid="clock-warning">
          {say(st.clockWarning)}
        </div>
      )}
      {showConflicts && (
        <div className={s.status}>
          <ConflictList />
        </div>
      )}
      {showRefused && st.refusedPhotos > 0 && (
        <div className={s.status}>
          <RefusedPhotos />
        </div>
      )}
      {st.refusals.length > 0 && (
        <div className={s.refusals} role="alert" data-testid="refusals">
          {t('refused', { count: st.refusals.length })}{' '}
          {st.refusals.slice(0, 3).map((r, i) => (
            <span key={i}>· {say(r.message)} </span>
          ))}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => engine.dismissRefusals()}>
            {t('dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
