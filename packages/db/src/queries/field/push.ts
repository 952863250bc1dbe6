import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  areaRefOf,
  conflictFromRejection,
  flagRun,
  jsonEqual,
  planRowWrite,
  validatePush,
  type AcceptedRow,
  type AnyDoc,
  type CollectionName,
  type ConflictDoc,
  type Msg,
  type PatrolRouteDoc,
  type PatrolRunDoc,
  type PhotoDoc,
  type PushBatch,
  type PushOutput,
  type PushRow,
  type AreaRef,
  type RejectedRow,
  type VisitDoc,
} from '@linli/sync';
import { appendAudit, appendAuditMany, type AuditActor } from '../../audit';
import type { Executor } from '../../client';
import { referenceViolation } from '../../reference-errors';
import { fieldAreas, fieldPhotoUploads, fieldPushBatches } from '../../schema';
import { isUuid } from '../../scope';
import { notifyFieldChanges, type FieldChange } from './notify';
import { withUploadState } from './photos';
import { FIELD_TABLES, loadDoc, loadDocs, storeDocs } from './tables';
import type { FieldWorker } from './worker';

const REPLAYED = { code: 'replayed', message: { zh: '该批次已处理过，返回上次结果，未重复写入', en: 'This batch was already applied; the earlier result is returned and nothing was written twice' } };

/**
 * Applies one push batch from a tablet (the steps in @linli/sync's index.ts), in the caller's
 * transaction: claim the batch id (a replay returns the stored answer and writes nothing),
 * validate, merge each accepted row against the server's version, keep unresolvable and
 * refused work in `conflicts` for the console, audit every write, announce the changes.
 */
