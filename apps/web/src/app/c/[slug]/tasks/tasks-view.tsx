'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FilterSelect } from '@/components/filter-select';
import { PagedTable } from '@/components/paged-table';
import { QueryStatus } from '@/components/query-status';
import { EmptyState } from '@/components/ui';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';
import { OverdueBadge, useName, when } from '../field-shared';

const STATUSES = ['pending', 'in_progress', 'done', 'cancelled'] as const;

export function TasksView({ tenant, planId, initialOverdue }: { tenant: string; planId?: string; initialOverdue: boolean }) {
  const t = useTranslations('field-console.tasks');
  const tp = useTranslations('field-console.plans');
  const tc = useTranslations('field-console.common');
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<'' | (typeof STATUSES)[number]>('');
  const [overdue, setOverdue] = useState(initialOverdue);
  const query = useQuery({ ...trpc.fieldConsole.plans.tasks.queryOptions({ tenant, page, pageSize: 20, planId, status: status || undefined, overdue: overdue || undefined }), placeholderData: keepPreviousData });
  const data = query.data;
  const name = useName(data?.names ?? {});
  return (
    <section className="card">
      <div className="toolbar">
        <FilterSelect label={t('filterStatus')} value={status} onChange={(v) => { setStatus(v as typeof status); setPage(1); }} all={tc('all')} options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        <label><input type="checkbox" checked={overdue} onChange={(e) => { setOverdue(e.target.checked); setPage(1); }} data-testid="tasks-overdue" /> {t('overdueOnly')}</label>
      </div>
      <QueryStatus query={query} />
      <PagedTable data={data} empty={<EmptyState title={t('empty')} hint={t('emptyHint')} action={<Link className="btn btn-ghost" href={`/c/${tenant}/plans`}>{tp('title')}</Link>} />} onPage={setPage} className={styles.table}>
        {(data) => (
          <>
            <thead>
              <tr>
                <th>{t('col.title')}</th>
                <th>{t('col.kind')}</th>
                <th>{t('col.assignee')}</th>
                <th>{t('col.due')}</th>
                <th>{t('col.status')}</th>
                <th className="num">{t('col.progress')}</th>
                <th className="num">{t('col.faults')}</th>
                <th className="num">{t('col.photos')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((x) => (
                <tr key={x.id} data-testid="task-row">
                  <td><Link href={`/c/${tenant}/tasks/${x.id}`}>{x.title}</Link></td>
                  <td>{tp(`kindName.${x.kind}`)}</td>
                  <td>{name(x.assigneeId)}</td>
                  <td className={styles.nowrap}>{when(x.dueAt)} {x.overdue && <OverdueBadge />}</td>
                  <td>{t(`status.${x.status}`)}</td>
                  <td className="num">{x.checked}/{x.items}</td>
                  <td className="num">{x.faults ? <span className="badge badge-danger">{x.faults}</span> : 0}</td>
                  <td className="num">{x.photos}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </PagedTable>
    </section>
  );
}
