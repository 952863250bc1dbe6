/**
 * What the tablet wrote that the server has not confirmed yet, counted from the durable store
 * itself. For every document the replication keeps, in IndexedDB beside the documents, the last
 * state the server confirmed (RxDB's "assumed master", in the replication's meta store); it pushes
 * exactly the documents whose local state differs from it. Counting that same difference, the
 * status bar shows what will be sent — also after the browser was killed: there is no second
 * ledger that could be written at another time than the records (issue #10: a ledger in
 * localStorage, flushed lazily, said 68 after a kill although the server had all 50, or 0 where
 * 10 waited).
 *
 * Only documents changed since the replication's upstream checkpoint can differ (RxDB moves that
 * checkpoint past a document once it is confirmed or found equal), so a count reads those few,
 * not the whole collection.
 */
import { getChangedDocumentsSince, getComposedPrimaryKeyOfDocumentData, type RxCollection, type RxConflictHandler } from 'rxdb/plugins/core';
import type { RxReplicationState } from 'rxdb/plugins/replication';

const PAGE = 500;

/** The parts of RxDB's replication meta documents read here (rxdb 17: replication-protocol/meta-instance.js). */
interface MetaDoc {
  itemId: string;
  docData?: Record<string, unknown>;
  checkpointData?: unknown;
}

/** Ids of the collection's documents whose local state the server has not confirmed. */
export async function unconfirmedIds(collection: RxCollection<any>, state: RxReplicationState<any, any>, isEqual: RxConflictHandler<any>['isEqual']): Promise<string[]> {
  await state.startPromise;
  const meta = state.metaInstance;
  if (!meta) return [];
  const key = (itemId: string, isCheckpoint: '0' | '1') => getComposedPrimaryKeyOfDocumentData(meta.schema, { itemId, isCheckpoint } as never);
  const [up] = (await meta.findDocumentsById([key('up', '1')], false)) as unknown as MetaDoc[];
  let checkpoint = up?.checkpointData as never;
  const out: string[] = [];
  for (;;) {
    const page = await getChangedDocumentsSince(collection.storageInstance, PAGE, checkpoint);
    if (page.documents.length === 0) return out;
    const ids = page.documents.map((d) => String((d as Record<string, unknown>).id));
    const confirmed = new Map(((await meta.findDocumentsById(ids.map((id) => key(id, '0')), true)) as unknown as MetaDoc[]).map((m) => [m.itemId, m.docData]));
    for (const [i, doc] of page.documents.entries()) {
      const master = confirmed.get(ids[i]!);
      if (master === undefined || !isEqual(master as never, doc as never, 'linli-unconfirmed')) out.push(ids[i]!);
    }
    if (page.documents.length < PAGE) return out;
    checkpoint = page.checkpoint as never;
  }
}
