'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Pager } from '@/components/pager';
import { QueryStatus } from '@/components/query-status';
import { SearchBox } from '@/components/search-box';
import { EmptyState, Field, Notice } from '@/components/ui';
import { errorText, fieldErrorsOf } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';

const PAGE_SIZE = 20;

interface BuildingRow {
  id: string;
  code: string;
  name: string;
  households: number;
  areaId: string | null;
}
interface AreaRow {
  id: string;
  name: string;
  buildings: { id: string; code: string; name: string; households: number }[];
  households: number;
  members: { id: string; displayName: string; username: string }[];
}

export function AreasView({ tenant, canManage }: { tenant: string; canManage: boolean }) {
  const t = useTranslations('field-console.areas');
  const tc = useTranslations('field-console.common');
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const query = useQuery(trpc.fieldConsole.areas.list.queryOptions({ tenant }));
  const [editing, setEditing] = useState<AreaRow | 'new' | null>(null);
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.fieldConsole.areas.list.queryKey({ tenant }) });
  const onError = (e: unknown) => setNotice({ kind: 'error', text: errorText(e, locale) });
  const assign = useMutation(trpc.fieldConsole.areas.assign.mutationOptions({ onSuccess: async () => { setNotice({ kind: 'success', text: t('assigned') }); await refresh(); }, onError }));
  const unassign = useMutation(trpc.fieldConsole.areas.unassign.mutationOptions({ onSuccess: async () => { setNotice({ kind: 'success', text: t('unassigned') }); await refresh(); }, onError }));
  const remove = useMutation(
    trpc.fieldConsole.areas.delete.mutationOptions({
      onSuccess: async (r) => { setNotice({ kind: 'success', text: t('deleted', { n: r.untagged + r.retagged.cases + r.retagged.visits, plans: r.plans }) }); await refresh(); },
      onError,
    }),
  );

  const data = query.data;
  const needle = search.trim().toLowerCase();
  const areas = (data?.areas ?? []).filter(
    (a) => !needle || [a.name, ...a.buildings.flatMap((b) => [b.code, b.name]), ...a.members.flatMap((m) => [m.displayName, m.username])].some((s) => s.toLowerCase().includes(needle)),
  );
  const shown = areas.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const free = (data?.buildings ?? []).filter((b) => !b.areaId);

  return (
    <>
      {editing && data && (
        <AreaForm
          tenant={tenant}
          area={editing === 'new' ? null : editing}
          buildings={data.buildings}
          areaNames={Object.fromEntries(data.areas.map((a) => [a.id, a.name]))}
          onDone={async (saved) => {
            setEditing(null);
            if (saved) {
              setNotice({ kind: 'success', text: t('saved', { places: saved.places, cases: saved.cases, visits: saved.visits }) });
              await refresh();
            }
          }}
        />
      )}
      <section className="card">
        <div className={styles.filters}>
          <div className={styles.grow}>
            <SearchBox value={search} onChange={(v) => { setSearch(v); setPage(1); }} placeholder={t('searchPlaceholder')} label={tc('search')} />
          </div>
          {canManage && <button type="button" className="btn" onClick={() => setEditing('new')} data-testid="new-area">{t('new')}</button>}
        </div>
        {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
        <QueryStatus query={query} />
        {data && (
          <p className={styles.muted} data-testid="areas-free">
            {free.length === 0 ? t('allAssigned', { n: data.buildings.length }) : t('freeBuildings', { n: free.length, total: data.buildings.length, codes: free.map((b) => b.code).join('、') })}
          </p>
        )}
        {data && data.areas.length === 0 ? (
          <EmptyState title={t('empty')} hint={canManage ? t('emptyHint') : t('emptyHintRead')} />
        ) : data && areas.length === 0 ? (
          <EmptyState title={t('noMatch')} hint={t('noMatchHint')} />
        ) : data ? (
          <>
            <div className={`table-wrap ${styles.table}`}>
              <table>
                <thead>
                  <tr>
                    <th>{t('col.name')}</th>
                    <th>{t('col.buildings')}</th>
                    <th className="num">{t('col.households')}</th>
                    <th>{t('col.workers')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {shown.map((a) => (
                    <AreaRowView
                      key={a.id}
                      area={a}
                      canManage={canManage}
                      workers={data.workers.filter((w) => !a.members.some((m) => m.id === w.id))}
                      busy={assign.isPending || unassign.isPending || remove.isPending}
                      onEdit={() => setEditing(a)}
                      onAssign={(userId) => assign.mutate({ tenant, areaId: a.id, userId })}
                      onUnassign={(userId) => unassign.mutate({ tenant, areaId: a.id, userId })}
                      onDelete={() => remove.mutate({ tenant, id: a.id })}
                    />
                  ))}
                </tbody>
              </table>
            </div>
            {areas.length > PAGE_SIZE && <Pager page={page} pageSize={PAGE_SIZE} total={areas.length} onPage={setPage} />}
          </>
        ) : null}
        {data && data.workers.length === 0 && canManage && <p className={styles.muted}>{t('noWorkers')}</p>}
      </section>
    </>
  );
}

function AreaRowView(props: {
  area: AreaRow;
  canManage: boolean;
  workers: { id: string; displayName: string; username: string; role: string }[];
  busy: boolean;
  onEdit: () => void;
  onAssign: (userId: string) => void;
  onUnassign: (userId: string) => void;
  onDelete: () => void;
}) {
  const { area: a, canManage, workers, busy } = props;
  const t = useTranslations('field-console.areas');
  const tc = useTranslations('field-console.common');
  const tr = useTranslations('field-console.areas.role');
  const [pick, setPick] = useState('');
  const [pickError, setPickError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-testid="area-row">
      <td><strong>{a.name}</strong></td>
      <td>
        <span data-testid="area-buildings">{a.buildings.map((b) => b.code).join('、')}</span>
        <div className={styles.muted}>{a.buildings.map((b) => b.name).join(' · ')}</div>
      </td>
      <td className="num">{a.households}</td>
      <td>
        {a.members.length === 0 ? <span className={styles.muted}>{t('noMembers')}</span> : null}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          {a.members.map((m) => (
            <span key={m.id} className="badge" data-testid="area-member">
              {m.displayName} ({m.username})
              {canManage && (
                <button type="button" className="btn btn-ghost btn-small" aria-label={t('unassignLabel', { name: m.displayName })} disabled={busy} onClick={() => props.onUnassign(m.id)}>×</button>
              )}
            </span>
          ))}
        </div>
        {canManage && (
          <div className={styles.rowActions} style={{ marginTop: 6 }}>
            <select aria-label={t('assignLabel')} value={pick} onChange={(e) => { setPick(e.target.value); setPickError(null); }} data-testid="area-assign-select">
              <option value="">{t('pickWorker')}</option>
              {workers.map((w) => <option key={w.id} value={w.id}>{w.displayName} ({w.username}) · {tr.has(w.role) ? tr(w.role) : w.role}</option>)}
            </select>
            <button type="button" className="btn btn-small" disabled={busy} data-testid="area-assign" onClick={() => { if (!pick) { setPickError(t('pickWorkerRequired')); return; } props.onAssign(pick); setPick(''); }}>{t('assign')}</button>
          </div>
        )}
        {pickError && <p className="field-error" role="alert">{pickError}</p>}
      </td>
      <td>
        {canManage && (
          <div className={styles.rowActions}>
            <button type="button" className="btn btn-ghost btn-small" onClick={props.onEdit} data-testid="area-edit">{tc('edit')}</button>
            {confirming ? (
              <span>
                <span className={styles.muted}>{t('deleteConfirm')}</span>{' '}
                <button type="button" className="btn btn-small btn-danger" disabled={busy} data-testid="area-delete-confirm" onClick={() => { setConfirming(false); props.onDelete(); }}>{t('delete')}</button>
                <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(false)}>{tc('cancel')}</button>
              </span>
            ) : (
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(true)} data-testid="area-delete">{t('delete')}</button>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}

function AreaForm(props: {
  tenant: string;
  area: AreaRow | null;
  buildings: BuildingRow[];
  areaNames: Record<string, string>;
  onDone: (saved: { places: number; cases: number; visits: number } | null) => void;
}) {
  const { tenant, area, buildings } = props;
  const tf = useTranslations('field-console.areas.form');
  const tc = useTranslations('field-console.common');
  const locale = useLocale();
  const trpc = useTRPC();
  const [name, setName] = useState(area?.name ?? '');
  const [chosen, setChosen] = useState<Set<string>>(new Set(area?.buildings.map((b) => b.id) ?? []));
  const [onlyFree, setOnlyFree] = useState(true);
  const [filter, setFilter] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(
    trpc.fieldConsole.areas.save.mutationOptions({
      onSuccess: (r) => props.onDone(r.retagged),
      onError: (e) => { setError(errorText(e, locale)); setErrors(fieldErrorsOf(e, locale)); },
    }),
  );
  const mine = (b: BuildingRow) => !b.areaId || b.areaId === area?.id;
  const needle = filter.trim().toLowerCase();
  const listed = buildings.filter((b) => (!onlyFree || mine(b) || chosen.has(b.id)) && (!needle || b.code.toLowerCase().includes(needle) || b.name.toLowerCase().includes(needle)));
  const households = buildings.filter((b) => chosen.has(b.id)).reduce((n, b) => n + b.households, 0);
  const toggle = (id: string) => {
    setChosen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
    setErrors((e) => ({ ...e, buildingIds: '' }));
  };
  const submit = () => {
    const errs: Record<string, string> = {};
    if (!name.trim()) errs.name = tf('nameRequired');
    else if (name.trim().length > 80) errs.name = tf('nameTooLong');
    if (chosen.size === 0) errs.buildingIds = tf('buildingsRequired');
    setErrors(errs);
    setError(null);
    if (Object.values(errs).some(Boolean)) return;
    save.mutate({ tenant, ...(area ? { id: area.id } : {}), name: name.trim(), buildingIds: [...chosen] });
  };
  return (
    <section className="card" data-testid="area-form">
      <h2>{area ? tf('titleEdit') : tf('titleNew')}</h2>
      {error && <Notice>{error}</Notice>}
      <div className="form-grid">
        <Field label={tf('name')} htmlFor="area-name" error={errors.name} hint={tf('nameHint')}>
          <input id="area-name" value={name} maxLength={80} onChange={(e) => { setName(e.target.value); setErrors((x) => ({ ...x, name: '' })); }} data-testid="area-name" />
        </Field>
        <div className={`field ${styles.full}${errors.buildingIds ? ' field-invalid' : ''}`}>
          <label>{tf('buildings')}</label>
          <div className={styles.filters}>
            <input type="search" className="search" aria-label={tf('filterBuildings')} placeholder={tf('filterBuildings')} value={filter} onChange={(e) => setFilter(e.target.value)} />
            <label style={{ flexDirection: 'row', alignItems: 'center', gap: 4 }}>
              <input type="checkbox" checked={onlyFree} onChange={(e) => setOnlyFree(e.target.checked)} data-testid="area-only-free" /> {tf('onlyFree')}
            </label>
          </div>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 6, maxHeight: 320, overflow: 'auto' }} role="group" aria-label={tf('buildings')}>
            {listed.map((b) => {
              const other = !mine(b);
              return (
                <label key={b.id} className={other ? styles.muted : undefined} title={other ? tf('takenBy', { area: props.areaNames[b.areaId!] ?? '' }) : undefined}>
                  <input type="checkbox" checked={chosen.has(b.id)} disabled={other} onChange={() => toggle(b.id)} data-testid={`area-building-${b.code}`} /> {b.code} {b.name}
                  {other ? <span className={styles.muted}> · {props.areaNames[b.areaId!]}</span> : <span className={styles.muted}> · {tf('householdsN', { n: b.households })}</span>}
                </label>
              );
            })}
            {listed.length === 0 && <p className={styles.muted}>{tf('noFree')}</p>}
          </div>
          {errors.buildingIds ? <p className="field-error" role="alert">{errors.buildingIds}</p> : <p className="field-hint">{tf('chosen', { n: chosen.size, households })}</p>}
        </div>
      </div>
      <p className={styles.muted}>{tf('retagNote')}</p>
      <div className="actions">
        <button type="button" className="btn" onClick={submit} disabled={save.isPending} data-testid="save-area">{save.isPending ? tc('saving') : tc('save')}</button>
        <button type="button" className="btn btn-ghost" onClick={() => props.onDone(null)}>{tc('cancel')}</button>
      </div>
    </section>
  );
}
