import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import {
  CASE_STATUSES,
  OPEN_STATUSES,
  assign as assignCase,
  hashUuid,
  transition,
  type Actor,
  type CaseDoc,
  type CaseKind,
  type CaseStatus,
} from '@linli/sync';
import { appendAudit, type AuditActor } from '../../audit';
import type { Executor } from '../../client';
import { AppError, msg } from '../../errors';
import { fieldCases, fieldPlaces } from '../../schema';
import { likePattern, offsetOf, type PageInput } from '../paging';
import { notifyFieldChanges } from './notify';
import { namesOf } from './people';
import { loadDoc, storeDoc } from './tables';
import { isUuid } from '../../scope';

export const CASE_KINDS = ['public_facility', 'fire', 'high_altitude_throwing', 'group_renting', 'environment'] as const satisfies readonly CaseKind[];

export interface CaseFilter {
  statuses?: CaseStatus[];
  kind?: CaseKind;
  assigneeId?: string;
  overdue?: boolean;
  search?: string;
}

function caseWhere(f: CaseFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(fieldCases.deleted, false)];
  if (f.statuses?.length) conds.push(inArray(fieldCases.status, f.statuses));
  if (f.kind) conds.push(eq(fieldCases.kind, f.kind));
  if (f.assigneeId) conds.push(sql`${fieldCases.doc}->>'assigneeId' = ${f.assigneeId}`);
  if (f.overdue) conds.push(and(inArray(fieldCases.status, [...OPEN_STATUSES]), sql`${fieldCases.dueAt} < ${Date.now()}`));
  if (f.search) conds.push(or(ilike(sql`${fieldCases.doc}->>'title'`, likePattern(f.search)), ilike(sql`${fieldCases.doc}->>'description'`, likePattern(f.search))));
  return and(...conds);
}

export interface CaseRow {
  id: string;
  kind: CaseKind;
  title: string;
  status: CaseStatus;
  reportedAt: number;
  reportedBy: string;
  assigneeId: string | null;
  dueAt: number | null;
  overdue: boolean;
  buildingName: string | null;
  photoCount: number;
  updatedAt: number;
}

async function rowsOf(tx: Executor, docs: CaseDoc[], now: number): Promise<{ rows: CaseRow[]; names: Record<string, string> }> {
  const bIds = [...new Set(docs.map((d) => d.location.buildingId).filter((x): x is string => !!x))];
  const blds = bIds.length ? await tx.select({ id: fieldPlaces.id, name: sql<string>`${fieldPlaces.doc}->>'name'` }).from(fieldPlaces).where(inArray(fieldPlaces.id, bIds)) : [];
  const bName = new Map(blds.map((b) => [b.id, b.name]));
  const names = await namesOf(tx, docs.flatMap((d) => [d.reportedBy, d.assigneeId ?? '']));
  const rows = docs.map((d) => ({
    id: d.id,
    kind: d.kind,
    title: d.title,
    status: d.status,
    reportedAt: d.reportedAt,
    reportedBy: d.reportedBy,
    assigneeId: d.assigneeId ?? null,
    dueAt: d.dueAt ?? null,
    overdue: d.dueAt !== undefined && OPEN_STATUSES.includes(d.status) && d.dueAt < now,
    buildingName: d.location.buildingId ? (bName.get(d.location.buildingId) ?? null) : null,
    photoCount: d.photoIds.length,
    updatedAt: d.updatedAt,
  }));
  return { rows, names };
}

/** The console's case list (R6.5): filters, search, newest first, paginated. */
export async function listCases(tx: Executor, f: CaseFilter & PageInput) {
  const where = caseWhere(f);
  const docs = await tx
    .select({ doc: fieldCases.doc, updatedAt: fieldCases.updatedAt })
    .from(fieldCases)
    .where(where)
    .orderBy(desc(sql`(${fieldCases.doc}->>'reportedAt')::bigint`), asc(fieldCases.id))
    .limit(f.pageSize)
    .offset(offsetOf(f));
  const [{ total }] = (await tx.select({ total: sql<number>`count(*)::int` }).from(fieldCases).where(where)) as [{ total: number }];
  const { rows, names } = await rowsOf(tx, docs.map((d) => ({ ...(d.doc as unknown as CaseDoc), updatedAt: d.updatedAt })), Date.now());
  return { items: rows, names, total, page: f.page, pageSize: f.pageSize };
}

