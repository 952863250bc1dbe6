'use client';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useMemo, useState } from 'react';
import { Pager } from '@/components/pager';
import { SearchBox } from '@/components/search-box';
import { EmptyState, Notice, PageHeader } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import { formatShanghai, nameOf, shanghaiDayEnd, shanghaiDayStart } from '../_components/format';
import styles from '../admin.module.css';

const PAGE_SIZE = 30;
const REASONS = ['missing_rows', 'broken_link', 'edited', 'head_mismatch'] as const;

export function AuditView() {
  const t = useTranslations('admin.audit');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [tenantId, setTenantId] = useState('');
  const directory = useQuery(trpc.admin.directory.queryOptions());
  const tenantNames = useMemo(() => new Map((directory.data?.tenants ?? []).map((s) => [s.id, nameOf(locale, s.nameZh, s.nameEn)])), [directory.data, locale]);
  const rangeWrong = !!from && !!to && from > to;
  const list = useQuery({
    ...trpc.audit.search.queryOptions({
      page,
      pageSize: PAGE_SIZE,
      action: action || undefined,
      actor: actor || undefined,
      from: from ? shanghaiDayStart(from) : undefined,
      to: to ? shanghaiDayEnd(to) : undefined,
      tenantId: tenantId || undefined,
    }),
    placeholderData: keepPreviousData,
    enabled: !rangeWrong,
  });
  const verify = useMutation(trpc.audit.verify.mutationOptions({ onSuccess: () => list.refetch() }));
  const onAction = useCallback((v: string) => {
    setAction(v);
    setPage(1);
  }, []);
  const onActor = useCallback((v: string) => {
    setActor(v);
    setPage(1);
  }, []);
  const filtered = !!(action || actor || from || to || tenantId);
  const [resetKey, setResetKey] = useState(0);

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <button type="button" className="btn" onClick={() => verify.mutate()} disabled={verify.isPending} data-testid="audit-verify">
            {verify.isPending ? t('verifying') : t('verify')}
          </button>
        }
      />
      {(verify.isPending || verify.data || verify.error) && (
        <div className={styles.verifyBox} data-testid="audit-verify-result" aria-live="polite">
          {verify.isPending ? (
            <Notice kind="info">{t('verifyingLong')}</Notice>
          ) : verify.error ? (
            <Notice>{errorText(verify.error, locale)}</Notice>
          ) : verify.data?.ok ? (
            <Notice kind="success">{t('verifyOk', { checked: verify.data.checked, lastId: verify.data.lastId })}</Notice>
          ) : verify.data ? (
            <Notice>
              <strong>{t('verifyFailed', { count: verify.data.problems.length, checked: verify.data.checked })}</strong>
              <ul className={styles.problems}>
                {verify.data.problems.map((p, i) => (
                  <li key={`${p.id}-${p.reason}-${i}`}>
                    {t('problemRow', { id: p.id })} · <strong>{(REASONS as readonly string[]).includes(p.reason) ? t(`reasons.${p.reason as (typeof REASONS)[number]}`) : p.reason}</strong> ·{' '}
                    <span className={styles.mono}>{p.detail}</span>
                  </li>
                ))}
              </ul>
            </Notice>
          ) : null}
        </div>
      )}

      <div className={styles.filters} key={resetKey}>
        <label>
          {t('filter.action')}
          <SearchBox value={action} onChange={onAction} placeholder={t('filter.actionPlaceholder')} label={t('filter.action')} />
        </label>
        <label>
          {t('filter.actor')}
          <SearchBox value={actor} onChange={onActor} placeholder={t('filter.actorPlaceholder')} label={t('filter.actor')} />
        </label>
        <label>
          {t('filter.from')}
          <input type="date" value={from} max={to || undefined} onChange={(e) => { setFrom(e.target.value); setPage(1); }} />
        </label>
        <label>
          {t('filter.to')}
          <input type="date" value={to} min={from || undefined} onChange={(e) => { setTo(e.target.value); setPage(1); }} />
        </label>
        <label>
          {t('filter.tenant')}
          <select value={tenantId} onChange={(e) => { setTenantId(e.target.value); setPage(1); }}>
            <option value="">{t('filter.allTenants')}</option>
            {directory.data?.tenants.map((s) => (
              <option key={s.id} value={s.id}>
                {nameOf(locale, s.nameZh, s.nameEn)}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => {
              setAction('');
              setActor('');
              setFrom('');
              setTo('');
              setTenantId('');
              setPage(1);
              setResetKey((k) => k + 1);
            }}
          >
            {t('filter.clear')}
          </button>
        )}
      </div>
      <p className={styles.muted}>{t('timezoneNote')}</p>

      {rangeWrong ? (
        <Notice>{t('rangeWrong')}</Notice>
      ) : list.error ? (
        <Notice>
          {errorText(list.error, locale)}{' '}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => list.refetch()}>
            {tc('retry')}
          </button>
        </Notice>
      ) : !list.data ? (
        <p className="empty">{tc('loading')}</p>
      ) : list.data.items.length === 0 ? (
        <EmptyState title={filtered ? t('emptyFiltered') : t('empty')} hint={filtered ? t('emptyFilteredHint') : t('emptyHint')} />
      ) : (
        <>
          <div className="table-wrap">
            <table data-testid="audit-table">
              <thead>
                <tr>
                  <th>{t('col.at')}</th>
                  <th>{t('col.actor')}</th>
                  <th>{t('col.action')}</th>
                  <th>{t('col.tenant')}</th>
                  <th>{t('col.target')}</th>
                  <th>{t('col.summary')}</th>
                  <th>{t('col.ip')}</th>
                  <th>{t('col.hash')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <tr key={r.id}>
                    <td className={styles.nowrap}>
                      {formatShanghai(r.at, locale)}
                      <div className={styles.muted}>#{r.id}</div>
                    </td>
                    <td>{r.actorName ?? <span className={styles.muted}>{t('system')}</span>}</td>
                    <td className={styles.mono}>{r.action}</td>
                    <td>{r.tenantId ? tenantNames.get(r.tenantId) ?? <span className={styles.mono}>{r.tenantId.slice(0, 8)}</span> : <span className={styles.muted}>—</span>}</td>
                    <td className={styles.mono} title={r.targetId ?? undefined}>
                      {r.targetType ? `${r.targetType}${r.targetId ? `:${shortId(r.targetId)}` : ''}` : '—'}
                    </td>
                    <td>{r.summary ?? ''}</td>
                    <td className={styles.mono}>{r.ip ?? '—'}</td>
                    <td className={styles.mono} title={r.hash}>
                      {r.hash.slice(0, 10)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
        </>
      )}
    </>
  );
}

/** UUIDs (and org:tenant pairs) are long; the first block is enough to tell rows apart. */
function shortId(id: string): string {
  return id
    .split(':')
    .map((part) => (/^[0-9a-f-]{36}$/i.test(part) ? part.slice(0, 8) : part))
    .join(':');
}
