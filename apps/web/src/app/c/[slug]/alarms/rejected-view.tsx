'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { REJECT_REASONS, type RejectReason } from '@linli/iot/reject-reasons';
import { Pager } from '@/components/pager';
import { EmptyState } from '@/components/ui';
import { formatTimestamp } from '@/lib/datetime';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';
import alarmStyles from './alarms.module.css';
import { QueryStatus } from '@/components/query-status';

const PAGE_SIZE = 25;

/** Messages the bridge refused for this community, with what to fix on the device. */
export function RejectedView({ tenant }: { tenant: string }) {
  const t = useTranslations('devices.rejected');
  const locale = useLocale();
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const query = useQuery({ ...trpc.devices.rejected.queryOptions({ tenant, page, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData, refetchInterval: 30_000 });
  const data = query.data;
  const explain = (reason: string) => {
    const r = Object.hasOwn(REJECT_REASONS, reason) ? REJECT_REASONS[reason as RejectReason] : null;
    return r ? (locale === 'en' ? r.en : r.zh) : null;
  };
  const label = (reason: string) => (t.has(`reasons.${reason}`) ? t(`reasons.${reason}`) : reason);

  return (
    <section className="card" data-testid="rejected">
      <p className="field-hint" style={{ marginBottom: 12 }}>
        {t('intro')}
      </p>
      <QueryStatus query={query} />
      {data && data.total === 0 ? (
        <EmptyState title={t('emptyTitle')} hint={t('emptyHint')} />
      ) : data ? (
        <>
          <h3 className={styles.subhead}>{t('byReason')}</h3>
          <div className={alarmStyles.reasons}>
            {data.byReason.map((r) => (
              <div key={r.reason} className={alarmStyles.reason} title={explain(r.reason) ?? undefined}>
                <strong>{r.n}</strong>
                {label(r.reason)}
              </div>
            ))}
          </div>
          <div className="toolbar">
            <span className={styles.muted}>{t('count', { total: data.total })}</span>
          </div>
          <div className={`table-wrap ${styles.table}`} aria-busy={query.isFetching}>
            <table>
              <thead>
                <tr>
                  <th>{t('col.time')}</th>
                  <th>{t('col.device')}</th>
                  <th>{t('col.topic')}</th>
                  <th>{t('col.reason')}</th>
                  <th>{t('col.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.id} data-testid="rejected-row">
                    <td className={styles.nowrap}>{formatTimestamp(r.receivedAt)}</td>
                    <td className={styles.nowrap}>
                      {r.deviceId ? (
                        <Link href={`/c/${tenant}/devices/${r.deviceId}`} className={styles.mono} title={r.deviceId}>
                          {r.deviceId.slice(0, 8)}…
                        </Link>
                      ) : (
                        <span className={styles.muted}>{t('unknownDevice')}</span>
                      )}
                    </td>
                    <td className={alarmStyles.payload}>{r.topic}</td>
                    <td>
                      <span className="badge badge-warn">{label(r.reason)}</span>
                      {explain(r.reason) && <div className={alarmStyles.explain}>{explain(r.reason)}</div>}
                    </td>
                    <td>
                      {r.detail ?? <span className={styles.muted}>—</span>}
                      {r.payload && (
                        <details>
                          <summary className={styles.muted}>{t('payload')}</summary>
                          <div className={alarmStyles.payload}>{r.payload.length > 600 ? `${r.payload.slice(0, 600)}…` : r.payload}</div>
                        </details>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={data.page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
        </>
      ) : null}
    </section>
  );
}
