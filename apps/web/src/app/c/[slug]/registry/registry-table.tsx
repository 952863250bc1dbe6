'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import { OccupancyBar } from '@/components/occupancy-bar';
import { FilterSelect } from '@/components/filter-select';
import { PagedTable } from '@/components/paged-table';
import { QueryStatus } from '@/components/query-status';
import { SearchBox } from '@/components/search-box';
import { EmptyState } from '@/components/ui';
import { useTRPC } from '@/trpc/react';
import styles from './registry.module.css';

const PAGE_SIZE = 20;
const USES = ['residential', 'commercial', 'mixed', 'public', 'office'];

export function RegistryTable({ tenant }: { tenant: string }) {
  const t = useTranslations('cim.registry');
  const nf = new Intl.NumberFormat(useLocale());
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [use, setUse] = useState('');
  const [level, setLevel] = useState(0);
  const [resetKey, setResetKey] = useState(0);
  const query = useQuery({
    ...trpc.cim.buildings.queryOptions({ tenant, page, pageSize: PAGE_SIZE, search: search || undefined, use: use || undefined, level: level || undefined }),
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((v: string) => {
    setSearch(v.trim());
    setPage(1);
  }, []);
  const data = query.data;
  const filtered = Boolean(search || use || level);
  const label = (group: 'uses' | 'levels', key: string) => (t.has(`${group}.${key}`) ? t(`${group}.${key}`) : key);
  const emptyState = filtered ? (
    <EmptyState
      title={t('empty.searchTitle', { q: search || use || String(level) })}
      hint={t('empty.searchHint')}
      action={
        <button type="button" className="btn btn-ghost" onClick={() => { setSearch(''); setUse(''); setLevel(0); setPage(1); setResetKey((k) => k + 1); }}>
          {t('empty.clear')}
        </button>
      }
    />
  ) : (
    <EmptyState title={t('empty.noneTitle')} hint={t('empty.noneHint')} />
  );
  return (
    <section className="card">
      <div className="toolbar">
        <SearchBox key={resetKey} value={search} onChange={onSearch} placeholder={t('searchPlaceholder')} label={t('searchLabel')} />
        <FilterSelect label={t('filterUse')} value={use} onChange={(v) => { setUse(v); setPage(1); }} all={t('all')} options={USES.map((u) => ({ value: u, label: label('uses', u) }))} />
        <FilterSelect
          label={t('filterLevel')}
          value={level ? String(level) : ''}
          onChange={(v) => { setLevel(Number(v)); setPage(1); }}
          all={t('all')}
          options={['1', '2', '3', '4'].map((l) => ({ value: l, label: label('levels', l) }))}
        />
        {data && <span className="field-hint">{t('count', { total: data.total })}</span>}
      </div>
      <QueryStatus query={query} />
      <PagedTable data={data} empty={emptyState} onPage={setPage} busy={query.isFetching}>
        {(data) => (
          <>
            <thead>
              <tr>
                <th>{t('col.code')}</th>
                <th>{t('col.name')}</th>
                <th>{t('col.address')}</th>
                <th className="num">{t('col.floors')}</th>
                <th className="num">{t('col.units')}</th>
                <th>{t('col.use')}</th>
                <th>{t('col.level')}</th>
                <th className="num">{t('col.households')}</th>
                <th>{t('col.occupancy')}</th>
                <th className="num">{t('col.devices')}</th>
                <th className="num">{t('col.year')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((b) => (
                <tr key={b.id} data-testid="registry-row">
                  <td>
                    <Link href={`/c/${tenant}/registry/${encodeURIComponent(b.code)}`}>{b.code}</Link>
                  </td>
                  <td>{b.name}</td>
                  <td className={styles.mono}>{b.addressCode ?? '—'}</td>
                  <td className="num">
                    {b.floorsAbove}/{b.floorsBelow}
                  </td>
                  <td className="num">{b.units}</td>
                  <td>
                    <span className="badge">{label('uses', b.use)}</span>
                  </td>
                  <td>
                    <span className={`badge${b.cimLevel >= 3 ? ' badge-ok' : ''}`} title={label('levels', String(b.cimLevel))}>
                      CIM{b.cimLevel}
                    </span>
                  </td>
                  <td className="num">{nf.format(b.households)}</td>
                  <td>
                    <OccupancyBar occupied={b.occupied} households={b.households} label={t('occupancyLabel', { occupied: b.occupied, households: b.households })} />
                  </td>
                  <td className="num">{b.devices}</td>
                  <td className="num">{b.year ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </PagedTable>
    </section>
  );
}
