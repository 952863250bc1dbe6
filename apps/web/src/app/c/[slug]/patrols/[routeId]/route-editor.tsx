'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { QueryStatus } from '@/components/query-status';
import { Field, Notice } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import styles from '../../console.module.css';

interface Point {
  key: string;
  id?: string;
  name: string;
  offsetMin: string;
  toleranceMin: string;
  qrCode?: string;
}

let seq = 0;
const blank = (): Point => ({ key: `n${++seq}`, name: '', offsetMin: '0', toleranceMin: '10' });

export function RouteEditor({ tenant, routeId, canManage }: { tenant: string; routeId: string | null; canManage: boolean }) {
  const t = useTranslations('field-console.patrols');
  const tr = useTranslations('field-console.patrols.route');
  const tc = useTranslations('field-console.common');
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const detail = useQuery({ ...trpc.fieldConsole.patrols.route.queryOptions({ tenant, id: routeId ?? '00000000-0000-0000-0000-000000000000' }), enabled: routeId !== null });
  const areas = useQuery(trpc.fieldConsole.plans.areas.queryOptions({ tenant }));
  const [name, setName] = useState('');
  const [active, setActive] = useState(true);
  const [areaId, setAreaId] = useState('');
  const [points, setPoints] = useState<Point[]>(() => (routeId ? [] : [blank()]));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);

  useEffect(() => {
    const r = detail.data?.route;
    if (!r) return;
    setName(r.name);
    setActive(r.active);
    setAreaId(r.areaId ?? '');
    setPoints(r.checkpoints.map((c) => ({ key: c.id, id: c.id, name: c.name, offsetMin: String(c.offsetMin), toleranceMin: String(c.toleranceMin), qrCode: c.qrCode })));
  }, [detail.data]);

  const save = useMutation(
    trpc.fieldConsole.patrols.saveRoute.mutationOptions({
      onSuccess: async (saved) => {
        setNotice({ kind: 'success', text: tr('saved') });
        await qc.invalidateQueries({ queryKey: trpc.fieldConsole.patrols.routes.queryKey({ tenant }) });
        if (!routeId) router.replace(`/c/${tenant}/patrols/${saved.id}`);
        else await detail.refetch();
      },
      onError: (e) => setNotice({ kind: 'error', text: errorText(e, locale) }),
    }),
  );

  const submit = () => {
    const errs: Record<string, string> = {};
    if (!name.trim()) errs.name = tr('nameRequired');
    if (points.length === 0) errs.points = tr('needPoint');
    for (const p of points) {
      if (!p.name.trim()) errs[`${p.key}.name`] = tr('nameRequired');
      if (!/^\d{1,4}$/.test(p.offsetMin)) errs[`${p.key}.offset`] = tc('required');
      if (!/^\d{1,3}$/.test(p.toleranceMin)) errs[`${p.key}.tolerance`] = tc('required');
    }
    setErrors(errs);
    setNotice(null);
    if (Object.keys(errs).length) return;
    save.mutate({
      tenant,
      ...(routeId ? { id: routeId } : {}),
      name: name.trim(),
      active,
      areaId: areaId || null,
      checkpoints: points.map((p) => ({ ...(p.id ? { id: p.id } : {}), name: p.name.trim(), offsetMin: Number(p.offsetMin), toleranceMin: Number(p.toleranceMin) })),
    });
  };

  const update = (key: string, patch: Partial<Point>) => setPoints((ps) => ps.map((p) => (p.key === key ? { ...p, ...patch } : p)));
  const move = (i: number, d: -1 | 1) => setPoints((ps) => {
    const next = [...ps];
    const [x] = next.splice(i, 1);
    next.splice(i + d, 0, x!);
    return next;
  });

  return (
    <>
      <p><Link href={`/c/${tenant}/patrols`}>← {tr('back')}</Link></p>
      {routeId && <QueryStatus query={detail} />}
      <section className="card">
        {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
        <div className="form-grid">
          <Field label={t('routeName')} htmlFor="route-name" error={errors.name}>
            <input id="route-name" value={name} maxLength={80} disabled={!canManage} onChange={(e) => setName(e.target.value)} data-testid="route-name" />
          </Field>
          <Field label={tr('area')} htmlFor="route-area">
            <select id="route-area" value={areaId} disabled={!canManage} onChange={(e) => setAreaId(e.target.value)}>
              <option value="">{tr('noArea')}</option>
              {(areas.data ?? []).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          </Field>
          <label><input type="checkbox" checked={active} disabled={!canManage} onChange={(e) => setActive(e.target.checked)} /> {tr('active')}</label>
        </div>
        <h2>{t('checkpoints')}</h2>
        {errors.points && <p className="field-error">{errors.points}</p>}
        <p className={styles.muted}>{tr('keepQr')}</p>
        <div className={`table-wrap ${styles.table}`}>
          <table>
            <thead>
              <tr>
                <th>{tr('order')}</th>
                <th>{tr('name')}</th>
                <th>{tr('offset')}</th>
                <th>{tr('tolerance')}</th>
                <th>{tr('qr')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={p.key} data-testid="checkpoint-row">
                  <td className="num">{i + 1}</td>
                  <td>
                    <input aria-label={tr('name')} value={p.name} maxLength={80} disabled={!canManage} onChange={(e) => update(p.key, { name: e.target.value })} className={errors[`${p.key}.name`] ? 'field-invalid' : undefined} data-testid="checkpoint-name" />
                    {errors[`${p.key}.name`] && <div className="field-error">{errors[`${p.key}.name`]}</div>}
                  </td>
                  <td><input aria-label={tr('offset')} inputMode="numeric" size={5} value={p.offsetMin} disabled={!canManage} onChange={(e) => update(p.key, { offsetMin: e.target.value })} className={errors[`${p.key}.offset`] ? 'field-invalid' : undefined} /></td>
                  <td><input aria-label={tr('tolerance')} inputMode="numeric" size={4} value={p.toleranceMin} disabled={!canManage} onChange={(e) => update(p.key, { toleranceMin: e.target.value })} className={errors[`${p.key}.tolerance`] ? 'field-invalid' : undefined} /></td>
                  <td className={styles.mono}>{p.qrCode ?? '—'}</td>
                  <td className={styles.nowrap}>
                    {canManage && (
                      <>
                        <button type="button" className="btn btn-ghost btn-small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={tr('moveUp')}>↑</button>
                        <button type="button" className="btn btn-ghost btn-small" disabled={i === points.length - 1} onClick={() => move(i, 1)} aria-label={tr('moveDown')}>↓</button>
                        <button type="button" className="btn btn-ghost btn-small" onClick={() => setPoints((ps) => ps.filter((x) => x.key !== p.key))}>{tr('remove')}</button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {canManage && (
          <div className="actions">
            <button type="button" className="btn btn-ghost" onClick={() => setPoints((ps) => [...ps, blank()])} data-testid="add-checkpoint">{tr('add')}</button>
            <button type="button" className="btn" onClick={submit} disabled={save.isPending} data-testid="save-route">{save.isPending ? tc('saving') : tc('save')}</button>
            {routeId && <a className="btn btn-ghost" href={`/c/${tenant}/patrols/${routeId}/qr.pdf`} target="_blank" rel="noreferrer" data-testid="route-qr-pdf">{t('qrPdf')}</a>}
          </div>
        )}
        {!canManage && routeId && <a href={`/c/${tenant}/patrols/${routeId}/qr.pdf`} target="_blank" rel="noreferrer">{t('qrPdf')}</a>}
      </section>
      {routeId && detail.data && <Schedules tenant={tenant} routeId={routeId} canManage={canManage} schedules={detail.data.schedules} names={detail.data.names} onChange={() => detail.refetch()} />}
    </>
  );
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function Schedules({ tenant, routeId, canManage, schedules, names, onChange }: {
  tenant: string;
  routeId: string;
  canManage: boolean;
  schedules: { id: string; startMinutes: number[]; weekdays: number[]; guardId: string | null; active: boolean }[];
  names: Record<string, string>;
  onChange: () => void;
}) {
  const t = useTranslations('field-console.patrols.schedule');
  const tc = useTranslations('field-console.common');
  const locale = useLocale();
  const trpc = useTRPC();
  const people = useQuery(trpc.fieldConsole.cases.people.queryOptions({ tenant }));
  const [times, setTimes] = useState('22:00, 02:00');
  const [days, setDays] = useState<number[]>([1, 2, 3, 4, 5, 6, 7]);
  const [guard, setGuard] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(trpc.fieldConsole.patrols.saveSchedule.mutationOptions({ onSuccess: () => onChange(), onError: (e) => setError(errorText(e, locale)) }));
  const del = useMutation(trpc.fieldConsole.patrols.deleteSchedule.mutationOptions({ onSuccess: () => onChange(), onError: (e) => setError(errorText(e, locale)) }));
  const add = () => {
    setError(null);
    const parts = times.split(/[,，\s]+/).filter(Boolean);
    const mins = parts.map((p) => /^(\d{1,2}):(\d{2})$/.exec(p)).map((m) => (m && Number(m[1]) < 24 && Number(m[2]) < 60 ? Number(m[1]) * 60 + Number(m[2]) : -1));
    if (mins.length === 0 || mins.some((m) => m < 0)) return setError(t('timesInvalid'));
    if (days.length === 0) return setError(t('weekdaysRequired'));
    save.mutate({ tenant, routeId, startMinutes: mins, weekdays: days, guardId: guard || null, active: true });
  };
  return (
    <section className="card">
      <h2>{t('title')}</h2>
      {error && <Notice>{error}</Notice>}
      {schedules.length === 0 ? <p className={styles.muted}>{t('empty')}</p> : (
        <ul data-testid="schedules">
          {schedules.map((s) => (
            <li key={s.id}>
              {s.startMinutes.map(hhmm).join(', ')} · {s.weekdays.map((d) => t(`wd.${d}`)).join(' ')} · {s.guardId ? (names[s.guardId] ?? tc('unknownUser')) : t('anyGuard')}
              {canManage && <button type="button" className="btn btn-ghost btn-small" onClick={() => del.mutate({ tenant, id: s.id })}>{t('delete')}</button>}
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <div className="form-grid">
          <Field label={t('times')} hint={t('timesHint')} htmlFor="sched-times">
            <input id="sched-times" value={times} onChange={(e) => setTimes(e.target.value)} />
          </Field>
          <fieldset>
            <legend>{t('weekdays')}</legend>
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <label key={d} style={{ marginRight: 8 }}>
                <input type="checkbox" checked={days.includes(d)} onChange={(e) => setDays((ds) => (e.target.checked ? [...ds, d] : ds.filter((x) => x !== d)))} /> {t(`wd.${d}`)}
              </label>
            ))}
          </fieldset>
          <Field label={t('guard')} htmlFor="sched-guard">
            <select id="sched-guard" value={guard} onChange={(e) => setGuard(e.target.value)}>
              <option value="">{t('anyGuard')}</option>
              {(people.data ?? []).filter((p) => p.field).map((p) => <option key={p.id} value={p.id}>{p.displayName}</option>)}
            </select>
          </Field>
          <button type="button" className="btn" onClick={add} disabled={save.isPending}>{t('add')}</button>
        </div>
      )}
    </section>
  );
}
