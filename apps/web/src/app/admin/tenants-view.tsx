'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import { Pager } from '@/components/pager';
import { SearchBox } from '@/components/search-box';
import { EmptyState, Notice, PageHeader, Stat } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import { daysUntil, nameOf } from './_components/format';
import type { TenantRow } from './_components/types';
import { TenantDialog } from './tenant-dialog';
import styles from './admin.module.css';
import { QueryStatus } from '@/components/query-status';

const PAGE_SIZE = 20;

export function TenantsView() {
  const t = useTranslations('admin.tenants');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [resetKey, setResetKey] = useState(0);
  const [search, setSearch] = useState('');
  const [districtId, setDistrictId] = useState('');
  const [editing, setEditing] = useState<TenantRow | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const stats = useQuery(trpc.admin.tenantStats.queryOptions());
  const districts = useQuery(trpc.admin.districts.queryOptions());
  const list = useQuery({
    ...trpc.admin.tenants.queryOptions({ page, pageSize: PAGE_SIZE, search: search || undefined, districtId: districtId || undefined }),
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((v: string) => {
    setSearch(v);
    setPage(1);
  }, []);
  const filtered = !!search || !!districtId;

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <button type="button" className="btn" onClick={() => { setSaved(null); setEditing('new'); }} data-testid="tenant-new">
            {t('new')}
          </button>
        }
      />
      {saved && <Notice kind="success">{saved}</Notice>}

      {stats.data && (
        <div className="stats" data-testid="tenant-stats">
          <Stat label={t('stats.total')} value={stats.data.total} />
          <Stat label={t('stats.active')} value={stats.data.active} />
          <Stat label={t('stats.suspended')} value={stats.data.suspended} hint={stats.data.suspended ? t('stats.suspendedHint') : undefined} />
          <Stat
            label={t('stats.expiring')}
            value={stats.data.expiringSoon + stats.data.expired}
            hint={t('stats.expiringHint', { expired: stats.data.expired, soon: stats.data.expiringSoon })}
          />
          <div className="stat">
            <div className="stat-label">{t('stats.byPlan')}</div>
            <div className={styles.planLine}>
              {(['basic', 'standard', 'premium'] as const).map((p) => (
                <span key={p}>
                  {tc(`plans.${p}`)} <strong>{stats.data.byPlan[p]}</strong>
                </span>
              ))}
            </div>
          </div>
        </div>
      )}
      {stats.error && <Notice>{errorText(stats.error, locale)}</Notice>}

      <div className="toolbar">
        <SearchBox key={resetKey} value={search} onChange={onSearch} placeholder={t('searchPlaceholder')} label={tc('search')} />
        <select
          aria-label={t('districtFilter')}
          value={districtId}
          onChange={(e) => {
            setDistrictId(e.target.value);
            setPage(1);
          }}
        >
          <option value="">{t('allDistricts')}</option>
          {districts.data?.map((d) => (
            <option key={d.id} value={d.id}>
              {nameOf(locale, d.nameZh, d.nameEn)}
            </option>
          ))}
        </select>
        {filtered && (
          <button type="button" className="btn btn-ghost" onClick={() => { setDistrictId(''); onSearch(''); setResetKey((k) => k + 1); }}>
            {t('clearFilters')}
          </button>
        )}
      </div>

      {list.error || !list.data ? (
        <QueryStatus query={list} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          title={filtered ? t('emptyFiltered') : t('empty')}
          hint={filtered ? t('emptyFilteredHint') : t('emptyHint')}
          action={
            !filtered ? (
              <button type="button" className="btn" onClick={() => setEditing('new')}>
                {t('new')}
              </button>
            ) : undefined
          }
        />
      ) : (
        <>
          <div className="table-wrap">
            <table data-testid="tenant-table">
              <thead>
                <tr>
                  <th>{t('col.name')}</th>
                  <th>{t('col.district')}</th>
                  <th>{t('col.plan')}</th>
                  <th>{t('col.status')}</th>
                  <th>{t('col.users')}</th>
                  <th className="num">{t('col.buildings')}</th>
                  <th className="num">{t('col.devices')}</th>
                  <th>{t('col.ends')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <div>{nameOf(locale, row.nameZh, row.nameEn)}</div>
                      <div className={`${styles.muted} ${styles.mono}`}>{row.slug}</div>
                    </td>
                    <td>{row.districtId ? nameOf(locale, row.districtNameZh, row.districtNameEn) : <span className={styles.muted}>{t('noDistrict')}</span>}</td>
                    <td>{tc(`plans.${row.plan}`)}</td>
                    <td>
                      <span className={`badge ${row.status === 'active' ? 'badge-ok' : 'badge-danger'}`}>{tc(`status.${row.status}`)}</span>
                    </td>
                    <td>
                      <UsersQuota used={row.users} max={row.maxUsers} />
                    </td>
                    <td className="num">{row.maxBuildings}</td>
                    <td className="num">{row.maxDevices}</td>
                    <td>
                      <SubscriptionEnd date={row.subscriptionEndsAt} />
                    </td>
                    <td>
                      <div className={styles.rowActions}>
                        <button type="button" className="btn btn-ghost btn-small" onClick={() => { setSaved(null); setEditing(row); }}>
                          {tc('edit')}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
        </>
      )}

      {editing && (
        <TenantDialog
          tenant={editing === 'new' ? null : editing}
          districts={districts.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={(msg) => {
            setEditing(null);
            setSaved(msg);
          }}
        />
      )}
    </>
  );
}

function UsersQuota({ used, max }: { used: number; max: number }) {
  const t = useTranslations('admin.tenants');
  const ratio = max > 0 ? used / max : 1;
  const level = ratio >= 1 ? 'full' : ratio >= 0.9 ? 'warn' : 'ok';
  return (
    <div className={styles.quota} title={level === 'full' ? t('quotaFull') : level === 'warn' ? t('quotaNear') : undefined}>
      <span className={`${level === 'full' ? styles.quotaFull : level === 'warn' ? styles.quotaWarn : ''} num`} style={{ textAlign: 'left' }}>
        {used} / {max}
      </span>
      <div className={`bar ${level === 'full' ? styles.barFull : level === 'warn' ? styles.barWarn : ''}`}>
        <span style={{ width: `${Math.min(100, Math.round(ratio * 100))}%` }} />
      </div>
    </div>
  );
}

function SubscriptionEnd({ date }: { date: string | null }) {
  const t = useTranslations('admin.tenants');
  if (!date) return <span className={styles.muted}>{t('noEnd')}</span>;
  const days = daysUntil(date);
  if (days < 0)
    return (
      <span className={styles.dateExpired}>
        {date}
        <br />
        <span className="badge badge-danger">{t('expired')}</span>
      </span>
    );
  if (days <= 30)
    return (
      <span className={styles.dateSoon}>
        {date}
        <br />
        <span className="badge badge-warn">{t('expiresIn', { days })}</span>
      </span>
    );
  return <span className={styles.nowrap}>{date}</span>;
}
