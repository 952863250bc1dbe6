'use client';
import { useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { useTRPC } from '@/trpc/react';
import { LiveStatus, SeverityBadge } from '../devices/badges';
import { useCatalog, useLive, useThrottled, type LiveEvent } from '../devices/hooks';
import { AlarmList, DEFAULT_FILTERS, type AlarmFilters } from './alarm-list';
import { AlarmStats } from './alarm-stats';
import styles from './alarms.module.css';
import { RejectedView } from './rejected-view';
import { useAlarmSound } from './sound';

type Tab = 'alarms' | 'rejected';
type Raised = Extract<LiveEvent, { type: 'alarm' }>;

/** Live alarms (with a beep for critical ones), statistics and the rejected-message log. */
export function AlarmsView({ tenant, canHandle, initialTab }: { tenant: string; canHandle: boolean; initialTab: Tab }) {
  const t = useTranslations('devices.alarms');
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const catalog = useCatalog(tenant);
  const sound = useAlarmSound();
  const [tab, setTab] = useState<Tab>(initialTab);
  const [filters, setFilters] = useState<AlarmFilters>(DEFAULT_FILTERS);
  const [page, setPage] = useState(1);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [latest, setLatest] = useState<Raised | null>(null);

  const seen = useRef(new Set<string>());
  const refresh = useThrottled(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.devices.alarms.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.devices.alarmStats.queryKey() });
  }, 1000);
  const live = useLive(tenant, (e) => {
    if (e.type !== 'alarm') return;
    refresh();
    // A repeat of an open alarm is announced again; only its first appearance is new.
    if (e.state !== 'raised' || seen.current.has(e.alarmId)) return;
    seen.current.add(e.alarmId);
    setFresh((s) => new Set(s).add(e.alarmId));
    setLatest(e);
    if (e.severity === 'critical') sound.beep();
  });

  function switchTab(next: Tab) {
    setTab(next);
    router.replace(next === 'alarms' ? pathname : `${pathname}?tab=${next}`, { scroll: false });
  }
  const showLatest = () => {
    setFilters(DEFAULT_FILTERS);
    setPage(1);
    setLatest(null);
    switchTab('alarms');
  };

  return (
    <>
      <div className={styles.topbar}>
        <LiveStatus status={live} />
        <span className={styles.sound}>
          <button
            type="button"
            className={`btn btn-ghost btn-small${sound.enabled ? ` ${styles.soundOn}` : ''}`}
            aria-pressed={sound.enabled}
            onClick={() => sound.setEnabled(!sound.enabled)}
            data-testid="sound-toggle"
          >
            <SpeakerIcon on={sound.enabled} />
            {sound.enabled ? t('sound.on') : t('sound.off')}
          </button>
          {sound.enabled && !sound.ready && <span className="field-hint">{t('sound.needsClick')}</span>}
        </span>
      </div>
      {latest && (
        <div className={`notice ${latest.severity === 'critical' ? 'notice-error' : 'notice-info'} ${styles.banner}`} role="alert" data-testid="new-alarm">
          <SeverityBadge severity={latest.severity} />
          <strong>{t('newAlarm')}</strong>
          {locale === 'en' ? latest.titleEn : latest.titleZh} · {latest.deviceCode}
          {(page !== 1 || tab !== 'alarms' || JSON.stringify(filters) !== JSON.stringify(DEFAULT_FILTERS)) && (
            <button type="button" className="btn btn-small" onClick={showLatest}>
              {t('showNew')}
            </button>
          )}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setLatest(null)} aria-label={t('dismiss')}>
            ✕
          </button>
        </div>
      )}
      <div className={styles.tabs} role="tablist">
        <button type="button" role="tab" className={styles.tab} aria-selected={tab === 'alarms'} onClick={() => switchTab('alarms')} data-testid="tab-alarms">
          {t('tabAlarms')}
        </button>
        <button type="button" role="tab" className={styles.tab} aria-selected={tab === 'rejected'} onClick={() => switchTab('rejected')} data-testid="tab-rejected">
          {t('tabRejected')}
        </button>
      </div>
      {tab === 'alarms' ? (
        <>
          <AlarmStats
            tenant={tenant}
            kindName={catalog.kindName}
            onSeverity={(severity) => {
              setFilters({ ...DEFAULT_FILTERS, severity: severity as AlarmFilters['severity'] });
              setPage(1);
            }}
          />
          <AlarmList
            tenant={tenant}
            canHandle={canHandle}
            kinds={catalog.kinds}
            kindName={catalog.kindName}
            filters={filters}
            setFilters={setFilters}
            page={page}
            setPage={setPage}
            fresh={fresh}
          />
        </>
      ) : (
        <RejectedView tenant={tenant} />
      )}
    </>
  );
}

function SpeakerIcon({ on }: { on: boolean }) {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
      <path d="M2 6h3l4-3v10l-4-3H2z" fill="currentColor" stroke="none" />
      {on ? <path d="M11 5.5a3.5 3.5 0 0 1 0 5M12.8 3.5a6 6 0 0 1 0 9" /> : <path d="M11 6l4 4M15 6l-4 4" />}
    </svg>
  );
}
