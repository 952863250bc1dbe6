import { and, eq } from 'drizzle-orm';
import {
  conflictFromRejection,
  flagRun,
  jsonEqual,
  planRowWrite,
  validatePush,
  type AnyDoc,
  type CollectionName,
  type ConflictDoc,
  type PatrolRouteDoc,
  type PatrolRunDoc,
  type PhotoDoc,
  type PushBatch,
  type PushOutput,
  type PushRow,
  type VisitDoc,
} from '@linli/sync';
import { appendAudit, type AuditActor } from '../../audit';
import type { Executor } from '../../client';
import { fieldPhotoUploads, fieldPushBatches, households } from '../../schema';
import { notifyFieldChanges, type FieldChange } from './notify';
import { loadDoc, loadDocs, storeDoc } from './tables';
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
  const validation = validatePush({
    batchId: batch.batchId,
    clientTime: batch.clientTime,
    rows,
    worker,
    now,
    seen: () => undefined,
    master: (c: CollectionName, id: string) => (c === batch.collection ? masters.get(id) : undefined),
  });

  const out: PushOutput = { conflicts: [], rejected: [], warnings: validation.warnings.map((w) => ({ code: w.code, message: w.message })), replayed: false };
  const changes: FieldChange[] = [];
  const routes = new Map<string, PatrolRouteDoc | undefined>();

  for (const row of validation.accepted) {
    const master = masters.get(row.doc.id);
    const plan = planRowWrite(row, master, now, worker.userId);
    if (plan.write) {
      let doc: AnyDoc = plan.write;
      if (row.collection === 'patrol_runs') doc = await reflagRun(tx, doc as PatrolRunDoc, routes, now);
      if (row.collection === 'photos') doc = await photoTruth(tx, doc as PhotoDoc);
      const stored = await storeDoc(tx, row.collection, doc, now);
      if (row.collection === 'visits') await updateOccupancy(tx, stored as VisitDoc);
      changes.push({ tenantId: stored.tenantId, collection: row.collection, updatedAt: stored.updatedAt, id: stored.id });
      await appendAudit(tx, actor, {
        action: `field.${row.collection}.${plan.kind === 'inserted' ? 'create' : 'update'}`,
        tenantId: stored.tenantId,
        targetType: row.collection,
        targetId: stored.id,
        summary: `push ${plan.kind}${batch.deviceId ? ` from ${batch.deviceId.slice(0, 40)}` : ''}`,
        before: master,
        after: stored,
      });
      // The tablet must take the server's version whenever it differs from what it sent.
      // (clock-corrected times, merged fields, recomputed patrol flags, the photo's upload state).
      if (plan.returnToTablet !== null || !sameContent(doc, rows[row.index]!.newDocumentState)) out.conflicts.push(stored);
    } else if (plan.returnToTablet) {
      out.conflicts.push(plan.returnToTablet);
    }
    if (plan.record) await keepConflict(tx, plan.record, actor, changes, now);
  }

  for (const r of validation.rejected) {
    const master = r.docId ? masters.get(r.docId) : undefined;
    out.rejected.push({ docId: r.docId, code: r.code, message: r.message });
    if (master) out.conflicts.push(master);
    const record = conflictFromRejection(r, master, worker, now);
    if (record) await keepConflict(tx, record, actor, changes, now);
  }

  await tx
    .update(fieldPushBatches)
    .set({ result: out as unknown as Record<string, unknown> })
    .where(and(eq(fieldPushBatches.userId, worker.userId), eq(fieldPushBatches.batchId, batch.batchId)));
  if (validation.rejected.length > 0) {
    await appendAudit(tx, actor, {
      action: 'field.push.rejected',
      tenantId: worker.tenantIds.length === 1 ? worker.tenantIds[0] : null,
      targetType: 'push_batch',
      targetId: batch.batchId,
      summary: validation.rejected.map((r) => `${r.code}:${r.docId ?? '-'}`).join(', ').slice(0, 500),
    });
  }
  await notifyFieldChanges(tx, changes);
  return out;
}

const withoutStamp = (d: unknown): unknown => {
  const { updatedAt: _u, _deleted, ...rest } = d as Record<string, unknown>;
  return _deleted === true ? { ...rest, _deleted } : rest;
};
const sameContent = (a: unknown, b: unknown): boolean => jsonEqual(withoutStamp(a), withoutStamp(b));

/** Late/missed flags are the server's to compute once times are clock-reconciled (R5.3.8). */
async function reflagRun(tx: Executor, run: PatrolRunDoc, routes: Map<string, PatrolRouteDoc | undefined>, now: number): Promise<PatrolRunDoc> {
  if (!routes.has(run.routeId)) routes.set(run.routeId, (await loadDoc(tx, 'patrol_routes', run.routeId)) as PatrolRouteDoc | undefined);
  const route = routes.get(run.routeId);
  return route ? flagRun(route, run, now) : run;
}

/** `uploaded` is true only when the server holds every verified byte. */
async function photoTruth(tx: Executor, photo: PhotoDoc): Promise<PhotoDoc> {
  const [u] = await tx
    .select({ complete: fieldPhotoUploads.complete, error: fieldPhotoUploads.error })
    .from(fieldPhotoUploads)
    .where(and(eq(fieldPhotoUploads.tenantId, photo.tenantId), eq(fieldPhotoUploads.id, photo.id)));
  const uploaded = u?.complete === true && u.error === null;
  return photo.uploaded === uploaded ? photo : { ...photo, uploaded };
}

/** A conflict (open) or notice (auto-resolved) for the console; the same record twice is one row. */
async function keepConflict(tx: Executor, record: ConflictDoc, actor: AuditActor, changes: FieldChange[], now: number) {
  const existing = await loadDoc(tx, 'conflicts', record.id);
  if (existing) return;
  const stored = await storeDoc(tx, 'conflicts', record, now);
  changes.push({ tenantId: stored.tenantId, collection: 'conflicts', updatedAt: stored.updatedAt, id: stored.id });
  await appendAudit(tx, actor, {
    action: record.status === 'open' ? 'field.conflict.open' : 'field.conflict.auto_resolved',
    tenantId: stored.tenantId,
    targetType: record.collection,
    targetId: record.docId,
    summary: record.fields.map((f) => f.path).join(', ').slice(0, 300),
    after: stored,
  });
}

const HOUSEHOLD_STATE = { occupied: 'occupied', vacant: 'vacant', rented: 'rented', group_rented: 'rented' } as const;

/** A visit updates the household's occupancy in the building registry (R6.6.10); "unknown" changes nothing. */
export async function updateOccupancy(tx: Executor, visit: VisitDoc): Promise<void> {
  if (visit._deleted || visit.occupancy === 'unknown') return;
  await tx
    .update(households)
    .set({ state: HOUSEHOLD_STATE[visit.occupancy], updatedAt: new Date() })
    .where(and(eq(households.tenantId, visit.tenantId), eq(households.id, visit.householdId)));
}
