'use client';
import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useMemo, useState } from 'react';
import { Pager } from '@/components/pager';
import { SearchBox } from '@/components/search-box';
import { EmptyState, Notice } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';

const PAGE_SIZE = 20;
const LEVEL_BADGE: Record<string, string> = { operate: 'badge badge-ok', supervise: 'badge badge-warn', serve: 'badge' };

/** Everyone who reaches this community through their organization (one site has tens of people). */
export function StaffTable({ tenant, phonesInFull }: { tenant: string; phonesInFull: boolean }) {
  const t = useTranslations('console.staff');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const query = useQuery(trpc.tenant.staff.queryOptions({ tenant }));
  const [search, setSearch] = useState('');
  const [searchKey, setSearchKey] = useState(0);
  const [role, setRole] = useState('');
  const [page, setPage] = useState(1);
  const onSearch = useCallback((v: string) => {
    setSearch(v.trim().toLowerCase());
    setPage(1);
  }, []);
  const rows = useMemo(() => query.data ?? [], [query.data]);
  const roles = useMemo(() => [...new Set(rows.map((r) => r.role))], [rows]);
  const filtered = rows.filter(
    (r) =>
      (!role || r.role === role) &&
      (!search ||
        [r.displayName, r.username, r.organizationZh, r.organizationEn, tc(`roles.${r.role}`)].some((s) => s.toLowerCase().includes(search))),
  );
  const shown = filtered.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  return (
    <section className="card">
      <div className={styles.filters}>
        <label className={styles.grow}>
          {t('searchLabel')}
          <SearchBox key={searchKey} value={search} onChange={onSearch} placeholder={t('searchPlaceholder')} label={t('searchLabel')} />
        </label>
        <label>
          {t('role')}
          <select
            value={role}
            onChange={(e) => {
              setRole(e.target.value);
              setPage(1);
            }}
          >
            <option value="">{tc('all')}</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {tc(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!phonesInFull && <p className="field-hint" style={{ marginBottom: 12 }}>{t('maskedHint')}</p>}
      {query.error && (
        <Notice>
          {errorText(query.error, locale)}{' '}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => query.refetch()}>
            {tc('retry')}
          </button>
        </Notice>
      )}
      {query.isPending && <p className="subtitle">{tc('loading')}</p>}
      {query.data &&
        (filtered.length === 0 ? (
          rows.length === 0 ? (
            <EmptyState title={t('empty.noneTitle')} hint={t('empty.noneHint')} />
          ) : (
            <EmptyState
              title={t('empty.filteredTitle')}
              hint={t('empty.filteredHint')}
              action={
                <button type="button" className="btn btn-ghost" onClick={() => { setSearch(''); setRole(''); setPage(1); setSearchKey((k) => k + 1); }}>
                  {t('empty.clear')}
                </button>
              }
            />
          )
        ) : (
          <>
            <div className={`table-wrap ${styles.table}`}>
              <table>
                <thead>
                  <tr>
                    <th>{t('col.name')}</th>
                    <th>{t('col.username')}</th>
                    <th>{t('col.role')}</th>
                    <th>{t('col.organization')}</th>
                    <th>{t('col.level')}</th>
                    <th>{t('col.phone')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((r) => (
                    <tr key={r.membershipId} data-testid="staff-row">
                      <td className={styles.nowrap}>
                        {r.displayName}
                        {r.disabled && (
                          <>
                            {' '}
                            <span className="badge badge-danger">{t('disabled')}</span>
                          </>
                        )}
                      </td>
                      <td className={styles.mono}>{r.username}</td>
                      <td className={styles.nowrap}>{tc(`roles.${r.role}`)}</td>
                      <td>
                        {locale === 'en' ? r.organizationEn : r.organizationZh}
                        <br />
                        <span className={styles.muted} style={{ fontSize: 12 }}>
                          {tc(`orgKinds.${r.organizationKind}`)}
                        </span>
                      </td>
                      <td>
                        <span className={LEVEL_BADGE[r.accessLevel] ?? 'badge'} title={t(`levelHint.${r.accessLevel}`)}>
                          {tc(`levels.${r.accessLevel}`)}
                        </span>
                      </td>
                      <td className={`${styles.mono} ${styles.nowrap}`}>{r.phone ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={page} pageSize={PAGE_SIZE} total={filtered.length} onPage={setPage} />
          </>
        ))}
    </section>
  );
}
