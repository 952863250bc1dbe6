'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import { OccupancyBar } from '@/components/occupancy-bar';
import { Pager } from '@/components/pager';
import { SearchBox } from '@/components/search-box';
import { EmptyState } from '@/components/ui';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';
import { QueryStatus } from '@/components/query-status';

const PAGE_SIZE = 20;

export function BuildingsTable({ tenant }: { tenant: string }) {
  const t = useTranslations('console.buildings');
  const locale = useLocale();
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [searchKey, setSearchKey] = useState(0);
  const query = useQuery({ ...trpc.tenant.buildings.queryOptions({ tenant, page, pageSize: PAGE_SIZE, search: search || undefined }), placeholderData: keepPreviousData });
  const onSearch = useCallback((v: string) => {
    setSearch(v.trim());
    setPage(1);
  }, []);
  const data = query.data;
  const nf = new Intl.NumberFormat(locale);
  const labelOfUse = (use: string) => (t.has(`uses.${use}`) ? t(`uses.${use}`) : use);

  return (
    <section className="card">
      <div className="toolbar">
        <SearchBox key={searchKey} value={search} onChange={onSearch} placeholder={t('searchPlaceholder')} label={t('searchLabel')} />
        {data && <span className={styles.muted}>{t('count', { total: data.total })}</span>}
      </div>
      <QueryStatus query={query} />
      {data && data.total === 0 ? (
        search ? (
          <EmptyState
            title={t('empty.searchTitle', { q: search })}
            hint={t('empty.searchHint')}
            action={
              <button type="button" className="btn btn-ghost" onClick={() => { setSearch(''); setPage(1); setSearchKey((k) => k + 1); }}>
                {t('empty.clear')}
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
                  <th>{t('col.code')}</th>
                  <th>{t('col.name')}</th>
                  <th className="num">{t('col.floorsAbove')}</th>
                  <th className="num">{t('col.floorsBelow')}</th>
                  <th className="num">{t('col.units')}</th>
                  <th>{t('col.use')}</th>
                  <th className="num">{t('col.households')}</th>
                  <th>{t('col.occupancy')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((b) => (
                  <tr key={b.id} data-testid="building-row">
                    <td className={styles.mono}>{b.code}</td>
                    <td className={styles.nowrap}>{b.name}</td>
                    <td className="num">{b.floorsAbove}</td>
                    <td className="num">{b.floorsBelow}</td>
                    <td className="num">{b.unitCount}</td>
                    <td>
                      <span className="badge">{labelOfUse(b.use)}</span>
                    </td>
                    <td className="num">{nf.format(b.households)}</td>
                    <td>
                      <OccupancyBar occupied={b.occupied} households={b.households} label={t('occupancyLabel', { occupied: b.occupied, households: b.households })} />
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
