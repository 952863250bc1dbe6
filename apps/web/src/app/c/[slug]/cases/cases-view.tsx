'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { CaseKind, CaseStatus } from '@linli/sync';
import { BarChart } from '@/components/charts/bar-chart';
import { FilterSelect } from '@/components/filter-select';
import { PagedTable } from '@/components/paged-table';
import { QueryStatus } from '@/components/query-status';
import { SearchBox } from '@/components/search-box';
import { TabBar } from '@/components/tab-bar';
import { EmptyState, Stat } from '@/components/ui';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';
import { CaseStatusBadge, OverdueBadge, useName, when } from '../field-shared';

const KINDS: CaseKind[] = ['public_facility', 'fire', 'high_altitude_throwing', 'group_renting', 'environment'];
const STATUSES: CaseStatus[] = ['reported', 'assigned', 'in_progress', 'resolved', 'verified', 'closed', 'rejected', 'reopened'];
const OPEN: CaseStatus[] = ['reported', 'assigned', 'in_progress', 'reopened'];
type Tab = 'list' | 'board' | 'stats';

export function CasesView({ tenant, initialTab }: { tenant: string; initialTab: Tab }) {
  const t = useTranslations('field-console.cases');
  const [tab, setTab] = useState<Tab>(initialTab);
  return (
    <>
      <TabBar tabs={['list', 'board', 'stats'] as const} value={tab} onChange={setTab} label={(k) => t(`tabs.${k}`)} testId={(k) => `cases-tab-${k}`} />
      {tab === 'list' && <CaseList tenant={tenant} />}
      {tab === 'board' && <CaseBoard tenant={tenant} />}
      {tab === 'stats' && <CaseStats tenant={tenant} />}
    </>
  );
}

