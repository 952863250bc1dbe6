'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import type { AppRouter } from '@linli/api';
import { OccupancyBar } from '@/components/occupancy-bar';
import { Pager } from '@/components/pager';
import { SearchBox } from '@/components/search-box';
import { EmptyState } from '@/components/ui';
import { useTRPC } from '@/trpc/react';
import styles from './district.module.css';

import { PAGE_SIZE } from './constants';
import { QueryStatus } from '@/components/query-status';

type Overview = inferRouterOutputs<AppRouter>['district']['overview'];

export function CommunitiesTable({ district, initial }: { district: string; initial?: Overview }) {
  const t = useTranslations('district');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [searchKey, setSearchKey] = useState(0);
  const query = useQuery({
    ...trpc.district.overview.queryOptions({ district, page, pageSize: PAGE_SIZE, search: search || undefined }),
    placeholderData: keepPreviousData,
    initialData: page === 1 && !search ? initial : undefined,
  });
  const onSearch = useCallback((v: string) => {
    setSearch(v.trim());
    setPage(1);
  }, []);
  const clear = () => {
    setSearch('');
    setPage(1);
    setSearchKey((k) => k + 1);
  };
  const nf = new Intl.NumberFormat(locale);
  const list = query.data?.communities;

  return (
    <section className="card" aria-labelledby="communities-title">
      <div className="toolbar">
        <h2 id="communities-title" style={{ margin: 0, marginRight: 'auto' }}>
          {t('table.title')}
        </h2>
        <SearchBox key={searchKey} value={search} onChange={onSearch} placeholder={t('table.searchPlaceholder')} label={t('table.searchLabel')} />
      </div>
      <QueryStatus query={query} />
      {list && list.total === 0 ? (
        search ? (
          <EmptyState
            title={t('empty.searchTitle', { q: search })}
            hint={t('empty.searchHint')}
            action={
              <button type="button" className="btn btn-ghost" onClick={clear}>
                {t('empty.clear')}
              </button>
            }
          />
        ) : (
          <EmptyState title={t('empty.noneTitle')} hint={t('empty.noneHint')} />
        )
      ) : list ? (
        <>
          <div className={`table-wrap ${styles.table}`} aria-busy={query.isFetching}>
            <table>
              <thead>
                <tr>
                  <th>{t('table.name')}</th>
                  <th>{t('table.address')}</th>
                  <th>{t('table.plan')}</th>
                  <th className="num">{t('table.buildings')}</th>
                  <th className="num">{t('table.households')}</th>
                  <th>{t('table.occupancy')}</th>
                  <th className="num">{t('table.residents')}</th>
                  <th className="num">{t('table.staff')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((c) => (
                  <tr key={c.id} data-testid="community-row">
                    <td className={styles.nameCell}>
                      <Link href={`/c/${c.slug}`}>{locale === 'en' ? c.nameEn : c.nameZh}</Link>
                      {c.status !== 'active' && (
                        <>
                          {' '}
                          <span className="badge badge-warn">{tc(`status.${c.status}`)}</span>
                        </>
                      )}
                    </td>
                    <td className={styles.address}>{c.address || '—'}</td>
                    <td className={styles.nowrap}>
                      <span className="badge">{tc(`plans.${c.plan}`)}</span>
                    </td>
                    <td className="num">{nf.format(c.counts.buildings)}</td>
                    <td className="num">{nf.format(c.counts.households)}</td>
                    <td>
                      <OccupancyBar
                        occupied={c.counts.occupied}
                        households={c.counts.households}
                        label={t('table.occupancyLabel', { occupied: c.counts.occupied, households: c.counts.households })}
                      />
                    </td>
                    <td className="num">{nf.format(c.counts.residents)}</td>
                    <td className="num">{nf.format(c.counts.staff)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={list.page} pageSize={PAGE_SIZE} total={list.total} onPage={setPage} />
        </>
      ) : null}
    </section>
  );
}
