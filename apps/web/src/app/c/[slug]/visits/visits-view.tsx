'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Occupancy, VulnerableFlag } from '@linli/sync';
import { FilterSelect } from '@/components/filter-select';
import { PagedTable } from '@/components/paged-table';
import { QueryStatus } from '@/components/query-status';
import { TabBar } from '@/components/tab-bar';
import { EmptyState, Stat } from '@/components/ui';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';
import { useName, when } from '../field-shared';

const FLAGS: VulnerableFlag[] = ['elderly_alone', 'disabled', 'left_behind_child', 'serious_illness', 'low_income'];
const OCC: Occupancy[] = ['occupied', 'vacant', 'rented', 'group_rented', 'unknown'];

export function VisitsView({ tenant, initialTab }: { tenant: string; initialTab: 'visits' | 'vulnerable' }) {
  const t = useTranslations('field-console.visits');
  const [tab, setTab] = useState(initialTab);
  return (
    <>
      <TabBar tabs={['visits', 'vulnerable'] as const} value={tab} onChange={setTab} label={(k) => t(`tabs.${k}`)} testId={(k) => `visits-tab-${k}`} />
      {tab === 'visits' ? <VisitList tenant={tenant} /> : <Vulnerable tenant={tenant} />}
    </>
  );
}

function Flags({ flags }: { flags: VulnerableFlag[] }) {
  const t = useTranslations('field-console.visits.flag');
  return <>{flags.map((f) => <span key={f} className="badge badge-warn" style={{ marginRight: 4 }}>{t(f)}</span>)}</>;
}

function VisitList({ tenant }: { tenant: string }) {
  const t = useTranslations('field-console.visits');
  const tc = useTranslations('field-console.common');
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [flag, setFlag] = useState<'' | VulnerableFlag>('');
  const [occupancy, setOccupancy] = useState<'' | Occupancy>('');
  const query = useQuery({ ...trpc.fieldConsole.visits.list.queryOptions({ tenant, page, pageSize: 20, flag: flag || undefined, occupancy: occupancy || undefined }), placeholderData: keepPreviousData });
  const data = query.data;
  const name = useName(data?.names ?? {});
  return (
    <section className="card">
      <div className="toolbar">
        <FilterSelect label={t('filterFlag')} value={flag} onChange={(v) => { setFlag(v as typeof flag); setPage(1); }} all={tc('all')} options={FLAGS.map((f) => ({ value: f, label: t(`flag.${f}`) }))} />
        <FilterSelect label={t('filterOccupancy')} value={occupancy} onChange={(v) => { setOccupancy(v as typeof occupancy); setPage(1); }} all={tc('all')} options={OCC.map((o) => ({ value: o, label: t(`occupancy.${o}`) }))} />
      </div>
      <QueryStatus query={query} />
      <PagedTable data={data} empty={<EmptyState title={t('empty')} hint={t('emptyHint')} />} onPage={setPage} className={styles.table}>
        {(data) => (
          <>
            <thead>
              <tr>
                <th>{t('col.address')}</th>
                <th>{t('col.at')}</th>
                <th>{t('col.worker')}</th>
                <th>{t('col.occupancy')}</th>
                <th className="num">{t('col.seen')}</th>
                <th>{t('col.flags')}</th>
                <th>{t('col.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((v) => (
                <tr key={v.id} data-testid="visit-row">
                  <td className={styles.mono}>{v.address || '—'}</td>
                  <td className={styles.nowrap}>{when(v.at)}</td>
                  <td>{name(v.workerId)}</td>
                  <td><span className={`badge ${v.occupancy === 'group_rented' ? 'badge-danger' : ''}`}>{t(`occupancy.${v.occupancy}`)}</span></td>
                  <td className="num">{v.residentsSeen ?? '—'}</td>
                  <td><Flags flags={v.vulnerable} /></td>
                  <td style={{ maxWidth: 320 }}>{v.notes}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </PagedTable>
    </section>
  );
}

function Vulnerable({ tenant }: { tenant: string }) {
  const t = useTranslations('field-console.visits');
  const tc = useTranslations('field-console.common');
  const trpc = useTRPC();
  const query = useQuery(trpc.fieldConsole.visits.vulnerable.queryOptions({ tenant }));
  const data = query.data;
  const name = useName(data?.names ?? {});
  return (
    <>
      <QueryStatus query={query} />
      {data && (
        <>
          <div className="stats">
            {FLAGS.map((f) => <Stat key={f} label={t(`flag.${f}`)} value={data.byFlag[f] ?? 0} />)}
          </div>
          <section className="card">
            {data.items.length === 0 ? (
              <EmptyState title={t('vulnerableEmpty')} hint={t('vulnerableHint')} />
            ) : (
              <div className={`table-wrap ${styles.table}`}>
                <table data-testid="vulnerable-table">
                  <thead>
                    <tr>
                      <th>{t('col.address')}</th>
                      <th>{t('col.flags')}</th>
                      <th>{t('lastVisit')}</th>
                      <th className="num">{t('since')}</th>
                      <th>{t('col.worker')}</th>
                      <th>{t('col.notes')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((h) => (
                      <tr key={h.householdId}>
                        <td className={styles.mono}>{h.address || '—'}</td>
                        <td><Flags flags={h.flags} /></td>
                        <td className={styles.nowrap}>{when(h.lastVisitAt)}</td>
                        <td className="num">{h.daysSince > 30 ? <span className="badge badge-danger" title={t('overdueVisit')}>{tc('days', { n: h.daysSince })}</span> : tc('days', { n: h.daysSince })}</td>
                        <td>{name(h.workerId)}</td>
                        <td style={{ maxWidth: 320 }}>{h.notes}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </>
  );
}
