'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { QueryStatus } from '@/components/query-status';
import { useTRPC } from '@/trpc/react';
import styles from '../../console.module.css';
import { useName, when } from '../../field-shared';

const TONE = { on_time: 'badge-ok', late: 'badge-warn', missed: 'badge-danger', upcoming: '' } as const;

/** Whether each scheduled round of the route happened (R5.3.8): on time, late, missed or upcoming. */
export function RouteSlots({ tenant, routeId }: { tenant: string; routeId: string }) {
  const t = useTranslations('field-console.patrols.slots');
  const trpc = useTRPC();
  const query = useQuery(trpc.fieldConsole.patrols.slots.queryOptions({ tenant, routeId, days: 7 }));
  const name = useName(query.data?.names ?? {});
  return (
    <section className="card">
      <h2>{t('title')}</h2>
      <QueryStatus query={query} />
      {query.data && (query.data.slots.length === 0 ? <p className={styles.muted}>{t('empty')}</p> : (
        <>
          <p data-testid="slot-summary">{t('summary', query.data.summary)}</p>
          <div className={`table-wrap ${styles.table}`}>
            <table>
              <thead>
                <tr>
                  <th>{t('at')}</th>
                  <th>{t('guard')}</th>
                  <th>{t('run')}</th>
                </tr>
              </thead>
              <tbody>
                {query.data.slots.map((s) => (
                  <tr key={`${s.scheduleId}-${s.at}`} data-testid="slot-row">
                    <td className={styles.nowrap}>{when(s.at)}</td>
                    <td>{s.guardId ? name(s.guardId) : '—'}</td>
                    <td>
                      <span className={`badge ${TONE[s.state]}`}>{t(`state.${s.state}`)}</span>{' '}
                      {s.runId && <Link href={`/c/${tenant}/patrols/runs/${s.runId}`}>{t('open')}</Link>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ))}
    </section>
  );
}