/** The board: one column per status, the newest `perColumn` cases of each and the column's count. */
export async function caseBoard(tx: Executor, f: CaseFilter & { perColumn: number }) {
  const now = Date.now();
  const columns: { status: CaseStatus; total: number; items: CaseRow[] }[] = [];
  const all: Record<string, string> = {};
  for (const status of CASE_STATUSES) {
    const where = caseWhere({ ...f, statuses: [status] });
    const docs = await tx.select({ doc: fieldCases.doc, updatedAt: fieldCases.updatedAt }).from(fieldCases).where(where).orderBy(desc(fieldCases.updatedAt)).limit(f.perColumn);
    const [{ total }] = (await tx.select({ total: sql<number>`count(*)::int` }).from(fieldCases).where(where)) as [{ total: number }];
    const { rows, names } = await rowsOf(tx, docs.map((d) => ({ ...(d.doc as unknown as CaseDoc), updatedAt: d.updatedAt })), now);
    Object.assign(all, names);
    columns.push({ status, total, items: rows });
  }
  return { columns, names: all };
}

/** One case with its full history, comments, location names and the people named in it. */
export async function caseDetail(tx: Executor, params: { id: string }) {
  const doc = (await loadDoc(tx, 'cases', params.id)) as CaseDoc | undefined;
  if (!doc) throw new AppError('NOT_FOUND', msg('未找到该案件', 'Case not found'));
  const placeIds = [doc.location.buildingId, doc.location.unit, doc.location.householdId].filter((x): x is string => !!x && isUuid(x));
  const places = placeIds.length ? await tx.select({ id: fieldPlaces.id, name: sql<string>`${fieldPlaces.doc}->>'name'`, code: sql<string | null>`${fieldPlaces.doc}->>'addressCode'` }).from(fieldPlaces).where(inArray(fieldPlaces.id, placeIds)) : [];
  const names = await namesOf(tx, [doc.reportedBy, doc.assigneeId ?? '', ...doc.history.flatMap((h) => [h.by, h.assigneeId ?? '']), ...doc.comments.map((c) => c.by)]);
  const place = (id?: string) => places.find((p) => p.id === id) ?? null;
  return {
    case: doc,
    names,
    location: { building: place(doc.location.buildingId), unit: place(doc.location.unit), household: place(doc.location.householdId) },
    overdue: doc.dueAt !== undefined && OPEN_STATUSES.includes(doc.status) && doc.dueAt < Date.now(),
  };
}

export type CaseAction = 'assign' | 'start' | 'resolve' | 'verify' | 'close' | 'reject' | 'reopen';
const ACTION_TARGET: Record<Exclude<CaseAction, 'assign'>, CaseStatus> = {
  start: 'in_progress',
  resolve: 'resolved',
  verify: 'verified',
  close: 'closed',
  reject: 'rejected',
  reopen: 'reopened',
};

async function saveCase(tx: Executor, next: CaseDoc, before: CaseDoc, actor: AuditActor, action: string, summary: string) {
  const stored = await storeDoc(tx, 'cases', next);
  await appendAudit(tx, actor, { action: `field.case.${action}`, tenantId: stored.tenantId, targetType: 'case', targetId: stored.id, summary, before, after: stored });
  await notifyFieldChanges(tx, [{ tenantId: stored.tenantId, collection: 'cases', updatedAt: stored.updatedAt, id: stored.id }]);
  return stored;
}

/**
 * A workflow step from the console (R6.5 handling workflow), checked by the same rules as the
 * tablet's (`@linli/sync` workflow): assign/reassign, start, resolve, verify, close, reject, reopen.
 * `expectedUpdatedAt` guards against acting on a stale screen.
 */
export async function actOnCase(
  tx: Executor,
  params: { id: string; action: CaseAction; by: Actor; actor: AuditActor; note?: string; assigneeId?: string; dueAt?: number; expectedUpdatedAt?: number },
) {
  const doc = (await loadDoc(tx, 'cases', params.id)) as CaseDoc | undefined;
  if (!doc) throw new AppError('NOT_FOUND', msg('未找到该案件', 'Case not found'));
  if (params.expectedUpdatedAt !== undefined && params.expectedUpdatedAt !== doc.updatedAt)
    throw new AppError('CONFLICT', msg('案件已被他人更新，请刷新后再操作', 'The case was changed by someone else; reload and try again'));
  const now = Date.now();
  const note = params.note?.trim() || undefined;
  const entryId = hashUuid(`console|${doc.id}|${doc.history.length}|${now}|${params.by.userId}`);
  const result =
    params.action === 'assign'
      ? params.assigneeId
        ? assignCase(doc, params.assigneeId, params.by, now, note, entryId)
        : { ok: false as const, reason: msg('派单需要指定处理人', 'Assigning needs an assignee') }
      : transition(doc, ACTION_TARGET[params.action], params.by, now, note, { entryId });
  if (!result.ok) throw new AppError('PRECONDITION_FAILED', result.reason, { fieldErrors: { action: result.reason } });
  const next: CaseDoc = params.dueAt !== undefined ? { ...result.case, dueAt: params.dueAt } : result.case;
  return saveCase(tx, next, doc, params.actor, params.action, `${doc.status} → ${next.status}`);
}

