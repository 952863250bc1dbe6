'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import { Pager } from '@/components/pager';
import { SearchBox } from '@/components/search-box';
import { EmptyState, Notice } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';
import { ResidentDialog } from './resident-dialog';
import { CATEGORIES, CATEGORY_BADGE, type Category, type ResidentRow } from './types';
import { QueryStatus } from '@/components/query-status';

const PAGE_SIZE = 20;

type DialogState = { mode: 'create' } | { mode: 'edit'; resident: ResidentRow } | null;

/** Population list: masked by default; full data only on request and always audited. */
export function ResidentsView({ tenant, canPii, canWrite }: { tenant: string; canPii: boolean; canWrite: boolean }) {
  const t = useTranslations('console.residents');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [searchKey, setSearchKey] = useState(0);
  const [category, setCategory] = useState<Category | ''>('');
  const [full, setFull] = useState(false);
  const [revealed, setRevealed] = useState<Record<string, ResidentRow>>({});
  const [dialog, setDialog] = useState<DialogState>(null);
  const [success, setSuccess] = useState<string | null>(null);

  const query = useQuery({
    ...trpc.residents.list.queryOptions({ tenant, page, pageSize: PAGE_SIZE, search: search || undefined, category: category || undefined, full }),
    placeholderData: keepPreviousData,
  });
  const reveal = useMutation(
    trpc.residents.reveal.mutationOptions({ onSuccess: (r) => setRevealed((prev) => ({ ...prev, [r.id]: r })) }),
  );

  const onSearch = useCallback((v: string) => {
    setSearch(v.trim());
    setPage(1);
    setSuccess(null);
  }, []);
  const clearFilters = () => {
    setSearch('');
    setCategory('');
    setPage(1);
    setSearchKey((k) => k + 1);
  };

  async function openEdit(row: ResidentRow) {
    setSuccess(null);
    const known = revealed[row.id] ?? row;
    if (!known.masked || !canPii) return setDialog({ mode: 'edit', resident: known });
    // Editing needs the real values; fetching them is a (recorded) reveal.
    try {
      const r = await reveal.mutateAsync({ tenant, residentId: row.id });
      setDialog({ mode: 'edit', resident: r });
    } catch {
      /* shown by the reveal notice below */
    }
  }

  function done(kind: 'created' | 'updated', id: string) {
    setDialog(null);
    setRevealed((prev) => {
      const next = { ...prev };
      delete next[id];
      return next;
    });
    setSuccess(t(`success.${kind}`));
    void queryClient.invalidateQueries({ queryKey: trpc.residents.list.queryKey() });
  }

  const data = query.data;
  const filtered = !!search || !!category;
  const showActions = canPii || canWrite;

  return (
    <section className="card">
      <div className={styles.filters}>
        <label className={styles.grow}>
          {t('searchLabel')}
          <SearchBox key={searchKey} value={search} onChange={onSearch} placeholder={t(canPii ? 'searchPlaceholder' : 'searchPlaceholderMasked')} label={t('searchLabel')} />
        </label>
        <label>
          {t('category')}
          <select
            value={category}
            onChange={(e) => {
              setCategory(e.target.value as Category | '');
              setPage(1);
              setSuccess(null);
            }}
          >
            <option value="">{tc('all')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`categories.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {canPii && (
          <button type="button" className={`btn ${full ? '' : 'btn-ghost'}`} aria-pressed={full} onClick={() => setFull((f) => !f)} data-testid="toggle-full">
            {full ? t('hideFull') : t('showFull')}
          </button>
        )}
        {canWrite && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              setSuccess(null);
              setDialog({ mode: 'create' });
            }}
          >
            {t('register')}
          </button>
        )}
      </div>
      <p className="field-hint" style={{ marginTop: -4, marginBottom: 12 }}>
        {t(canPii ? 'searchHint' : 'searchHintMasked')}
      </p>

      {full && <Notice kind="info">{t('fullNotice')}</Notice>}
      {!full && canPii && <p className="field-hint" style={{ marginBottom: 12 }}>{t('revealHint')}</p>}
      {success && <Notice kind="success">{success}</Notice>}
      {reveal.error && <Notice>{errorText(reveal.error, locale)}</Notice>}
      <QueryStatus query={query} />

      {data && data.total === 0 ? (
        filtered ? (
          <EmptyState
            title={t('empty.filteredTitle')}
            hint={t('empty.filteredHint')}
            action={
              <button type="button" className="btn btn-ghost" onClick={clearFilters}>
                {t('empty.clear')}
              </button>
            }
          />
        ) : (
          <EmptyState
            title={t('empty.noneTitle')}
            hint={canWrite ? t('empty.noneHintWrite') : t('empty.noneHintRead')}
            action={
              canWrite ? (
                <button type="button" className="btn" onClick={() => setDialog({ mode: 'create' })}>
                  {t('register')}
                </button>
              ) : undefined
            }
          />
        )
      ) : data ? (
        <>
          <div className="toolbar">
            <span className={styles.muted}>{t('count', { total: data.total })}</span>
            {full ? <span className="badge badge-warn">{t('badgeFull')}</span> : <span className="badge" data-testid="masked-badge">{t('badgeMasked')}</span>}
          </div>
          <div className={`table-wrap ${styles.table}`} aria-busy={query.isFetching}>
            <table>
              <thead>
                <tr>
                  <th>{t('col.name')}</th>
                  <th>{t('col.category')}</th>
                  <th>{t('col.phone')}</th>
                  <th>{t('col.idNumber')}</th>
                  <th>{t('col.address')}</th>
                  {showActions && <th>{t('col.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {data.items.map((row) => {
                  const shown = revealed[row.id] ?? row;
                  const isRevealed = !!revealed[row.id] && row.masked;
                  const revealing = reveal.isPending && reveal.variables?.residentId === row.id;
                  return (
                    <tr key={row.id} data-testid="resident-row" className={isRevealed ? styles.revealed : undefined}>
                      <td className={styles.nowrap}>{shown.name}</td>
                      <td>
                        <span className={CATEGORY_BADGE[shown.category]}>{t(`categories.${shown.category}`)}</span>
                      </td>
                      <td className={`${styles.mono} ${styles.nowrap}`}>{shown.phone ?? '—'}</td>
                      <td className={`${styles.mono} ${styles.nowrap}`}>{shown.idNumber ?? '—'}</td>
                      <td>{shown.address ?? <span className={styles.muted}>{t('noHousehold')}</span>}</td>
                      {showActions && (
                        <td>
                          <div className={styles.rowActions}>
                            {canPii && row.masked && !isRevealed && (
                              <button type="button" className="btn btn-ghost btn-small" disabled={revealing} onClick={() => reveal.mutate({ tenant, residentId: row.id })}>
                                {revealing ? tc('loading') : t('reveal')}
                              </button>
                            )}
                            {isRevealed && (
                              <button
                                type="button"
                                className="btn btn-ghost btn-small"
                                onClick={() =>
                                  setRevealed((prev) => {
                                    const next = { ...prev };
                                    delete next[row.id];
                                    return next;
                                  })
                                }
                              >
                                {t('hide')}
                              </button>
                            )}
                            {canWrite && (
                              <button type="button" className="btn btn-ghost btn-small" disabled={revealing} onClick={() => void openEdit(row)}>
                                {tc('edit')}
                              </button>
                            )}
                          </div>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pager page={data.page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
        </>
      ) : null}

      {dialog && (
        <ResidentDialog
          tenant={tenant}
          resident={dialog.mode === 'edit' ? dialog.resident : null}
          onClose={() => setDialog(null)}
          onDone={(id) => done(dialog.mode === 'edit' ? 'updated' : 'created', id)}
        />
      )}
    </section>
  );
}
