'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import type { ChecklistItem, ChecklistResult, TaskDoc, TaskStatus } from '@linli/sync';
import { EmptyState } from '@/components/ui';
import { plain, useField, useRx } from './context';
import { DraftNotice } from './draft-notice';
import { useDraft } from './draft';
import { PhotoInput, PhotoThumbs } from './photos';
import { linkPhoto } from '../photos/link';
import s from './field.module.css';

type Go = (path: string) => void;
const fmt = (ms: number, locale: string) => new Date(ms).toLocaleString(locale, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const RESULTS: ChecklistResult[] = ['ok', 'fault', 'na'];
const FILTERS = ['open', 'done', 'all'] as const;

/** Inspection and maintenance tasks (R6.4.1) with their checklists, results and photos. */
export function TasksView({ path, go }: { path: string[]; go: Go }) {
  if (path[0]) return <TaskView id={path[0]} go={go} />;
  return <TaskList go={go} />;
}

function TaskList({ go }: { go: Go }) {
  const t = useTranslations('field.tasks');
  const locale = useLocale();
  const { user } = useField();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('open');
  const [q, setQ] = useState('');
  const [limit, setLimit] = useState(30);
  const statuses: TaskStatus[] = filter === 'open' ? ['pending', 'in_progress'] : filter === 'done' ? ['done', 'cancelled'] : ['pending', 'in_progress', 'done', 'cancelled'];
  const tasks = plain(
    useRx((db) => db.tasks.find({ selector: { assigneeId: user.id, status: { $in: statuses } }, sort: [{ dueAt: 'asc' }, { id: 'asc' }] }).$, [filter], []),
  ) as TaskDoc[];
  const shown = tasks.filter((x) => !q.trim() || x.title.toLowerCase().includes(q.trim().toLowerCase()));
  const now = Date.now();
  return (
    <>
      <div className="toolbar">
        {FILTERS.map((f) => (
          <button key={f} type="button" className={`btn btn-small ${filter === f ? '' : 'btn-ghost'}`} aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {t(`filter.${f}`)}
          </button>
        ))}
        <input className="search" type="search" placeholder={t('search')} aria-label={t('search')} value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      {shown.length === 0 ? (
        <EmptyState title={t('none')} hint={t('noneHint')} />
      ) : (
        <div className={s.list}>
          {shown.slice(0, limit).map((task) => {
            const done = task.checklist.filter((i) => i.result).length;
            const overdue = task.status !== 'done' && task.status !== 'cancelled' && task.dueAt < now;
            return (
              <button key={task.id} type="button" className={s.item} onClick={() => go(task.id)} data-testid="task-item">
                <div className={s.itemHead}>
                  <span className={s.itemTitle}>{task.title}</span>
                  <span className={`${s.badge} ${task.status === 'done' ? s.badgeOk : overdue ? s.badgeBad : s.badgeWarn}`}>{overdue ? t('overdue') : t(`status.${task.status}`)}</span>
                </div>
                <div className={s.meta}>
                  {t(`kind.${task.kind}`)} · {t('due', { at: fmt(task.dueAt, locale) })} · {t('progress', { done, total: task.checklist.length })}
                </div>
              </button>
            );
          })}
          {shown.length > limit && (
            <button type="button" className="btn btn-ghost" onClick={() => setLimit(limit + 30)}>{t('more')}</button>
          )}
        </div>
      )}
    </>
  );
}

function TaskView({ id, go }: { id: string; go: Go }) {
  const t = useTranslations('field.tasks');
  const locale = useLocale();
  const { user, engine } = useField();
  const doc = useRx((db) => db.tasks.findOne(id).$, [id], null);
  const task = doc ? (doc.toMutableJSON() as TaskDoc) : null;
  const [error, setError] = useState<string | null>(null);
  if (!task) return <EmptyState title={t('notFound')} hint={t('notFoundHint')} />;
  const editable = task.status === 'pending' || task.status === 'in_progress';

  /**
   * Every change is applied to the newest stored task (SyncEngine.modify), so a note saved on blur
   * and the result tapped right after both land (issue #10: the second write, built from the
   * task as rendered, dropped the note).
   */
  async function change(edit: (latest: TaskDoc) => TaskDoc) {
    setError(null);
    await engine.modify('tasks', id, (latest) => {
      const next = edit(latest);
      // Editing a checklist starts the task if the worker did not press Start.
      return next.status === 'pending' ? { ...next, status: 'in_progress', startedAt: next.startedAt ?? Date.now() } : next;
    });
  }

  const setItem = (itemId: string, patch: Partial<ChecklistItem>) =>
    change((latest) => ({ ...latest, checklist: latest.checklist.map((i) => (i.itemId === itemId ? { ...i, ...patch, checkedAt: Date.now(), checkedBy: user.id } : i)) }));

  async function complete() {
    if (!task) return;
    const missing = task.checklist.filter((i) => !i.result);
    if (missing.length > 0) return setError(t('incomplete', { count: missing.length }));
    if (task.checklist.some((i) => i.result === 'fault' && !(i.note ?? '').trim() && !(i.photoIds ?? []).length)) return setError(t('faultNeedsNote'));
    await change((latest) => ({ ...latest, status: 'done', startedAt: latest.startedAt ?? Date.now(), completedAt: Date.now() }));
  }

  return (
    <>
      <button type="button" className={`btn btn-ghost ${s.back}`} onClick={() => go('')}>{t('back')}</button>
      <h2>{task.title}</h2>
      <p className={s.meta}>
        {t(`kind.${task.kind}`)} · {t('due', { at: fmt(task.dueAt, locale) })} · <span data-testid="task-status">{t(`status.${task.status}`)}</span>
      </p>
      <div className={s.stepSlot}>
        {task.status === 'pending' ? (
          <button type="button" className={`btn ${s.big}`} onClick={() => void change((latest) => latest)} data-testid="start-task">{t('start')}</button>
        ) : task.startedAt ? (
          <span className={s.meta} data-testid="task-started">{t('startedAt', { at: fmt(task.startedAt, locale) })}</span>
        ) : null}
      </div>
      <div className={s.list} style={{ marginTop: 12 }}>
        {task.checklist.map((item) => (
          <div key={item.itemId} className="card" data-testid="checklist-item">
            <div className={s.itemHead}>
              <span className={s.itemTitle}>{item.label}</span>
              {item.checkedAt && <span className={s.meta}>{fmt(item.checkedAt, locale)}</span>}
            </div>
            <div className={s.results} role="group" aria-label={item.label}>
              {RESULTS.map((r) => (
                <button key={r} type="button" className={`btn btn-ghost ${s.big}`} aria-pressed={item.result === r} disabled={!editable} onClick={() => void setItem(item.itemId, { result: r })} data-testid={`result-${r}`}>
                  {t(`result.${r}`)}
                </button>
              ))}
            </div>
            <NoteField value={item.note ?? ''} disabled={!editable} label={t('itemNote')} onSave={(note) => setItem(item.itemId, { note })} testId="item-note" />
            <PhotoThumbs ids={item.photoIds ?? []} />
            {editable && (
              <PhotoInput linkedCollection="tasks" linkedId={task.id} onAdded={(pid) => change((latest) => linkPhoto('tasks', latest, pid, { itemId: item.itemId }))} />
            )}
          </div>
        ))}
      </div>
      <div className="card">
        <NoteField value={task.notes} disabled={!editable} label={t('notes')} onSave={(notes) => change((latest) => ({ ...latest, notes }))} testId="task-notes" />
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
      {editable && (
        <button type="button" className={`btn ${s.big}`} onClick={() => void complete()} data-testid="complete-task">{t('complete')}</button>
      )}
    </>
  );
}

/**
 * A note that saves when the field loses focus (one write per edit, not per key). While the worker
 * types, a note changed on another tablet does not replace the text; it is shown, and the worker
 * picks which to keep (draft.ts) before the note is saved.
 */
export function NoteField({ value, label, disabled, onSave, testId }: { value: string; label: string; disabled?: boolean; onSave: (v: string) => Promise<void>; testId?: string }) {
  const draft = useDraft({ note: value }, { note: '' });
  const mine = draft.get('note');
  async function save() {
    if (draft.edits.note === undefined || draft.clashes.length > 0) return;
    if (mine !== value) await onSave(mine);
    // Saved (or unchanged): the field follows the stored note again.
    draft.takeTheirs('note');
  }
  return (
    <div className="field" style={{ marginTop: 8 }}>
      <label>
        {label}
        <textarea className={s.textarea} value={mine} disabled={disabled} maxLength={2000} onChange={(e) => draft.set('note', e.target.value)} onBlur={() => void save()} data-testid={testId} />
      </label>
      {/* Keeping one's own note is the decision to save it over the other one. */}
      <DraftNotice
        draft={{
          ...draft,
          refreshed: [],
          keepMine: () => void onSave(mine).then(() => draft.takeTheirs('note')),
        }}
        collection="tasks"
        paths={{ note: 'note' }}
      />
    </div>
  );
}
