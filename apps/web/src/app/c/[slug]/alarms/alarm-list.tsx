'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { nextAlarmState, type AlarmState } from '@linli/iot/rules/lifecycle';
import { Pager } from '@/components/pager';
import { EmptyState, Notice } from '@/components/ui';
import { dayBound, formatTimestamp } from '@/lib/datetime';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';
import { AlarmStateBadge, SeverityBadge } from '../devices/badges';
import { ConfirmDialog } from '../devices/confirm-dialog';
import local from '../devices/devices.module.css';
import { ALARM_STATE_NAMES, formatNumber, SEVERITIES, type AlarmRow, type DeviceKind } from '../devices/lib';
import { AlarmContextDialog } from './alarm-context';
import alarmStyles from './alarms.module.css';
import { QueryStatus } from '@/components/query-status';

const PAGE_SIZE = 20;

export interface AlarmFilters {
  state: 'open' | 'all' | (typeof ALARM_STATE_NAMES)[number];
  severity: '' | (typeof SEVERITIES)[number];
  kind: string;
  from: string;
  to: string;
}
export const DEFAULT_FILTERS: AlarmFilters = { state: 'open', severity: '', kind: '', from: '', to: '' };

const statesOf = (s: AlarmFilters['state']) => (s === 'open' ? (['raised', 'acknowledged'] as const) : s === 'all' ? undefined : ([s] as const));

