import { and, desc, eq, sql } from 'drizzle-orm';
import { COLLECTIONS, isCollectionName, replaySteps, type Actor, type AnyDoc, type CaseDoc, type ConflictDoc, type VisitDoc } from '@linli/sync';
import { appendAudit, type AuditActor } from '../../audit';
import type { Executor } from '../../client';
import { AppError, msg } from '../../errors';
import { fieldConflicts } from '../../schema';
import { offsetOf, type PageInput } from '../paging';
import { notifyFieldChanges, type FieldChange } from './notify';
import { namesOf } from './people';
import { updateOccupancy } from './push';
import { loadDoc, storeDoc } from './tables';

/** The conflict list (issue #4: never silently dropped): open ones first, newest first. */
export async function listConflicts(tx: Executor, f: PageInput & { status?: ConflictDoc['status'] }) {
  const where = and(eq(fieldConflicts.deleted, false), f.status ? eq(fieldConflicts.status, f.status) : undefined);
  const rows = await tx.select({ doc: fieldConflicts.doc, updatedAt: fieldConflicts.updatedAt }).from(fieldConflicts).where(where).orderBy(desc(fieldConflicts.updatedAt)).limit(f.pageSize).offset(offsetOf(f));
  const [{ total }] = (await tx.select({ total: sql<number>`count(*)::int` }).from(fieldConflicts).where(where)) as [{ total: number }];
  const [{ open }] = (await tx.select({ open: sql<number>`count(*) filter (where ${fieldConflicts.status} = 'open')::int` }).from(fieldConflicts)) as [{ open: number }];
  const docs = rows.map((r) => ({ ...(r.doc as unknown as ConflictDoc), updatedAt: r.updatedAt }));
  const names = await namesOf(tx, docs.flatMap((d) => [d.pushedBy ?? '', d.resolvedBy ?? '']));
  return { items: docs, names, total, open, page: f.page, pageSize: f.pageSize };
}

export async function conflictDetail(tx: Executor, params: { id: string }) {
  const conflict = (await loadDoc(tx, 'conflicts', params.id)) as ConflictDoc | undefined;
  if (!conflict) throw new AppError('NOT_FOUND', msg('未找到该冲突记录', 'Conflict not found'));
  const current = isCollectionName(conflict.collection) ? ((await loadDoc(tx, conflict.collection, conflict.docId)) ?? null) : null;
  const names = await namesOf(tx, [conflict.pushedBy ?? '', conflict.resolvedBy ?? '']);
  return { conflict, current, names };
}

type Obj = Record<string, unknown>;
const ENTRY = /^([A-Za-z_]+)\[(.+)\]$/;

/** The tablet's value at one conflict path applied onto the current document. */
function applyPath(doc: Obj, tablet: Obj, path: string): Obj {
  if (path === '*') return { ...tablet, id: doc.id, tenantId: doc.tenantId };
  const m = ENTRY.exec(path);
  if (!m) return path in tablet ? { ...doc, [path]: tablet[path] } : (({ [path]: _drop, ...rest }) => rest)(doc);
  const [, field, key] = m as unknown as [string, string, string];
  const keyOf = (e: unknown) => (e && typeof e === 'object' ? String((e as Obj).id ?? (e as Obj).itemId ?? '') : '');
  const theirs = (Array.isArray(tablet[field]) ? (tablet[field] as unknown[]) : []).find((e) => keyOf(e) === key);
  const list = Array.isArray(doc[field]) ? [...(doc[field] as unknown[])] : [];
  const at = list.findIndex((e) => keyOf(e) === key);
  if (theirs === undefined) return at >= 0 ? { ...doc, [field]: list.filter((_, i) => i !== at) } : doc;
  if (at >= 0) list[at] = theirs;
  else list.push(theirs);
  return { ...doc, [field]: list };
}

/**
 * A case's status and history from the tablet: its steps not yet in the history, replayed on the
 * status the case has now under the office's role (the history stays one causal chain), or why
 * they cannot be (the office then acts on the case page).
 */
