'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Pager } from '@/components/pager';
import { EmptyState } from '@/components/ui';
import { dayBound, formatTimestamp } from '@/lib/datetime';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';
import { QueryStatus } from '@/components/query-status';

const PAGE_SIZE = 25;

interface Filters {
  action: string;
  actor: string;
  from: string;
  to: string;
}
const NONE: Filters = { action: '', actor: '', from: '', to: '' };

/** The community's audit log, newest first; filters apply when submitted. */
export function AuditView({ tenant }: { tenant: string }) {
  const t = useTranslations('console.audit');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Filters>(NONE);
  const [applied, setApplied] = useState<Filters>(NONE);
  const [page, setPage] = useState(1);
  const rangeError = draft.from && draft.to && draft.from > draft.to ? t('rangeError') : null;

  const query = useQuery({
    ...trpc.audit.tenant.queryOptions({
      tenant,
      page,
      pageSize: PAGE_SIZE,
      action: applied.action || undefined,
      actor: applied.actor || undefined,
      from: applied.from ? dayBound(applied.from, false) : undefined,
      to: applied.to ? dayBound(applied.to, true) : undefined,
    }),
    placeholderData: keepPreviousData,
  });

  function apply(e: FormEvent) {
    e.preventDefault();
    if (rangeError) return;
    setApplied({ action: draft.action.trim(), actor: draft.actor.trim(), from: draft.from, to: draft.to });
    setPage(1);
  }
  function reset() {
    setDraft(NONE);
    setApplied(NONE);
    setPage(1);
  }
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const actionLabel = (action: string) => {
    const key = `actions.${action.replace(/\./g, '_')}`;
    return t.has(key) ? t(key) : action;
  };
  const data = query.data;
  const filtered = Object.values(applied).some(Boolean);

  return (
    <section className="card">
      <form className={styles.filters} onSubmit={apply} role="search">
        <label>
          {t('filters.action')}
          <input type="text" value={draft.action} onChange={set('action')} placeholder={t('filters.actionPlaceholder')} maxLength={60} />
        </label>
        <label>
          {t('filters.actor')}
          <input type="text" value={draft.actor} onChange={set('actor')} placeholder={t('filters.actorPlaceholder')} maxLength={60} />
        </label>
        <label>
          {t('filters.from')}
          <input type="date" value={draft.from} onChange={set('from')} max={draft.to || undefined} />
        </label>
        <label>
          {t('filters.to')}
          <input type="date" value={draft.to} onChange={set('to')} min={draft.from || undefined} aria-invalid={!!rangeError} />
        </label>
        <button type="submit" className="btn" disabled={!!rangeError}>
          {tc('search')}
        </button>
        {filtered && (
          <button type="button" className="btn btn-ghost" onClick={reset}>
            {t('filters.reset')}
          </button>
        )}
      </form>
      {rangeError && <p className="field-error" role="alert" style={{ marginBottom: 12 }}>{rangeError}</p>}
      <p className="field-hint" style={{ marginBottom: 12 }}>{t('hint')}</p>
      <QueryStatus query={query} />
      {data && data.total === 0 ? (
        filtered ? (
          <EmptyState
            title={t('empty.filteredTitle')}
            hint={t('empty.filteredHint')}
            action={
              <button type="button" className="btn btn-ghost" onClick={reset}>
                {t('filters.reset')}
              </button>
            }
          />
        ) : (
          <EmptyState title={t('empty.noneTitle')} hint={t('empty.noneHint')} />
        )
      ) : data ? (
        <>
          <div className={`table-wrap ${styles.table}`} aria-busy={query.isFetching}>
            <table>
              <thead>
                <tr>
                  <th>{t('col.time')}</th>
                  <th>{t('col.actor')}</th>
                  <th>{t('col.action')}</th>
                  <th>{t('col.target')}</th>
                  <th>{t('col.summary')}</th>
                  <th>{t('col.ip')}</th>
                  <th>{t('col.hash')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((a) => (
                  <tr key={String(a.id)} data-testid="audit-row">
                    <td className={`${styles.nowrap} ${styles.mono}`}>{formatTimestamp(a.at)}</td>
                    <td className={styles.nowrap}>{a.actorName ?? <span className={styles.muted}>{t('system')}</span>}</td>
                    <td>
                      <span className="badge" title={a.action}>
                        {actionLabel(a.action)}
                      </span>
                      <div className={`${styles.mono} ${styles.muted}`}>{a.action}</div>
                    </td>
                    <td className={styles.nowrap}>
                      {a.targetType ? (t.has(`targets.${a.targetType}`) ? t(`targets.${a.targetType}`) : a.targetType) : '—'}
                      {a.targetId && <div className={`${styles.mono} ${styles.muted}`} title={a.targetId}>{a.targetId.slice(0, 8)}</div>}
                    </td>
                    <td>{a.summary || '—'}</td>
                    <td className={`${styles.mono} ${styles.nowrap}`}>{a.ip ?? '—'}</td>
                    <td className={styles.mono} title={a.hash}>
                      {a.hash.slice(0, 10)}
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
