'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FilterSelect } from '@/components/filter-select';
import { PagedTable } from '@/components/paged-table';
import { QueryStatus } from '@/components/query-status';
import { TabBar } from '@/components/tab-bar';
import { EmptyState } from '@/components/ui';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';
import { useName, when } from '../field-shared';

export function PatrolsView({ tenant, canManage, initialTab }: { tenant: string; canManage: boolean; initialTab: 'routes' | 'runs' }) {
  const t = useTranslations('field-console.patrols');
  const [tab, setTab] = useState(initialTab);
  return (
    <>
      <TabBar tabs={['routes', 'runs'] as const} value={tab} onChange={setTab} label={(k) => t(`tabs.${k}`)} testId={(k) => `patrol-tab-${k}`} />
      {tab === 'routes' ? <Routes tenant={tenant} canManage={canManage} /> : <Runs tenant={tenant} />}
    </>
  );
}

function Routes({ tenant, canManage }: { tenant: string; canManage: boolean }) {
  const t = useTranslations('field-console.patrols');
  const tc = useTranslations('field-console.common');
  const trpc = useTRPC();
  const query = useQuery(trpc.fieldConsole.patrols.routes.queryOptions({ tenant }));
  const newButton = canManage ? <Link className="btn" href={`/c/${tenant}/patrols/new`} data-testid="new-route">{t('newRoute')}</Link> : undefined;
  return (
    <section className="card">
      <div className="toolbar">{newButton}</div>
      <QueryStatus query={query} />
      {query.data && query.data.length === 0 ? (
        <EmptyState title={t('emptyRoutes')} hint={t('emptyRoutesHint')} action={newButton} />
      ) : query.data ? (
        <div className={`table-wrap ${styles.table}`}>
          <table>
            <thead>
              <tr>
                <th>{t('routeName')}</th>
                <th className="num">{t('checkpoints')}</th>
                <th className="num">{t('schedules')}</th>
                <th className="num">{t('runs')}</th>
                <th>{t('lastRun')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {query.data.map((r) => (
                <tr key={r.id} data-testid="route-row">
                  <td>
                    <Link href={`/c/${tenant}/patrols/${r.id}`}>{r.name}</Link> {!r.active && <span className="badge">{tc('inactive')}</span>}
                  </td>
                  <td className="num">{r.checkpoints}</td>
                  <td className="num">{r.schedules}</td>
                  <td className="num">{r.runs}</td>
                  <td>{r.lastRunAt ? when(r.lastRunAt) : t('never')}</td>
                  <td>
                    <a href={`/c/${tenant}/patrols/${r.id}/qr.pdf`} target="_blank" rel="noreferrer" data-testid="route-qr">{t('qrPdf')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function Runs({ tenant, routeId }: { tenant: string; routeId?: string }) {
  const t = useTranslations('field-console.patrols.result');
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [flag, setFlag] = useState<'any' | 'missed' | 'late' | 'clean'>('any');
  const query = useQuery({ ...trpc.fieldConsole.patrols.runs.queryOptions({ tenant, page, pageSize: 20, flag, routeId }), placeholderData: keepPreviousData });
  const data = query.data;
  const name = useName(data?.names ?? {});
  return (
    <section className="card">
      <div className="toolbar">
        <FilterSelect label={t('filter')} value={flag} onChange={(v) => { setFlag(v as typeof flag); setPage(1); }} options={(['any', 'missed', 'late', 'clean'] as const).map((f) => ({ value: f, label: t(f) }))} testId="run-filter" />
        {data && <span className={styles.muted}>{t('summary', { runs: data.summary.runs, missed: data.summary.withMissed, late: data.summary.withLate })}</span>}
      </div>
      <QueryStatus query={query} />
      <PagedTable data={data} empty={<EmptyState title={t('empty')} hint={t('emptyHint')} />} onPage={setPage} className={styles.table}>
        {(data) => (
          <>
            <thead>
              <tr>
                <th>{t('col.route')}</th>
                <th>{t('col.worker')}</th>
                <th>{t('col.started')}</th>
                <th>{t('col.status')}</th>
                <th className="num">{t('col.progress')}</th>
                <th className="num">{t('col.late')}</th>
                <th className="num">{t('col.missed')}</th>
                <th className="num">{t('col.manual')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr key={r.id} data-testid="run-row">
                  <td><Link href={`/c/${tenant}/patrols/runs/${r.id}`}>{r.routeName}</Link></td>
                  <td>{name(r.workerId)}</td>
                  <td className={styles.nowrap}>{when(r.startedAt)}</td>
                  <td>{t(`status.${r.status}`)}</td>
                  <td className="num">{r.scanned}/{r.checkpoints}</td>
                  <td className="num">{r.late ? <span className="badge badge-warn">{r.late}</span> : 0}</td>
                  <td className="num">{r.missed ? <span className="badge badge-danger">{r.missed}</span> : 0}</td>
                  <td className="num">{r.manual}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </PagedTable>
    </section>
  );
}
