'use client';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import { Pager } from '@/components/pager';
import { SearchBox } from '@/components/search-box';
import { EmptyState } from '@/components/ui';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';
import { LiveStatus, OnlineBadge } from './badges';
import { DeviceOverview } from './device-overview';
import { GroupCommandDialog } from './group-command-dialog';
import local from './devices.module.css';
import { useCatalog, useLive, useThrottled } from './hooks';
import { ImportDialog } from './import-dialog';
import { formatMetric, localName, type DeviceRow } from './lib';
import { RegisterDialog } from './register-dialog';
import { SecretsDialog, type IssuedSecret } from './secrets-dialog';
import { QueryStatus } from '@/components/query-status';

const PAGE_SIZE = 20;
type Online = '' | 'online' | 'offline';

/** Device ledger with live state, the overview charts, registration and CSV import. */
export function DevicesView({ tenant, tenantId, canManage, canControl = false, canBuildings }: { tenant: string; tenantId: string; canManage: boolean; canControl?: boolean; canBuildings: boolean }) {
  const t = useTranslations('devices');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const catalog = useCatalog(tenant);
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [searchKey, setSearchKey] = useState(0);
  const [kind, setKind] = useState('');
  const [online, setOnline] = useState<Online>('');
  const [dialog, setDialog] = useState<'register' | 'import' | 'group' | null>(null);
  const [secrets, setSecrets] = useState<IssuedSecret[] | null>(null);

  const query = useQuery({
    ...trpc.devices.list.queryOptions({ tenant, page, pageSize: PAGE_SIZE, search: search || undefined, kind: kind || undefined, online: online ? online === 'online' : undefined }),
    placeholderData: keepPreviousData,
  });
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.devices.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.devices.stats.queryKey() });
  }, [queryClient, trpc]);
  const refreshSoon = useThrottled(refresh);
  const live = useLive(tenant, (e) => {
    if (e.type === 'device' || e.type === 'alarm') refreshSoon();
  });

  const onSearch = useCallback((v: string) => {
    setSearch(v.trim());
    setPage(1);
  }, []);
  const clearFilters = () => {
    setSearch('');
    setKind('');
    setOnline('');
    setPage(1);
    setSearchKey((k) => k + 1);
  };
  function provisioned(issued: IssuedSecret[]) {
    setDialog(null);
    setSecrets(issued);
    refresh();
  }

  const data = query.data;
  const filtered = !!search || !!kind || !!online;
  const keyValues = (row: DeviceRow) => {
    const def = catalog.byKind.get(row.kind);
    const values = (row.values ?? {}) as Record<string, unknown>;
    return (def?.metrics ?? []).filter((m) => values[m.key] !== undefined).slice(0, 3).map((m) => ({ key: m.key, name: localName(m, locale), text: formatMetric(m, values[m.key], tc('yes'), tc('no')) }));
  };
  const open = (row: DeviceRow) => router.push(`/c/${tenant}/devices/${row.id}`);

  return (
    <>
      <DeviceOverview tenant={tenant} kindName={catalog.kindName} byKind={catalog.byKind} />
      <section className="card">
        <div className={styles.filters}>
          <label className={styles.grow}>
            {t('list.searchLabel')}
            <SearchBox key={searchKey} value={search} onChange={onSearch} placeholder={t('list.searchPlaceholder')} label={t('list.searchLabel')} />
          </label>
          <label>
            {t('list.kind')}
            <select
              value={kind}
              onChange={(e) => {
                setKind(e.target.value);
                setPage(1);
              }}
              data-testid="filter-kind"
            >
              <option value="">{tc('all')}</option>
              {catalog.kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {localName(k, locale)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('list.online')}
            <select
              value={online}
              onChange={(e) => {
                setOnline(e.target.value as Online);
                setPage(1);
              }}
            >
              <option value="">{tc('all')}</option>
              <option value="online">{t('online.online')}</option>
              <option value="offline">{t('online.offline')}</option>
            </select>
          </label>
          {canControl && (
            <button type="button" className="btn btn-ghost" onClick={() => setDialog('group')} data-testid="open-group">
              {t('group.open')}
            </button>
          )}
          {canManage && (
            <>
              <button type="button" className="btn btn-ghost" onClick={() => setDialog('import')} data-testid="open-import">
                {t('list.import')}
              </button>
              <button type="button" className="btn" onClick={() => setDialog('register')} data-testid="open-register">
                {t('list.register')}
              </button>
            </>
          )}
        </div>

        <QueryStatus query={query} />

        {data && data.total === 0 ? (
          filtered ? (
            <EmptyState
              title={t('list.empty.filteredTitle')}
              hint={t('list.empty.filteredHint')}
              action={
                <button type="button" className="btn btn-ghost" onClick={clearFilters}>
                  {t('list.empty.clear')}
                </button>
              }
            />
          ) : (
            <EmptyState
              title={t('list.empty.noneTitle')}
              hint={canManage ? t('list.empty.noneHintManage') : t('list.empty.noneHintRead')}
              action={
                canManage ? (
                  <div className="actions" style={{ justifyContent: 'center' }}>
                    <button type="button" className="btn" onClick={() => setDialog('register')}>
                      {t('list.register')}
                    </button>
                    <button type="button" className="btn btn-ghost" onClick={() => setDialog('import')}>
                      {t('list.import')}
                    </button>
                  </div>
                ) : undefined
              }
            />
          )
        ) : data ? (
          <>
            <div className="toolbar">
              <span className={styles.muted}>{t('list.count', { total: data.total })}</span>
              <span style={{ marginLeft: 'auto' }}>
                <LiveStatus status={live} />
              </span>
            </div>
            <div className={`table-wrap ${styles.table}`} aria-busy={query.isFetching}>
              <table>
                <thead>
                  <tr>
                    <th>{t('list.col.code')}</th>
                    <th>{t('list.col.name')}</th>
                    <th>{t('list.col.kind')}</th>
                    <th>{t('list.col.location')}</th>
                    <th>{t('list.col.state')}</th>
                    <th>{t('list.col.values')}</th>
                    <th className="num">{t('list.col.alarms')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((row) => {
                    const values = keyValues(row);
                    return (
                      <tr
                        key={row.id}
                        className={local.row}
                        data-testid="device-row"
                        tabIndex={0}
                        onClick={(e) => {
                          if (!(e.target as HTMLElement).closest('a')) open(row);
                        }}
                        onKeyDown={(e) => e.key === 'Enter' && open(row)}
                      >
                        <td className={`${styles.mono} ${styles.nowrap}`}>
                          <Link href={`/c/${tenant}/devices/${row.id}`}>{row.code}</Link>
                        </td>
                        <td className={local.nameCell}>{row.name}</td>
                        <td className={styles.nowrap}>{catalog.kindName(row.kind)}</td>
                        <td className={styles.nowrap}>
                          {row.buildingName ?? (row.zone ? '' : '—')}
                          {row.floor != null && <span className={local.small}> {t('list.floor', { floor: row.floor })}</span>}
                          {row.zone && <div className={local.small}>{t('list.zone', { zone: row.zone })}</div>}
                        </td>
                        <td>
                          <OnlineBadge online={row.online} lastSeen={row.lastSeen} enabled={row.enabled} />
                          {!!row.faults?.length && (
                            <span className="badge badge-danger" title={row.faults.join(', ')}>
                              {t('list.faults', { count: row.faults.length })}
                            </span>
                          )}
                        </td>
                        <td>
                          {values.length ? (
                            <span className={local.values}>
                              {values.map((v) => (
                                <span key={v.key}>
                                  <span className={styles.muted}>{v.name}</span> {v.text}
                                </span>
                              ))}
                            </span>
                          ) : (
                            <span className={styles.muted}>—</span>
                          )}
                        </td>
                        <td className="num">{row.openAlarms ? <span className="badge badge-danger">{row.openAlarms}</span> : <span className={styles.muted}>0</span>}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pager page={data.page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
          </>
        ) : null}
      </section>

      {dialog === 'register' && <RegisterDialog tenant={tenant} kinds={catalog.kinds} canBuildings={canBuildings} onClose={() => setDialog(null)} onDone={provisioned} />}
      {dialog === 'import' && (
        <ImportDialog tenant={tenant} kindName={catalog.kindName} knownKinds={new Set(catalog.byKind.keys())} onClose={() => setDialog(null)} onDone={provisioned} />
      )}
      {dialog === 'group' && <GroupCommandDialog tenant={tenant} kinds={catalog.kinds} canBuildings={canBuildings} onClose={() => setDialog(null)} />}
      {secrets && <SecretsDialog tenantId={tenantId} secrets={secrets} onClose={() => setSecrets(null)} />}
    </>
  );
}