export async function pushBatch(tx: Executor, params: { batch: PushBatch; worker: FieldWorker; actor: AuditActor; now?: number }): Promise<PushOutput> {
  const { batch, worker, actor } = params;
  const now = params.now ?? Date.now();
  const rows: PushRow[] = batch.rows.map((r) => ({ collection: batch.collection, assumedMasterState: r.assumedMasterState as never, newDocumentState: r.newDocumentState as never }));

  // Claim the batch first: a concurrent retry of the same batch waits here, then sees it stored.
  const claimed = await tx
    .insert(fieldPushBatches)
    .values({ userId: worker.userId, batchId: batch.batchId, collection: batch.collection, deviceId: batch.deviceId.slice(0, 200), result: {}, rows: rows.length })
    .onConflictDoNothing()
    .returning({ batchId: fieldPushBatches.batchId });
  if (claimed.length === 0) {
    const [stored] = await tx.select({ result: fieldPushBatches.result }).from(fieldPushBatches).where(and(eq(fieldPushBatches.userId, worker.userId), eq(fieldPushBatches.batchId, batch.batchId)));
    const previous = (stored?.result ?? {}) as unknown as PushOutput;
    return { conflicts: previous.conflicts ?? [], rejected: previous.rejected ?? [], warnings: [...(previous.warnings ?? []), REPLAYED], replayed: true };
  }

  const ids = rows.map((r) => (r.newDocumentState as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string');
  const masters = await loadDocs(tx, batch.collection, ids);
  const areas = await areasOf(tx, batch.collection, rows);
  const validation = validatePush({
    batchId: batch.batchId,
    clientTime: batch.clientTime,
    rows,
    worker,
    now,
    seen: () => undefined,
    master: (c: CollectionName, id: string) => (c === batch.collection ? masters.get(id) : undefined),
    areaOf: (ref) => areas.get(refKey(ref)),
  });

  const out: PushOutput = { conflicts: [], rejected: [], warnings: validation.warnings.map((w) => ({ code: w.code, message: w.message })), replayed: false };
  const routes = new Map<string, PatrolRouteDoc | undefined>();

  // Plan every write first, then store them together: one stamp reservation, one upsert, one
  // audit append for the batch (each record still gets its own audit row).
  const planned: Write[] = [];
  const records: ConflictDoc[] = [];
  for (const row of validation.accepted) {
    const master = masters.get(row.doc.id);
    const plan = planRowWrite(row, master, now, worker);
    if (plan.write) {
      let doc: AnyDoc = plan.write;
      if (row.collection === 'patrol_runs') doc = await reflagRun(tx, doc as PatrolRunDoc, routes, now);
      if (row.collection === 'photos') doc = await photoTruth(tx, doc as PhotoDoc);
      planned.push({ row, doc, sent: rows[row.index]!.newDocumentState, before: master, kind: plan.kind, returned: plan.returnToTablet !== null });
    } else if (plan.returnToTablet) {
      out.conflicts.push(plan.returnToTablet);
    }
    if (plan.record) records.push(plan.record);
  }

  const { stored, writes, refused } = await storeWrites(tx, batch.collection, await untagGoneAreas(tx, planned), now);
  const rejected: RejectedRow[] = [
    ...validation.rejected,
    ...refused.map(({ write, message }) => ({ index: write.row.index, collection: batch.collection, docId: write.doc.id, code: 'reference' as const, message, row: rows[write.row.index]! })),
  ];
  for (const r of rejected) {
    const master = r.docId ? masters.get(r.docId) : undefined;
    out.rejected.push({ docId: r.docId, code: r.code, message: r.message });
    if (master) out.conflicts.push(master);
    const record = conflictFromRejection(r, master, worker, now);
    if (record) records.push(record);
  }
  const changes: FieldChange[] = stored.map((d) => ({ tenantId: d.tenantId, collection: batch.collection, updatedAt: d.updatedAt, id: d.id }));
  // The tablet must take the server's version whenever it differs from what it sent
  // (clock-corrected times, merged fields, recomputed patrol flags, the photo's upload state).
  stored.forEach((d, i) => {
    if (writes[i]!.returned || !sameContent(writes[i]!.doc, writes[i]!.sent)) out.conflicts.push(d);
  });
  if (batch.collection === 'visits') await updateOccupancies(tx, stored as VisitDoc[]);

  // A conflict produced twice (a record equal to one already kept) is one row.
  const known = await loadDocs(tx, 'conflicts', records.map((r) => r.id));
  const fresh = records.filter((r, i) => !known.has(r.id) && records.findIndex((x) => x.id === r.id) === i);
  const keptConflicts = await storeDocs(tx, 'conflicts', fresh, now);
  for (const c of keptConflicts) changes.push({ tenantId: c.tenantId, collection: 'conflicts', updatedAt: c.updatedAt, id: c.id });

  await appendAuditMany(tx, actor, [
    ...stored.map((d, i) => ({
      action: `field.${batch.collection}.${writes[i]!.kind === 'inserted' ? 'create' : 'update'}`,
      tenantId: d.tenantId,
      targetType: batch.collection,
      targetId: d.id,
      summary: `push ${writes[i]!.kind}${batch.deviceId ? ` from ${batch.deviceId.slice(0, 40)}` : ''}`,
      before: writes[i]!.before,
      after: d,
    })),
    ...keptConflicts.map((c) => ({
      action: c.status === 'open' ? 'field.conflict.open' : 'field.conflict.auto_resolved',
      tenantId: c.tenantId,
      targetType: c.collection,
      targetId: c.docId,
      summary: c.fields.map((f) => f.path).join(', ').slice(0, 300),
      after: c,
    })),
  ]);

  await tx
    .update(fieldPushBatches)
    .set({ result: out as unknown as Record<string, unknown> })
    .where(and(eq(fieldPushBatches.userId, worker.userId), eq(fieldPushBatches.batchId, batch.batchId)));
  if (rejected.length > 0) {
    await appendAudit(tx, actor, {
      action: 'field.push.rejected',
      tenantId: worker.tenantIds.length === 1 ? worker.tenantIds[0] : null,
      targetType: 'push_batch',
      targetId: batch.batchId,
      summary: rejected.map((r) => `${r.code}:${r.docId ?? '-'}`).join(', ').slice(0, 500),
    });
  }
  await notifyFieldChanges(tx, changes);
  return out;
}

interface Write {
  row: AcceptedRow;
  doc: AnyDoc;
  sent: unknown;
  before: AnyDoc | undefined;
  kind: string;
  returned: boolean;
}

/**
 * Stores the planned writes in one statement. A row whose reference the database refuses (another
 * community's record, a person who may not do the work — migration 0009) must not sink the batch:
 * the tablet would send it again forever. Then each write is stored alone in a savepoint and the
 * refused ones come back with the reason, to be rejected like any other refusal.
 */
async function storeWrites(tx: Executor, collection: CollectionName, planned: Write[], now: number): Promise<{ stored: AnyDoc[]; writes: Write[]; refused: { write: Write; message: Msg }[] }> {
  if (planned.length === 0) return { stored: [], writes: [], refused: [] };
  try {
    return { stored: await tx.transaction((sp) => storeDocs(sp, collection, planned.map((w) => w.doc), now)), writes: planned, refused: [] };
  } catch (error) {
    if (!referenceViolation(error)) throw error;
  }
  const out = { stored: [] as AnyDoc[], writes: [] as Write[], refused: [] as { write: Write; message: Msg }[] };
  for (const write of planned) {
    try {
      out.stored.push(...(await tx.transaction((sp) => storeDocs(sp, collection, [write.doc], now))));
      out.writes.push(write);
    } catch (error) {
      const refusal = referenceViolation(error);
      if (!refusal) throw error;
      out.refused.push({ write, message: refusal.messages });
    }
  }
  return out;
}

/**
 * An area deleted while the tablet was offline: deleteArea made its records community-wide, so a
 * record still tagged with it is stored untagged too (and returned to the tablet), not refused.
 */
async function untagGoneAreas(tx: Executor, planned: Write[]): Promise<Write[]> {
  const areaOf = (d: AnyDoc) => (d as { areaId?: unknown }).areaId;
  const ids = [...new Set(planned.map((w) => areaOf(w.doc)).filter((a): a is string => typeof a === 'string' && isUuid(a)))];
  const known = new Set(
    ids.length ? (await tx.select({ tenantId: fieldAreas.tenantId, id: fieldAreas.id }).from(fieldAreas).where(inArray(fieldAreas.id, ids))).map((a) => `${a.tenantId}|${a.id}`) : [],
  );
  return planned.map((w) => {
    const area = areaOf(w.doc);
    if (area === undefined || known.has(`${w.doc.tenantId}|${String(area)}`)) return w;
    const { areaId: _gone, ...doc } = w.doc as AnyDoc & { areaId?: unknown };
    return { ...w, doc: doc as AnyDoc };
  });
}

const withoutStamp = (d: unknown): unknown => {
  const { updatedAt: _u, _deleted, ...rest } = d as Record<string, unknown>;
  return _deleted === true ? { ...rest, _deleted } : rest;
};
const sameContent = (a: unknown, b: unknown): boolean => jsonEqual(withoutStamp(a), withoutStamp(b));

const refKey = (ref: AreaRef) => `${ref.collection}|${ref.tenantId}|${ref.id}`;

/**
 * The grid areas of the places (or routes) the pushed records name, as the server knows them
 * (null: in no area). A place missing here does not exist in the worker's communities.
 */
async function areasOf(tx: Executor, collection: CollectionName, rows: readonly PushRow[]): Promise<Map<string, string | null>> {
  const refs = rows.map((r) => areaRefOf(collection, r.newDocumentState as Record<string, unknown>)).filter((r): r is AreaRef => !!r && isUuid(r.id) && isUuid(r.tenantId));
  const out = new Map<string, string | null>();
  for (const source of ['places', 'patrol_routes'] as const) {
    const ids = [...new Set(refs.filter((r) => r.collection === source).map((r) => r.id))];
    if (ids.length === 0) continue;
    const t = FIELD_TABLES[source];
    const found = await tx.select({ tenantId: t.tenantId, id: t.id, areaId: t.areaId }).from(t).where(inArray(t.id, ids));
    for (const f of found) out.set(refKey({ collection: source, tenantId: f.tenantId, id: f.id }), f.areaId);
  }
  return out;
}

/** Late/missed flags are the server's to compute once times are clock-reconciled (R5.3.8). */
async function reflagRun(tx: Executor, run: PatrolRunDoc, routes: Map<string, PatrolRouteDoc | undefined>, now: number): Promise<PatrolRunDoc> {
  if (!routes.has(run.routeId)) routes.set(run.routeId, (await loadDoc(tx, 'patrol_routes', run.routeId)) as PatrolRouteDoc | undefined);
  const route = routes.get(run.routeId);
  return route ? flagRun(route, run, now) : run;
}

/** `uploaded` is true only when the server holds every verified byte; `refused` says why it does not. */
async function photoTruth(tx: Executor, photo: PhotoDoc): Promise<PhotoDoc> {
  const [u] = await tx
    .select({ complete: fieldPhotoUploads.complete, error: fieldPhotoUploads.error })
    .from(fieldPhotoUploads)
    .where(and(eq(fieldPhotoUploads.tenantId, photo.tenantId), eq(fieldPhotoUploads.id, photo.id)));
  return withUploadState(photo, u?.complete === true && u.error === null, u?.error ?? null);
}


const HOUSEHOLD_STATE = { occupied: 'occupied', vacant: 'vacant', rented: 'rented', group_rented: 'rented' } as const;

/** A visit updates the household's occupancy in the building registry (R6.6.10); "unknown" changes nothing. */
export async function updateOccupancy(tx: Executor, visit: VisitDoc): Promise<void> {
  await updateOccupancies(tx, [visit]);
}

/** The same for a batch of visits, in one statement (the latest visit per household wins). */
export async function updateOccupancies(tx: Executor, visits: readonly VisitDoc[]): Promise<void> {
  const latest = new Map<string, VisitDoc>();
  for (const v of visits) {
    if (v._deleted || v.occupancy === 'unknown') continue;
    const key = `${v.tenantId}|${v.householdId}`;
    const prev = latest.get(key);
    if (!prev || v.at >= prev.at) latest.set(key, v);
  }
  if (latest.size === 0) return;
  const list = [...latest.values()];
  await tx.execute(sql`
    update households h set state = v.state, updated_at = now()
      from unnest(${`{${list.map((v) => v.tenantId).join(',')}}`}::uuid[], ${`{${list.map((v) => v.householdId).join(',')}}`}::uuid[], ${`{${list.map((v) => HOUSEHOLD_STATE[v.occupancy as keyof typeof HOUSEHOLD_STATE]).join(',')}}`}::text[]) as v(tenant_id, id, state)
     where h.tenant_id = v.tenant_id and h.id = v.id and h.state is distinct from v.state`);
}
