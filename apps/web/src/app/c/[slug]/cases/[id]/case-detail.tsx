'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { checkStep, type CaseDoc, type CaseStatus } from '@linli/sync';
import { QueryStatus } from '@/components/query-status';
import { Field, Notice } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import styles from '../../console.module.css';
import { CaseStatusBadge, OverdueBadge, PhotoStrip, fromLocalInput, toLocalInput, useName, when } from '../../field-shared';

type Action = 'assign' | 'start' | 'resolve' | 'verify' | 'close' | 'reject' | 'reopen';
const TARGET: Record<Exclude<Action, 'assign'>, CaseStatus> = { start: 'in_progress', resolve: 'resolved', verify: 'verified', close: 'closed', reject: 'rejected', reopen: 'reopened' };

export function CaseDetail({ tenant, id }: { tenant: string; id: string }) {
  const t = useTranslations('field-console.cases.detail');
  const tk = useTranslations('field-console.kind');
  const trpc = useTRPC();
  const query = useQuery(trpc.fieldConsole.cases.detail.queryOptions({ tenant, id }));
  const d = query.data;
  const name = useName(d?.names ?? {});
  return (
    <>
      <p><Link href={`/c/${tenant}/cases`}>← {t('back')}</Link></p>
      <QueryStatus query={query} />
      {d && (
        <div className={styles.twoCol}>
          <div>
            <section className="card" data-testid="case-facts">
              <p>
                <CaseStatusBadge status={d.case.status} /> <span className="badge">{tk(d.case.kind)}</span> {d.overdue && <OverdueBadge />}
              </p>
              <dl className={styles.facts}>
                <dt>{t('description')}</dt>
                <dd style={{ whiteSpace: 'pre-wrap' }}>{d.case.description || '—'}</dd>
                <dt>{t('location')}</dt>
                <dd>{[d.location.building?.name, d.location.unit?.name, d.location.household?.name].filter(Boolean).join(' · ') || '—'}{d.location.household?.code ? ` (${d.location.household.code})` : ''}</dd>
                {d.case.location.lat !== undefined && d.case.location.lng !== undefined && (
                  <>
                    <dt>{t('gps')}</dt>
                    <dd className={styles.mono}>{d.case.location.lat.toFixed(6)}, {d.case.location.lng.toFixed(6)}</dd>
                  </>
                )}
                <dt>{t('reportedBy')}</dt>
                <dd>{name(d.case.reportedBy)} · {when(d.case.reportedAt)}</dd>
                <dt>{t('assignee')}</dt>
                <dd data-testid="case-assignee">{name(d.case.assigneeId)}</dd>
                <dt>{t('due')}</dt>
                <dd>{d.case.dueAt ? when(d.case.dueAt) : t('noDue')}</dd>
              </dl>
              <PhotoStrip ids={d.case.photoIds} />
            </section>
            <History c={d.case} name={name} />
            <Comments tenant={tenant} c={d.case} name={name} />
          </div>
          <Actions tenant={tenant} c={d.case} />
        </div>
      )}
    </>
  );
}

function History({ c, name }: { c: CaseDoc; name: (id?: string | null) => string }) {
  const t = useTranslations('field-console.cases.detail');
  const ts = useTranslations('field-console.status');
  return (
    <section className="card">
      <h2>{t('history')}</h2>
      <ol data-testid="case-history" style={{ paddingLeft: 18 }}>
        {c.history.map((h) => (
          <li key={h.id} style={{ marginBottom: 6 }}>
            <strong>{ts(h.to)}</strong> · {name(h.by)} · {when(h.at)}
            {h.assigneeId && <> · {t('assignedTo', { name: name(h.assigneeId) })}</>}
            {h.note && <div className={styles.muted}>{t('entryNote', { note: h.note })}</div>}
          </li>
        ))}
      </ol>
      {c.clientClock && <p className={styles.muted}>{t('clockNote')}</p>}
    </section>
  );
}