function takeTabletSteps(current: CaseDoc, tablet: CaseDoc, by: Actor): Pick<CaseDoc, 'status' | 'history'> {
  const known = new Set(current.history.map((h) => h.id));
  const replay = replaySteps(current.status, current.assigneeId, tablet.history.filter((h) => !known.has(h.id)), by);
  if (!replay.ok)
    throw new AppError('PRECONDITION_FAILED', msg(`不能采用平板的办理步骤：${replay.reason.zh}。请在案件页面办理`, `The tablet’s steps cannot be taken: ${replay.reason.en}. Act on the case page instead`));
  return { status: replay.status, history: [...current.history, ...replay.entries] };
}

const isWorkflowPath = (path: string) => path === 'status' || path.startsWith('history[');

/**
 * The office decides an open conflict: keep the server's version, or take the tablet's value
 * for every open field (or the whole refused document). Either way the conflict is closed with
 * who decided and when; taking the tablet's side writes a new version the tablets pull.
 */
export async function resolveConflict(tx: Executor, params: { id: string; choice: 'server' | 'tablet'; actor: AuditActor; by: Actor }) {
  const conflict = (await loadDoc(tx, 'conflicts', params.id)) as ConflictDoc | undefined;
  if (!conflict) throw new AppError('NOT_FOUND', msg('未找到该冲突记录', 'Conflict not found'));
  if (conflict.status !== 'open') throw new AppError('PRECONDITION_FAILED', msg('该冲突已处理', 'This conflict was already resolved'));
  const changes: FieldChange[] = [];
  if (params.choice === 'tablet') {
    if (!isCollectionName(conflict.collection) || COLLECTIONS[conflict.collection].tabletWrites === 'none')
      throw new AppError('PRECONDITION_FAILED', msg('该数据不能采用平板版本', 'The tablet’s version cannot be taken for this data'));
    const current = ((await loadDoc(tx, conflict.collection, conflict.docId)) ?? null) as Obj | null;
    let next: Obj = current ?? { ...conflict.newDoc };
    const open = conflict.fields.filter((x) => x.resolution === 'open');
    // A case's steps are not copied field by field (that would break the causal history): replayed.
    const workflow = conflict.collection === 'cases' && current !== null && open.some((f) => isWorkflowPath(f.path));
    for (const f of open) if (!(workflow && isWorkflowPath(f.path))) next = applyPath(next, conflict.newDoc, f.path);
    if (workflow) next = { ...next, ...takeTabletSteps(next as unknown as CaseDoc, conflict.newDoc as unknown as CaseDoc, params.by) };
    if (next.tenantId !== conflict.tenantId) throw new AppError('FORBIDDEN', msg('记录所属社区不符', 'The record belongs to another community'));
    const { _deleted: _d, ...body } = next;
    const stored = await storeDoc(tx, conflict.collection, body as unknown as AnyDoc);
    if (conflict.collection === 'visits') await updateOccupancy(tx, stored as VisitDoc);
    changes.push({ tenantId: stored.tenantId, collection: conflict.collection, updatedAt: stored.updatedAt, id: stored.id });
    await appendAudit(tx, params.actor, { action: `field.${conflict.collection}.update`, tenantId: stored.tenantId, targetType: conflict.collection, targetId: stored.id, summary: `conflict ${conflict.id}: tablet version taken`, before: current, after: stored });
  }
  const resolved: ConflictDoc = { ...conflict, status: 'resolved', resolvedBy: params.by.userId, resolvedAt: Date.now(), fields: conflict.fields.map((f) => ({ ...f, resolution: f.resolution === 'open' ? 'server' : f.resolution })) };
  const stored = await storeDoc(tx, 'conflicts', resolved);
  changes.push({ tenantId: stored.tenantId, collection: 'conflicts', updatedAt: stored.updatedAt, id: stored.id });
  await appendAudit(tx, params.actor, { action: 'field.conflict.resolve', tenantId: stored.tenantId, targetType: 'conflict', targetId: stored.id, summary: `${params.choice} version kept for ${conflict.collection} ${conflict.docId}`, before: conflict, after: stored });
  await notifyFieldChanges(tx, changes);
  return stored;
}
