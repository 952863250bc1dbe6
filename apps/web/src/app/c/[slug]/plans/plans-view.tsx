'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { QueryStatus } from '@/components/query-status';
import { EmptyState, Field, Notice } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import styles from '../console.module.css';
import { fromLocalInput, toLocalInput, useName, when } from '../field-shared';

interface PlanRow {
  id: string;
  name: string;
  kind: 'maintenance' | 'inspection';
  assigneeId: string;
  areaId: string | null;
  checklist: { itemId: string; label: string }[];
  everyDays: number;
  leadHours: number;
  graceHours: number;
  nextDueAt: number;
  active: boolean;
}

export function PlansView({ tenant, canManage }: { tenant: string; canManage: boolean }) {
  const t = useTranslations('field-console.plans');
  const tc = useTranslations('field-console.common');
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const query = useQuery(trpc.fieldConsole.plans.list.queryOptions({ tenant }));
  const [editing, setEditing] = useState<PlanRow | 'new' | null>(null);
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const name = useName(query.data?.names ?? {});
  const generate = useMutation(
    trpc.fieldConsole.plans.generateNow.mutationOptions({
      onSuccess: async (r) => {
        setNotice({ kind: 'success', text: t('generated', { created: r.created, tasks: r.overdue.tasks, cases: r.overdue.cases }) });
        await qc.invalidateQueries({ queryKey: trpc.fieldConsole.plans.list.queryKey({ tenant }) });
      },
      onError: (e) => setNotice({ kind: 'error', text: errorText(e, locale) }),
    }),
  );
  const actions = canManage ? (
    <>
      <button type="button" className="btn" onClick={() => setEditing('new')} data-testid="new-plan">{t('new')}</button>
      <button type="button" className="btn btn-ghost" onClick={() => generate.mutate({ tenant })} disabled={generate.isPending} data-testid="generate-now">{t('generateNow')}</button>
    </>
  ) : null;
  return (
    <>
      {editing && <PlanForm tenant={tenant} plan={editing === 'new' ? null : editing} onDone={async (saved) => { setEditing(null); if (saved) { setNotice({ kind: 'success', text: tc('saved') }); await qc.invalidateQueries({ queryKey: trpc.fieldConsole.plans.list.queryKey({ tenant }) }); } }} />}
      <section className="card">
        <div className="toolbar">{actions}</div>
        {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
        <QueryStatus query={query} />
        {query.data && query.data.items.length === 0 ? (
          <EmptyState title={t('empty')} hint={t('emptyHint')} />
        ) : query.data ? (
          <div className={`table-wrap ${styles.table}`}>
            <table>
              <thead>
                <tr>
                  <th>{t('col.name')}</th>
                  <th>{t('col.kind')}</th>
                  <th>{t('col.assignee')}</th>
                  <th>{t('col.every')}</th>
                  <th>{t('col.next')}</th>
                  <th className="num">{t('col.open')}</th>
                  <th className="num">{t('col.done')}</th>
                  <th className="num">{t('col.overdue')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {query.data.items.map((p) => (
                  <tr key={p.id} data-testid="plan-row">
                    <td>
                      <Link href={`/c/${tenant}/tasks?plan=${p.id}`}>{p.name}</Link> {!p.active && <span className="badge">{tc('inactive')}</span>}
                      <div className={styles.muted}>{p.checklist.map((c) => c.label).join(' · ')}</div>
                    </td>
                    <td>{t(`kindName.${p.kind}`)}</td>
                    <td>{name(p.assigneeId)}</td>
                    <td className={styles.nowrap}>{t('everyDays', { n: p.everyDays })}</td>
                    <td className={styles.nowrap}>{when(p.nextDueAt)}</td>
                    <td className="num">{p.tasks.open}</td>
                    <td className="num">{p.tasks.done}</td>
                    <td className="num">{p.tasks.overdue ? <Link href={`/c/${tenant}/tasks?plan=${p.id}&overdue=1`} className="badge badge-danger">{p.tasks.overdue}</Link> : 0}</td>
                    <td>{canManage && <button type="button" className="btn btn-ghost btn-small" onClick={() => setEditing(p as PlanRow)}>{tc('edit')}</button>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}

function PlanForm({ tenant, plan, onDone }: { tenant: string; plan: PlanRow | null; onDone: (saved: boolean) => void }) {
  const t = useTranslations('field-console.plans');
  const tf = useTranslations('field-console.plans.form');
  const tc = useTranslations('field-console.common');
  const locale = useLocale();
  const trpc = useTRPC();
  const people = useQuery(trpc.fieldConsole.cases.people.queryOptions({ tenant }));
  const areas = useQuery(trpc.fieldConsole.plans.areas.queryOptions({ tenant }));
  const [f, setF] = useState({
    name: plan?.name ?? '',
    kind: plan?.kind ?? ('maintenance' as const),
    assigneeId: plan?.assigneeId ?? '',
    areaId: plan?.areaId ?? '',
    checklist: plan?.checklist.map((c) => c.label).join('\n') ?? '',
    everyDays: String(plan?.everyDays ?? 30),
    leadHours: String(plan?.leadHours ?? 24),
    graceHours: String(plan?.graceHours ?? 0),
    nextDue: toLocalInput(plan?.nextDueAt ?? Date.now() + 86_400_000),
    active: plan?.active ?? true,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(trpc.fieldConsole.plans.save.mutationOptions({ onSuccess: () => onDone(true), onError: (e) => setError(errorText(e, locale)) }));
  const submit = () => {
    const errs: Record<string, string> = {};
    const items = f.checklist.split('\n').map((s) => s.trim()).filter(Boolean);
    if (!f.name.trim()) errs.name = tf('nameRequired');
    if (!f.assigneeId) errs.assigneeId = tf('assigneeRequired');
    if (items.length === 0) errs.checklist = tf('checklistRequired');
    for (const k of ['everyDays', 'leadHours', 'graceHours'] as const) if (!/^\d{1,4}$/.test(f[k]) || (k === 'everyDays' && Number(f[k]) < 1)) errs[k] = tf('numberInvalid');
    const nextDueAt = fromLocalInput(f.nextDue);
    if (nextDueAt === null) errs.nextDue = tf('dueRequired');
    setErrors(errs);
    if (Object.keys(errs).length || nextDueAt === null) return;
    save.mutate({ tenant, ...(plan ? { id: plan.id } : {}), name: f.name.trim(), kind: f.kind, assigneeId: f.assigneeId, areaId: f.areaId || null, checklist: items, everyDays: Number(f.everyDays), leadHours: Number(f.leadHours), graceHours: Number(f.graceHours), nextDueAt, active: f.active });
  };
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  return (
    <section className="card" data-testid="plan-form">
      <h2>{plan ? tf('titleEdit') : tf('titleNew')}</h2>
      {error && <Notice>{error}</Notice>}
      <div className="form-grid">
        <Field label={tf('name')} htmlFor="plan-name" error={errors.name}><input id="plan-name" value={f.name} maxLength={80} onChange={set('name')} /></Field>
        <Field label={tf('kind')} htmlFor="plan-kind">
          <select id="plan-kind" value={f.kind} onChange={set('kind')}>
            <option value="maintenance">{t('kindName.maintenance')}</option>
            <option value="inspection">{t('kindName.inspection')}</option>
          </select>
        </Field>
        <Field label={tf('assignee')} htmlFor="plan-assignee" error={errors.assigneeId}>
          <select id="plan-assignee" value={f.assigneeId} onChange={set('assigneeId')}>
            <option value="">—</option>
            {(people.data ?? []).filter((p) => p.field).map((p) => <option key={p.id} value={p.id}>{p.displayName} ({p.username})</option>)}
          </select>
        </Field>
        <Field label={tf('nextDue')} htmlFor="plan-due" error={errors.nextDue}><input id="plan-due" type="datetime-local" value={f.nextDue} onChange={set('nextDue')} /></Field>
        <Field label={tf('everyDays')} htmlFor="plan-every" error={errors.everyDays}><input id="plan-every" inputMode="numeric" value={f.everyDays} onChange={set('everyDays')} /></Field>
        <Field label={tf('leadHours')} htmlFor="plan-lead" error={errors.leadHours}><input id="plan-lead" inputMode="numeric" value={f.leadHours} onChange={set('leadHours')} /></Field>
        <Field label={tf('graceHours')} htmlFor="plan-grace" error={errors.graceHours}><input id="plan-grace" inputMode="numeric" value={f.graceHours} onChange={set('graceHours')} /></Field>
        <Field label={tf('area')} htmlFor="plan-area">
          <select id="plan-area" value={f.areaId} onChange={set('areaId')}>
            <option value="">{tf('noArea')}</option>
            {(areas.data ?? []).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </Field>
        <Field label={tf('checklist')} hint={tf('checklistHint')} htmlFor="plan-checklist" error={errors.checklist}><textarea id="plan-checklist" rows={5} value={f.checklist} onChange={set('checklist')} /></Field>
        <label><input type="checkbox" checked={f.active} onChange={(e) => setF((x) => ({ ...x, active: e.target.checked }))} /> {tf('active')}</label>
      </div>
      <div className="actions">
        <button type="button" className="btn" onClick={submit} disabled={save.isPending} data-testid="save-plan">{save.isPending ? tc('saving') : tc('save')}</button>
        <button type="button" className="btn btn-ghost" onClick={() => onDone(false)}>{tc('cancel')}</button>
      </div>
    </section>
  );
}
