import { msg } from './bilingual';
import type { AnyDoc } from './collections';
import type { ConflictDoc } from './docs';
import { hashUuid, jsonEqual, stableStringify } from './ids';
import { resolveConflict } from './merge';
import type { AcceptedRow, PushWorker, RejectedRow } from './push';
import type { Actor } from './roles';

type Obj = Record<string, unknown>;

export interface RowWrite {
  kind: 'inserted' | 'merged' | 'server_wins' | 'conflict';
  /** The document to store, `updatedAt` stamped; null when the server's version stays. */
  write: AnyDoc | null;
  /** A conflict (open) or notice (auto_resolved) to store in `conflicts`. */
  record: ConflictDoc | null;
  /**
   * The server's resulting document when it differs from what the tablet pushed: RxDB's push
   * handler returns these as the master states, and the tablet's conflict handler takes them.
   */
  returnToTablet: AnyDoc | null;
}

/** updatedAt for a write: the server's now, but always after the version it replaces. */
export const stampTime = (now: number, previous?: { updatedAt: number }): number => Math.max(now, (previous?.updatedAt ?? -1) + 1);

const withoutStamps = (d: unknown): unknown => {
  const { updatedAt: _u, clientClock: _c, ...rest } = d as Obj;
  return rest;
};

/** What to store for one accepted row, given the server's current version (if any), pushed by `by`. */
export function planRowWrite(row: AcceptedRow, realMaster: AnyDoc | undefined, now: number, by: Actor): RowWrite {
  if (realMaster === undefined) {
    const write = { ...row.doc, updatedAt: stampTime(now) } as AnyDoc;
    return { kind: 'inserted', write, record: null, returnToTablet: null };
  }
  const res = resolveConflict(row.collection, {
    assumedMaster: row.assumedMasterState as never,
    realMaster: realMaster as never,
    newDoc: row.doc as never,
    by,
  });
  const updatedAt = stampTime(now, realMaster);
  const write = res.kind === 'server_wins' ? null : ({ ...(res.doc as AnyDoc), updatedAt } as AnyDoc);
  const rec = res.kind === 'conflict' ? res.conflict : (res.notice ?? null);
  const record = rec === null ? null : { ...rec, updatedAt, pushedBy: by.userId };
  const stored = write ?? realMaster;
  const returnToTablet = jsonEqual(withoutStamps(stored), withoutStamps(row.doc)) ? null : stored;
  return { kind: res.kind, write, record, returnToTablet };
}

const KEEP_FOR_CONSOLE: ReadonlySet<RejectedRow['code']> = new Set([
  'not_owner',
  'not_creatable',
  'workflow',
  'forged_base',
  'delete_forbidden',
  'read_only',
  'forbidden_area',
  'reference',
  'unknown_place',
]);

/**
 * A rejected row kept for the console, so honest work that lost a race (a task reassigned
 * while the technician was offline) is not lost. Never for a row naming a tenant the worker
 * has no access to — that would write into someone else's community.
 */
export function conflictFromRejection(r: RejectedRow, master: AnyDoc | undefined, worker: PushWorker, now: number): ConflictDoc | null {
  const doc = r.row.newDocumentState as Obj | null;
  if (!KEEP_FOR_CONSOLE.has(r.code) || doc === null || typeof doc !== 'object' || r.docId === null) return null;
  const tenantId = typeof doc.tenantId === 'string' ? doc.tenantId : '';
  if (!worker.tenantIds.includes(tenantId)) return null;
  const real = (master ?? {}) as Obj;
  return {
    id: hashUuid(`rejected|${r.collection}|${r.docId}|${stableStringify(doc)}`),
    tenantId,
    updatedAt: now,
    collection: r.collection,
    docId: r.docId,
    status: 'open',
    fields: [{ path: '*', base: r.row.assumedMasterState ?? null, server: master ?? null, tablet: doc, resolution: 'open', reason: r.message }],
    assumedMaster: (r.row.assumedMasterState ?? null) as Obj | null,
    realMaster: real,
    newDoc: doc,
    merged: real,
    pushedBy: worker.userId,
  };
}

export const REJECTION_NOTE = msg('被拒绝的提交已保存，等待办公端处理', 'The refused change was kept for the office to review');