function CaseList({ tenant }: { tenant: string }) {
  const t = useTranslations('field-console.cases');
  const tk = useTranslations('field-console.kind');
  const ts = useTranslations('field-console.status');
  const tc = useTranslations('field-console.common');
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<'' | 'open' | CaseStatus>('open');
  const [kind, setKind] = useState<'' | CaseKind>('');
  const [overdue, setOverdue] = useState(false);
  const statuses = status === 'open' ? OPEN : status ? [status] : undefined;
  const query = useQuery({
    ...trpc.fieldConsole.cases.list.queryOptions({ tenant, page, pageSize: 20, search: search || undefined, statuses, kind: kind || undefined, overdue: overdue || undefined }),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const name = useName(data?.names ?? {});
  const reset = () => {
    setStatus('');
    setKind('');
    setOverdue(false);
    setSearch('');
    setPage(1);
  };
  return (
    <section className="card">
      <div className="toolbar">
        <SearchBox value={search} onChange={(v) => { setSearch(v.trim()); setPage(1); }} placeholder={t('searchPlaceholder')} label={t('searchLabel')} />
        <FilterSelect
          label={t('filterStatus')}
          value={status}
          onChange={(v) => { setStatus(v as typeof status); setPage(1); }}
          all={tc('all')}
          options={[{ value: 'open', label: t('openOnly') }, ...STATUSES.map((s) => ({ value: s, label: ts(s) }))]}
          testId="case-filter-status"
        />
        <FilterSelect label={t('filterKind')} value={kind} onChange={(v) => { setKind(v as typeof kind); setPage(1); }} all={tc('all')} options={KINDS.map((k) => ({ value: k, label: tk(k) }))} />
        <label>
          <input type="checkbox" checked={overdue} onChange={(e) => { setOverdue(e.target.checked); setPage(1); }} /> {t('filterOverdue')}
        </label>
        {data && <span className={styles.muted}>{t('count', { total: data.total })}</span>}
      </div>
      <QueryStatus query={query} />
      <PagedTable data={data} empty={<EmptyState title={t('emptyTitle')} hint={t('emptyHint')} action={<button type="button" className="btn btn-ghost" onClick={reset}>{tc('reset')}</button>} />} onPage={setPage} className={styles.table} busy={query.isFetching}>
        {(data) => (
          <>
            <thead>
              <tr>
                <th>{t('col.title')}</th>
                <th>{t('col.kind')}</th>
                <th>{t('col.status')}</th>
                <th>{t('col.location')}</th>
                <th>{t('col.reported')}</th>
                <th>{t('col.assignee')}</th>
                <th>{t('col.due')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((c) => (
                <tr key={c.id} data-testid="case-row">
                  <td><Link href={`/c/${tenant}/cases/${c.id}`}>{c.title}</Link></td>
                  <td className={styles.nowrap}>{tk(c.kind)}</td>
                  <td><CaseStatusBadge status={c.status} /></td>
                  <td className={styles.nowrap}>{c.buildingName ?? '—'}</td>
                  <td className={styles.nowrap}>{when(c.reportedAt)} · {name(c.reportedBy)}</td>
                  <td className={styles.nowrap}>{name(c.assigneeId)}</td>
                  <td className={styles.nowrap}>{when(c.dueAt)} {c.overdue && <OverdueBadge />}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </PagedTable>
    </section>
  );
}

function CaseBoard({ tenant }: { tenant: string }) {
  const t = useTranslations('field-console.cases');
  const ts = useTranslations('field-console.status');
  const tk = useTranslations('field-console.kind');
  const tc = useTranslations('field-console.common');
  const trpc = useTRPC();
  const [kind, setKind] = useState<'' | CaseKind>('');
  const query = useQuery({ ...trpc.fieldConsole.cases.board.queryOptions({ tenant, kind: kind || undefined }), placeholderData: keepPreviousData });
  const name = useName(query.data?.names ?? {});
  return (
    <section className="card">
      <div className="toolbar">
        <FilterSelect label={t('filterKind')} value={kind} onChange={(v) => setKind(v as typeof kind)} all={tc('all')} options={KINDS.map((k) => ({ value: k, label: tk(k) }))} />
      </div>
      <QueryStatus query={query} />
      {query.data && (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 12 }} data-testid="case-board">
          {query.data.columns.map((col) => (
            <div key={col.status} style={{ background: 'var(--surface-2, #f6f7f9)', borderRadius: 8, padding: 8 }} data-testid={`board-col-${col.status}`}>
              <h3 style={{ margin: '4px 0 8px', fontSize: 14 }}>
                {ts(col.status)} <span className={styles.muted}>({col.total})</span>
              </h3>
              {col.items.length === 0 && <p className={styles.muted}>{t('boardEmpty')}</p>}
              {col.items.map((c) => (
                <Link key={c.id} href={`/c/${tenant}/cases/${c.id}`} style={{ display: 'block', background: '#fff', borderRadius: 6, padding: 8, marginBottom: 6, border: c.overdue ? '1px solid #d33' : '1px solid #e3e5e8', color: 'inherit', textDecoration: 'none' }}>
                  <strong style={{ display: 'block', fontSize: 13 }}>{c.title}</strong>
                  <span className={styles.muted} style={{ fontSize: 12 }}>{tk(c.kind)} · {name(c.assigneeId)}</span>
                  {c.overdue && <div><OverdueBadge /></div>}
                </Link>
              ))}
              {col.total > col.items.length && <p className={styles.muted}>{t('boardMore', { n: col.total - col.items.length })}</p>}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

function CaseStats({ tenant }: { tenant: string }) {
  const t = useTranslations('field-console.cases.stats');
  const tk = useTranslations('field-console.kind');
  const ts = useTranslations('field-console.status');
  const trpc = useTRPC();
  const query = useQuery(trpc.fieldConsole.cases.stats.queryOptions({ tenant }));
  const s = query.data;
  return (
    <>
      <QueryStatus query={query} />
      {s && (
        <>
          <div className="stats" data-testid="case-stats">
            <Stat label={t('total')} value={s.total} />
            <Stat label={t('open')} value={s.open} />
            <Stat label={t('overdue')} value={s.overdue} />
            <Stat label={t('meanResolve')} value={s.meanResolveHours === null ? t('noResolve') : t('meanResolveValue', { h: s.meanResolveHours })} />
          </div>
          <div className={styles.twoCol}>
            <section className="card">
              <h2>{t('byKind')}</h2>
              <BarChart orientation="horizontal" showValues ariaLabel={t('ariaKind')} categories={KINDS.map((k) => ({ key: k, label: tk(k) }))} series={[{ key: 'n', label: t('series'), color: '#2f6fde', values: KINDS.map((k) => s.byKind[k]) }]} />
            </section>
            <section className="card">
              <h2>{t('byStatus')}</h2>
              <BarChart orientation="horizontal" showValues ariaLabel={t('ariaStatus')} categories={STATUSES.map((k) => ({ key: k, label: ts(k) }))} series={[{ key: 'n', label: t('series'), color: '#16a085', values: STATUSES.map((k) => s.byStatus[k]) }]} />
            </section>
          </div>
          <section className="card">
            <h2>{t('byAge')}</h2>
            <BarChart ariaLabel={t('ariaAge')} categories={(['lt1d', 'd1to3', 'd3to7', 'gt7d'] as const).map((k) => ({ key: k, label: t(`age.${k}`) }))} series={[{ key: 'n', label: t('series'), color: '#e67e22', values: (['lt1d', 'd1to3', 'd3to7', 'gt7d'] as const).map((k) => s.openByAge[k]) }]} />
          </section>
        </>
      )}
    </>
  );
}
