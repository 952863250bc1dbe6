/**
 * Pure mapping between RxDB's replication handlers and the wire contract in
 * `@linli/sync/protocol` (field.pull / field.push). No I/O, unit-tested.
 */
import { batchIdFor, type AnyDoc, type Checkpoint, type CollectionName, type PullOutput, type PushBatch, type PushOutput } from '@linli/sync';

/** What RxDB hands over and expects back: the document plus its soft-delete flag. */
export type WireDoc = AnyDoc & { _deleted: boolean };

export interface RxPushRow {
  assumedMasterState?: Record<string, unknown> | null;
  newDocumentState: Record<string, unknown>;
}

/**
 * RxDB may carry its own bookkeeping (`_meta`, `_rev`, `_attachments`) on documents; the
 * server's schemas refuse unknown fields, so only `_deleted` of those travels.
 */
export function cleanDoc(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (v !== undefined && (!k.startsWith('_') || k === '_deleted')) out[k] = v;
  return out;
}

/** A document from the server as RxDB wants it: `_deleted` always present. */
export const fromServer = (doc: AnyDoc): WireDoc => ({ ...(cleanDoc(doc as unknown as Record<string, unknown>) as unknown as AnyDoc), _deleted: doc._deleted === true });

/**
 * One pull page for RxDB. An empty page keeps the previous checkpoint: RxDB stores what we
 * return, and `undefined` would restart the collection from the beginning.
 */
export function toPullResult(out: PullOutput, last: Checkpoint | undefined): { documents: WireDoc[]; checkpoint: Checkpoint | undefined } {
  return { documents: out.documents.map(fromServer), checkpoint: out.checkpoint ?? last };
}

/** A push batch for the server. The id depends only on device and rows, so a retry replays. */
export function toPushBatch(collection: CollectionName, deviceId: string, rows: readonly RxPushRow[], clientTime: number): PushBatch {
  const wireRows = rows.map((r) => ({
    assumedMasterState: r.assumedMasterState ? (cleanDoc(r.assumedMasterState) as unknown as AnyDoc) : null,
    newDocumentState: cleanDoc(r.newDocumentState) as unknown as AnyDoc,
  }));
  const batchId = batchIdFor(deviceId, wireRows.map((r) => ({ collection, assumedMasterState: r.assumedMasterState as Record<string, unknown> | null, newDocumentState: r.newDocumentState as unknown as Record<string, unknown> })));
  return { collection, batchId, deviceId, clientTime, rows: wireRows };
}

/**
 * RxDB's push handler returns the masters it must take instead of its own state. The server
 * already merged (or kept its version of a refused row), so these are final.
 */
export const conflictsForRxdb = (out: PushOutput): WireDoc[] => out.conflicts.map(fromServer);

/** Ids of rows the server refused, for the worker to see (and the pending counter to drop). */
export const rejectedIds = (out: PushOutput): string[] => out.rejected.map((r) => r.docId).filter((id): id is string => id !== null);

/** Splits rows into batches the server accepts (PUSH_ROWS_MAX). */
export function chunkRows<T>(rows: readonly T[], max: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += max) out.push(rows.slice(i, i + max));
  return out;
}
