'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { QueryStatus } from '@/components/query-status';
import { Field, Notice } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import styles from '../../console.module.css';
import { OverdueBadge, PhotoStrip, useName, when } from '../../field-shared';

export function TaskDetail({ tenant, id, canManage }: { tenant: string; id: string; canManage: boolean }) {
  const t = useTranslations('field-console.tasks');
  const td = useTranslations('field-console.tasks.detail');
  const locale = useLocale();
  const trpc = useTRPC();
  const query = useQuery(trpc.fieldConsole.plans.task.queryOptions({ tenant, id }));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const cancel = useMutation(trpc.fieldConsole.plans.cancelTask.mutationOptions({ onSuccess: async () => { setDone(true); await query.refetch(); }, onError: (e) => setError(errorText(e, locale)) }));
  const d = query.data;
  const name = useName(d?.names ?? {});
  const open = d && (d.task.status === 'pending' || d.task.status === 'in_progress');
  return (
    <>
      <p><Link href={`/c/${tenant}/tasks`}>← {td('back')}</Link></p>
      <QueryStatus query={query} />
      {d && (
        <div className={styles.twoCol}>
          <section className="card">
            <p>
              <span className="badge">{t(`status.${d.task.status}`)}</span> {open && d.overdueAt && <OverdueBadge />}
            </p>
            <dl className={styles.facts}>
              <dt>{t('col.assignee')}</dt>
              <dd>{name(d.task.assigneeId)}</dd>
              <dt>{t('col.due')}</dt>
              <dd>{when(d.task.dueAt)}{open && d.overdueAt ? ` · ${td('overdueSince', { at: when(d.overdueAt) })}` : ''}</dd>
            </dl>
            <h2>{td('checklist')}</h2>
            <ul data-testid="task-checklist" style={{ paddingLeft: 18 }}>
              {d.task.checklist.map((c) => (
                <li key={c.itemId} style={{ marginBottom: 8 }}>
                  <strong>{c.label}</strong>{' '}
                  {c.result ? <span className={`badge ${c.result === 'fault' ? 'badge-danger' : c.result === 'ok' ? 'badge-ok' : ''}`}>{td(`result.${c.result}`)}</span> : <span className="badge">{td('unchecked')}</span>}
                  {c.checkedAt && <span className={styles.muted}> {td('checkedBy', { name: name(c.checkedBy), at: when(c.checkedAt) })}</span>}
                  {c.note && <div style={{ whiteSpace: 'pre-wrap' }}>{c.note}</div>}
                  {c.photoIds && c.photoIds.length > 0 && <PhotoStrip ids={c.photoIds} />}
                </li>
              ))}
            </ul>
            <h2>{td('notes')}</h2>
            <p style={{ whiteSpace: 'pre-wrap' }}>{d.task.notes || '—'}</p>
            <PhotoStrip ids={d.task.photoIds} />
          </section>
          {canManage && open && (
            <section className="card">
              <h2>{td('cancel')}</h2>
              {error && <Notice>{error}</Notice>}
              {done && <Notice kind="success">{td('cancelled')}</Notice>}
              <Field label={td('cancelReason')} htmlFor="task-cancel-reason">
                <textarea id="task-cancel-reason" rows={2} maxLength={300} value={reason} onChange={(e) => setReason(e.target.value)} />
              </Field>
              <button type="button" className="btn btn-danger" disabled={cancel.isPending} onClick={() => { setError(null); if (!reason.trim()) { setError(td('cancelRequired')); return; } cancel.mutate({ tenant, id, reason }); }}>{td('cancel')}</button>
            </section>
          )}
        </div>
      )}
    </>
  );
}