/** Sets or moves the due time (office only). */
export async function setCaseDue(tx: Executor, params: { id: string; dueAt: number | null; actor: AuditActor }) {
  const doc = (await loadDoc(tx, 'cases', params.id)) as CaseDoc | undefined;
  if (!doc) throw new AppError('NOT_FOUND', msg('未找到该案件', 'Case not found'));
  const { dueAt: _old, ...rest } = doc;
  const next: CaseDoc = params.dueAt === null ? rest : { ...doc, dueAt: params.dueAt };
  await tx.update(fieldCases).set({ overdueAt: null }).where(and(eq(fieldCases.tenantId, doc.tenantId), eq(fieldCases.id, doc.id)));
  return saveCase(tx, next, doc, params.actor, 'due', params.dueAt === null ? 'due cleared' : `due ${new Date(params.dueAt).toISOString()}`);
}

export async function commentOnCase(tx: Executor, params: { id: string; text: string; by: Actor; actor: AuditActor }) {
  const text = params.text.trim();
  if (!text) throw new AppError('BAD_REQUEST', msg('评论不能为空', 'The comment is empty'), { fieldErrors: { text: msg('请输入评论', 'Enter a comment') } });
  const doc = (await loadDoc(tx, 'cases', params.id)) as CaseDoc | undefined;
  if (!doc) throw new AppError('NOT_FOUND', msg('未找到该案件', 'Case not found'));
  const now = Date.now();
  const comment = { id: hashUuid(`comment|${doc.id}|${doc.comments.length}|${now}|${params.by.userId}`), at: now, by: params.by.userId, text };
  return saveCase(tx, { ...doc, comments: [...doc.comments, comment] }, doc, params.actor, 'comment', `comment (${text.length} chars)`);
}

const AGE_BUCKETS = [
  { key: 'lt1d', maxHours: 24 },
  { key: 'd1to3', maxHours: 72 },
  { key: 'd3to7', maxHours: 168 },
  { key: 'gt7d', maxHours: Infinity },
] as const;

/** Statistics by kind, status and age of open cases, plus overdue and mean time to resolve. */
export async function caseStats(tx: Executor, params: { now?: number } = {}) {
  const now = params.now ?? Date.now();
  const rows = await tx
    .select({ kind: fieldCases.kind, status: fieldCases.status, reportedAt: sql<number>`(${fieldCases.doc}->>'reportedAt')::bigint`, dueAt: fieldCases.dueAt, doc: fieldCases.doc })
    .from(fieldCases)
    .where(eq(fieldCases.deleted, false));
  const byKind = Object.fromEntries(CASE_KINDS.map((k) => [k, 0])) as Record<CaseKind, number>;
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  const openByAge = Object.fromEntries(AGE_BUCKETS.map((b) => [b.key, 0])) as Record<(typeof AGE_BUCKETS)[number]['key'], number>;
  let overdue = 0;
  const resolveHours: number[] = [];
  for (const r of rows) {
    if (r.kind && r.kind in byKind) byKind[r.kind as CaseKind]++;
    if (r.status && r.status in byStatus) byStatus[r.status as CaseStatus]++;
    const open = OPEN_STATUSES.includes(r.status as CaseStatus);
    if (open) {
      const hours = (now - Number(r.reportedAt)) / 3_600_000;
      openByAge[AGE_BUCKETS.find((b) => hours < b.maxHours)!.key]++;
      if (r.dueAt !== null && r.dueAt < now) overdue++;
    }
    const resolved = (r.doc as unknown as CaseDoc).history?.find((h) => h.to === 'resolved');
    if (resolved) resolveHours.push((resolved.at - Number(r.reportedAt)) / 3_600_000);
  }
  const meanResolveHours = resolveHours.length ? Math.round((resolveHours.reduce((a, b) => a + b, 0) / resolveHours.length) * 10) / 10 : null;
  return { total: rows.length, byKind, byStatus, openByAge, overdue, open: OPEN_STATUSES.reduce((n, s) => n + byStatus[s], 0), meanResolveHours };
}

