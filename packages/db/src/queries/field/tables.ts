import { sql } from 'drizzle-orm';
import type { AnyDoc, CollectionName } from '@linli/sync';
import type { Executor } from '../../client';
import {
  fieldCases,
  fieldConflicts,
  fieldPatrolRoutes,
  fieldPatrolRuns,
  fieldPhotos,
  fieldPlaces,
  fieldTasks,
  fieldVisits,
  type FieldDocTable,
} from '../../schema';
import { isUuid } from '../../scope';

/** The table behind each replicated collection; all share one shape (see schema/field.ts). */
export const FIELD_TABLES: Record<CollectionName, FieldDocTable> = {
  patrol_routes: fieldPatrolRoutes as unknown as FieldDocTable,
  patrol_runs: fieldPatrolRuns as unknown as FieldDocTable,
  tasks: fieldTasks as unknown as FieldDocTable,
  cases: fieldCases,
  visits: fieldVisits as unknown as FieldDocTable,
  places: fieldPlaces as unknown as FieldDocTable,
  photos: fieldPhotos as unknown as FieldDocTable,
  conflicts: fieldConflicts as unknown as FieldDocTable,
};

type Obj = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export interface DocColumns {
  areaId: string | null;
  ownerId: string | null;
  status: string | null;
  kind: string | null;
  refId: string | null;
  dueAt: number | null;
}

/** The filter/index columns of a document, copied from the document itself. */
export function columnsOf(collection: CollectionName, doc: Obj): DocColumns {
  const base: DocColumns = { areaId: str(doc.areaId), ownerId: null, status: str(doc.status), kind: str(doc.kind), refId: null, dueAt: null };
  switch (collection) {
    case 'patrol_routes':
      return { ...base, status: doc.active === false ? 'inactive' : 'active' };
    case 'patrol_runs':
      return { ...base, ownerId: str(doc.workerId), refId: str(doc.routeId) };
    case 'tasks':
      return { ...base, ownerId: str(doc.assigneeId), refId: str(doc.planId), dueAt: num(doc.dueAt) };
    case 'cases':
      return { ...base, ownerId: str(doc.assigneeId) ?? str(doc.reportedBy), dueAt: num(doc.dueAt) };
    case 'visits':
      return { ...base, ownerId: str(doc.workerId), refId: str(doc.householdId), status: str(doc.occupancy) };
    case 'places':
      return { ...base, refId: str(doc.parentId) };
    case 'photos':
      return { ...base, ownerId: str(doc.takenBy), refId: str(doc.linkedId), status: doc.uploaded === true ? 'uploaded' : 'pending', kind: str(doc.linkedCollection) };
    case 'conflicts':
      return { ...base, ownerId: str(doc.pushedBy), refId: str(doc.docId), kind: str(doc.collection) };
  }
}

/**
 * The next updated_at for a field write (ms): after every earlier field write of any tenant,
 * in commit order (see migration 0006). Call it inside the writing transaction.
 */
export async function nextStamp(tx: Executor, now: number = Date.now()): Promise<number> {
  return (await reserveStamps(tx, 1, now))[0]!;
}

/** n consecutive stamps, ascending, for a bulk write. */
export async function reserveStamps(tx: Executor, n: number, now: number = Date.now()): Promise<number[]> {
  const rows = await tx.execute<{ stamp: string }>(sql`select field_next_stamp(${Math.floor(now)}::bigint, ${n}::int) as stamp`);
  const last = Number(rows[0]!.stamp);
  return Array.from({ length: n }, (_, i) => last - n + 1 + i);
}

/** Stores a document (insert or replace) with a fresh stamp; returns the stored document. */
export async function storeDoc<D extends AnyDoc>(tx: Executor, collection: CollectionName, doc: D, now: number = Date.now()): Promise<D> {
  const updatedAt = await nextStamp(tx, now);
  const stored = { ...doc, updatedAt } as D;
  const t = FIELD_TABLES[collection];
  const cols = columnsOf(collection, stored as unknown as Obj);
  const { _deleted, ...body } = stored as D & { _deleted?: boolean };
  const values = { tenantId: stored.tenantId, id: stored.id, updatedAt, ...cols, deleted: _deleted === true, doc: body as unknown as Obj };
  await tx
    .insert(t)
    .values(values)
    .onConflictDoUpdate({ target: [t.tenantId, t.id], set: { updatedAt, ...cols, deleted: values.deleted, doc: values.doc } });
  return stored;
}

/** A row as the tablet receives it (`_deleted` on the wire, never inside the stored doc). */
export function wireDoc(row: { doc: Obj; updatedAt: number; deleted: boolean }): AnyDoc {
  return { ...row.doc, updatedAt: row.updatedAt, _deleted: row.deleted } as unknown as AnyDoc;
}

/** Current documents by id (the push prefetch); RLS limits them to the scope's tenants. */
export async function loadDocs(tx: Executor, collection: CollectionName, ids: readonly string[]): Promise<Map<string, AnyDoc>> {
  const out = new Map<string, AnyDoc>();
  const valid = ids.filter((id) => isUuid(id));
  if (valid.length === 0) return out;
  const t = FIELD_TABLES[collection];
  const rows = await tx
    .select({ doc: t.doc, updatedAt: t.updatedAt, deleted: t.deleted })
    .from(t)
    .where(sql`${t.id} = any(${sql.raw(`'{${valid.join(',')}}'`)}::uuid[])`);
  for (const r of rows) {
    const d = wireDoc(r);
    out.set(d.id, d);
  }
  return out;
}

export async function loadDoc<C extends CollectionName>(tx: Executor, collection: C, id: string): Promise<AnyDoc | undefined> {
  return (await loadDocs(tx, collection, [id])).get(id);
}

/**
 * Stores several documents of one collection with consecutive fresh stamps (in the given order)
 * in one statement; returns the stored documents. The batch form of storeDoc for a tablet's push.
 */
export async function storeDocs<D extends AnyDoc>(tx: Executor, collection: CollectionName, docs: readonly D[], now: number = Date.now()): Promise<D[]> {
  if (docs.length === 0) return [];
  const stamps = await reserveStamps(tx, docs.length, now);
  const t = FIELD_TABLES[collection];
  const stored = docs.map((d, i) => ({ ...d, updatedAt: stamps[i]! }) as D);
  for (let i = 0; i < stored.length; i += 500) {
    const values = stored.slice(i, i + 500).map((d) => {
      const { _deleted, ...body } = d as D & { _deleted?: boolean };
      return { tenantId: d.tenantId, id: d.id, updatedAt: d.updatedAt, ...columnsOf(collection, d as unknown as Obj), deleted: _deleted === true, doc: body as unknown as Obj };
    });
    await tx
      .insert(t)
      .values(values)
      .onConflictDoUpdate({
        target: [t.tenantId, t.id],
        set: {
          updatedAt: sql.raw('excluded.updated_at'),
          areaId: sql.raw('excluded.area_id'),
          ownerId: sql.raw('excluded.owner_id'),
          status: sql.raw('excluded.status'),
          kind: sql.raw('excluded.kind'),
          refId: sql.raw('excluded.ref_id'),
          dueAt: sql.raw('excluded.due_at'),
          deleted: sql.raw('excluded.deleted'),
          doc: sql.raw('excluded.doc'),
        },
      });
  }
  return stored;
}