function Comments({ tenant, c, name }: { tenant: string; c: CaseDoc; name: (id?: string | null) => string }) {
  const t = useTranslations('field-console.cases.detail');
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = useMutation(
    trpc.fieldConsole.cases.comment.mutationOptions({
      onSuccess: async () => {
        setText('');
        await qc.invalidateQueries({ queryKey: trpc.fieldConsole.cases.detail.queryKey({ tenant, id: c.id }) });
      },
      onError: (e) => setError(errorText(e, locale)),
    }),
  );
  return (
    <section className="card">
      <h2>{t('comments')}</h2>
      {c.comments.length === 0 ? <p className={styles.muted}>{t('noComments')}</p> : (
        <ul data-testid="case-comments" style={{ paddingLeft: 18 }}>
          {c.comments.map((m) => <li key={m.id}><strong>{name(m.by)}</strong> · {when(m.at)}<div style={{ whiteSpace: 'pre-wrap' }}>{m.text}</div></li>)}
        </ul>
      )}
      <form onSubmit={(e) => { e.preventDefault(); setError(null); if (!text.trim()) { setError(t('commentEmpty')); return; } send.mutate({ tenant, id: c.id, text }); }}>
        <Field label={t('commentLabel')} htmlFor="case-comment" error={error ?? undefined}>
          <textarea id="case-comment" rows={3} value={text} maxLength={1000} placeholder={t('commentPlaceholder')} onChange={(e) => setText(e.target.value)} />
        </Field>
        <button type="submit" className="btn" disabled={send.isPending}>{t('commentSend')}</button>
      </form>
    </section>
  );
}

function Actions({ tenant, c }: { tenant: string; c: CaseDoc }) {
  const t = useTranslations('field-console.cases.actions');
  const ts = useTranslations('field-console.status');
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const actor = useQuery(trpc.fieldConsole.cases.actor.queryOptions({ tenant }));
  const people = useQuery(trpc.fieldConsole.cases.people.queryOptions({ tenant }));
  const [assignee, setAssignee] = useState(c.assigneeId ?? '');
  const [due, setDue] = useState(c.dueAt ? toLocalInput(c.dueAt) : '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const act = useMutation(
    trpc.fieldConsole.cases.act.mutationOptions({
      onSuccess: async (res) => {
        setNote('');
        setDone(t('done', { status: ts(res.status) }));
        await qc.invalidateQueries({ queryKey: trpc.fieldConsole.cases.detail.queryKey({ tenant, id: c.id }) });
      },
      onError: (e) => setError(errorText(e, locale)),
    }),
  );
  const me = actor.data;
  if (!me) return <section className="card"><h2>{t('title')}</h2><p className={styles.muted}>{t('noneAllowed')}</p></section>;
  const reassigning = c.status === 'assigned' || c.status === 'in_progress';
  const allowed = (a: Action) =>
    a === 'assign'
      ? checkStep(c.status, reassigning ? c.status : 'assigned', me, c.assigneeId, note || 'x', assignee || 'x') === null && c.status !== 'rejected'
      : c.status !== 'rejected' && checkStep(c.status, TARGET[a], me, c.assigneeId, note || 'x', undefined) === null;
  const actions = (['assign', 'start', 'resolve', 'verify', 'close', 'reject', 'reopen'] as const).filter(allowed);
  const run = (action: Action) => {
    setError(null);
    setDone(null);
    if ((action === 'reject' || action === 'reopen') && !note.trim()) return setError(t('noteRequired'));
    if (action === 'assign' && !assignee) return setError(t('chooseAssignee'));
    const dueAt = due ? fromLocalInput(due) : null;
    act.mutate({ tenant, id: c.id, action, note: note.trim() || undefined, assigneeId: action === 'assign' ? assignee : undefined, dueAt: action === 'assign' && dueAt ? dueAt : undefined, expectedUpdatedAt: c.updatedAt });
  };
  return (
    <section className="card" data-testid="case-actions">
      <h2>{t('title')}</h2>
      {done && <Notice kind="success">{done}</Notice>}
      {error && <Notice>{error}</Notice>}
      {actions.length === 0 ? <p className={styles.muted}>{t('noneAllowed')}</p> : (
        <>
          {actions.includes('assign') && (
            <>
              <Field label={t('assignee')} htmlFor="case-assignee-select">
                <select id="case-assignee-select" value={assignee} onChange={(e) => setAssignee(e.target.value)} data-testid="case-assignee-select">
                  <option value="">{t('chooseAssignee')}</option>
                  {(people.data ?? []).filter((p) => p.field).map((p) => <option key={p.id} value={p.id}>{p.displayName} ({p.username})</option>)}
                </select>
              </Field>
              <Field label={t('dueAt')} htmlFor="case-due">
                <input id="case-due" type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
              </Field>
            </>
          )}
          <Field label={t('note')} htmlFor="case-note" hint={t('noteRequired')}>
            <textarea id="case-note" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <div className="actions">
            {actions.map((a) => (
              <button key={a} type="button" className={a === 'reject' ? 'btn btn-danger' : 'btn'} disabled={act.isPending} onClick={() => run(a)} data-testid={`case-act-${a}`}>
                {a === 'assign' && reassigning ? t('reassign') : t(a)}
              </button>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