/** The alarm list: filters, pagination, fresh alarms highlighted, acknowledge/close for those allowed. */
export function AlarmList({
  tenant,
  canHandle,
  kinds,
  kindName,
  filters,
  setFilters,
  page,
  setPage,
  fresh,
}: {
  tenant: string;
  canHandle: boolean;
  kinds: DeviceKind[];
  kindName: (kind: string) => string;
  filters: AlarmFilters;
  setFilters: (f: AlarmFilters) => void;
  page: number;
  setPage: (p: number) => void;
  fresh: Set<string>;
}) {
  const t = useTranslations('devices.alarms');
  const tl = useTranslations('linkage');
  const tc = useTranslations('common');
  const ts = useTranslations('devices.severity');
  const tst = useTranslations('devices.alarmState');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [handling, setHandling] = useState<{ alarm: AlarmRow; action: 'acknowledge' | 'close' } | null>(null);
  const [contextOf, setContextOf] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const rangeError = filters.from && filters.to && filters.from > filters.to ? t('rangeError') : null;

  const query = useQuery({
    ...trpc.devices.alarms.queryOptions({
      tenant,
      page,
      pageSize: PAGE_SIZE,
      states: statesOf(filters.state) ? [...statesOf(filters.state)!] : undefined,
      severity: filters.severity || undefined,
      kind: filters.kind || undefined,
      from: !rangeError && filters.from ? dayBound(filters.from, false) : undefined,
      to: !rangeError && filters.to ? dayBound(filters.to, true) : undefined,
    }),
    placeholderData: keepPreviousData,
    // Pushes trigger a re-read at once; this is the safety net if one is missed (reconnects).
    refetchInterval: 5000,
  });
  const handle = useMutation(
    trpc.devices.handleAlarm.mutationOptions({
      onSuccess: (r) => {
        setHandling(null);
        setDone(r.state === 'closed' ? t('closedDone') : t('acknowledgedDone'));
        void queryClient.invalidateQueries({ queryKey: trpc.devices.alarms.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.devices.alarmStats.queryKey() });
      },
    }),
  );

  const set = <K extends keyof AlarmFilters>(k: K, v: AlarmFilters[K]) => {
    setFilters({ ...filters, [k]: v });
    setPage(1);
    setDone(null);
  };
  const filtered = JSON.stringify(filters) !== JSON.stringify(DEFAULT_FILTERS);
  const data = query.data;
  const can = (a: AlarmRow, action: 'acknowledge' | 'close') => !!nextAlarmState(a.state as AlarmState, action);

  return (
    <section className="card">
      <div className={styles.filters}>
        <label>
          {t('filters.state')}
          <select value={filters.state} onChange={(e) => set('state', e.target.value as AlarmFilters['state'])} data-testid="filter-state">
            <option value="open">{t('filters.open')}</option>
            <option value="all">{t('filters.allStates')}</option>
            {ALARM_STATE_NAMES.map((s) => (
              <option key={s} value={s}>
                {tst(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filters.severity')}
          <select value={filters.severity} onChange={(e) => set('severity', e.target.value as AlarmFilters['severity'])} data-testid="filter-severity">
            <option value="">{tc('all')}</option>
            {[...SEVERITIES].reverse().map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filters.kind')}
          <select value={filters.kind} onChange={(e) => set('kind', e.target.value)}>
            <option value="">{tc('all')}</option>
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {kindName(k.kind)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filters.from')}
          <input type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set('from', e.target.value)} aria-invalid={!!rangeError} />
        </label>
        <label>
          {t('filters.to')}
          <input type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => set('to', e.target.value)} aria-invalid={!!rangeError} />
        </label>
        {filtered && (
          <button type="button" className="btn btn-ghost" onClick={() => { setFilters(DEFAULT_FILTERS); setPage(1); }}>
            {t('filters.reset')}
          </button>
        )}
      </div>
      {rangeError && <p className="field-error" role="alert" style={{ marginBottom: 12 }}>{rangeError}</p>}
      {done && <Notice kind="success">{done}</Notice>}
      <QueryStatus query={query} />

      {data && data.total === 0 ? (
        filtered ? (
          <EmptyState
            title={t('empty.filteredTitle')}
            hint={filters.state === 'open' ? t('empty.openHint') : t('empty.filteredHint')}
            action={
              <button type="button" className="btn btn-ghost" onClick={() => { setFilters({ ...DEFAULT_FILTERS, state: 'all' }); setPage(1); }}>
                {t('empty.showAll')}
              </button>
            }
          />
        ) : (
          <EmptyState
            title={t('empty.openTitle')}
            hint={t('empty.openHint')}
            action={
              <button type="button" className="btn btn-ghost" onClick={() => { setFilters({ ...DEFAULT_FILTERS, state: 'all' }); setPage(1); }}>
                {t('empty.showAll')}
              </button>
            }
          />
        )
      ) : data ? (
        <>
          <div className="toolbar">
            <span className={styles.muted}>{t('count', { total: data.total })}</span>
          </div>
          <div className={`table-wrap ${styles.table}`} aria-busy={query.isFetching}>
            <table>
              <thead>
                <tr>
                  <th>{t('col.time')}</th>
                  <th>{t('col.severity')}</th>
                  <th>{t('col.title')}</th>
                  <th>{t('col.device')}</th>
                  <th className="num">{t('col.value')}</th>
                  <th>{t('col.state')}</th>
                  <th className="num">{t('col.occurrences')}</th>
                  {canHandle && <th>{t('col.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {data.items.map((a) => (
                  <tr key={a.id} className={fresh.has(a.id) ? alarmStyles.fresh : a.severity === 'critical' && a.state === 'raised' ? alarmStyles.critical : undefined} data-testid="alarm-row">
                    <td className={styles.nowrap}>
                      {formatTimestamp(a.raisedAt)}
                      {a.lastAt && new Date(a.lastAt).getTime() - new Date(a.raisedAt).getTime() > 60_000 && <div className={local.small}>{t('lastAt', { time: formatTimestamp(a.lastAt) })}</div>}
                    </td>
                    <td>
                      <SeverityBadge severity={a.severity} />
                    </td>
                    <td className={alarmStyles.title}>
                      <button type="button" className="btn btn-ghost btn-small" onClick={() => setContextOf(a.id)} data-testid="alarm-context-open" title={tl('open')}>
                        {locale === 'en' ? a.titleEn : a.titleZh}
                      </button>
                      {a.note && <div className={local.small} title={a.note}>{t('note', { note: a.note.length > 40 ? `${a.note.slice(0, 40)}…` : a.note })}</div>}
                    </td>
                    <td>
                      <Link href={`/c/${tenant}/devices/${a.deviceId}`} className={styles.mono}>
                        {a.deviceCode}
                      </Link>
                      <div className={local.small}>
                        {a.deviceName} · {kindName(a.deviceKind)}
                      </div>
                    </td>
                    <td className="num">{a.value != null ? formatNumber(a.value) : '—'}</td>
                    <td>
                      <AlarmStateBadge state={a.state} />
                    </td>
                    <td className="num">{a.occurrences}</td>
                    {canHandle && (
                      <td>
                        <div className={styles.rowActions}>
                          {can(a, 'acknowledge') && (
                            <button type="button" className="btn btn-small" onClick={() => { handle.reset(); setHandling({ alarm: a, action: 'acknowledge' }); }} data-testid="ack">
                              {t('acknowledge')}
                            </button>
                          )}
                          {can(a, 'close') && (
                            <button type="button" className="btn btn-ghost btn-small" onClick={() => { handle.reset(); setHandling({ alarm: a, action: 'close' }); }} data-testid="close">
                              {t('close')}
                            </button>
                          )}
                          {!can(a, 'acknowledge') && !can(a, 'close') && <span className={styles.muted}>—</span>}
                        </div>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={data.page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
        </>
      ) : null}

      {contextOf && <AlarmContextDialog tenant={tenant} alarmId={contextOf} onClose={() => setContextOf(null)} />}

      {handling && (
        <ConfirmDialog
          title={handling.action === 'close' ? t('closeTitle') : t('acknowledgeTitle')}
          body={
            <p style={{ margin: 0 }}>
              <SeverityBadge severity={handling.alarm.severity} /> {locale === 'en' ? handling.alarm.titleEn : handling.alarm.titleZh} · {handling.alarm.deviceCode} {handling.alarm.deviceName}
              <br />
              <span className={local.small}>{handling.action === 'close' ? t('closeBody') : t('acknowledgeBody')}</span>
            </p>
          }
          confirm={handling.action === 'close' ? t('close') : t('acknowledge')}
          noteLabel={t('noteLabel')}
          busy={handle.isPending}
          error={handle.error ? errorText(handle.error, locale) : null}
          onClose={() => setHandling(null)}
          onConfirm={(note) => handle.mutate({ tenant, alarmId: handling.alarm.id, action: handling.action, note: note || undefined })}
        />
      )}
    </section>
  );
}
