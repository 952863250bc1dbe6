/**
 * A tablet that stored an older schema version (visits v0, three indexes) opens the current one:
 * RxDB migrates the documents AND the replication's own records, so a visit written offline
 * before the update is still pushed afterwards (with the right base version), pulled documents
 * are not pushed back, and the pull resumes from its checkpoint instead of starting over.
 * RxDB's memory storage keeps the data between the two opens like IndexedDB would.
 */
import { describe, expect, it } from 'vitest';
import { createRxDatabase, type RxJsonSchema } from 'rxdb/plugins/core';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { COLLECTIONS, type Checkpoint } from '@linli/sync';
import { fieldCollections, takeServerMaster } from '../../src/field/db';
import type { RxPushRow } from '../../src/field/sync/wire';

const tenantId = crypto.randomUUID();
const workerId = crypto.randomUUID();
const visit = (updatedAt: number, notes: string) => ({
  id: crypto.randomUUID(),
  tenantId,
  updatedAt,
  householdId: crypto.randomUUID(),
  workerId,
  at: 1_700_000_000_000,
  occupancy: 'occupied',
  notes,
  vulnerable: [],
  photoIds: [],
});

describe('visits schema 0 → 1 on a tablet with unsent writes', () => {
  it('keeps documents, unsent writes, base versions and the pull checkpoint', async () => {
    const storage = getRxStorageMemory();
    const name = `migration${Date.now()}`;
    const onServer = [visit(1, 'first'), visit(2, 'second')];
    const pullFrom: (number | null)[] = [];
    const pull = {
      batchSize: 1000,
      handler: async (checkpoint: Checkpoint | undefined) => {
        pullFrom.push(checkpoint?.updatedAt ?? null);
        const docs = onServer.filter((d) => d.updatedAt > (checkpoint?.updatedAt ?? 0)).map((d) => ({ ...d, _deleted: false }));
        const last = docs.at(-1);
        return { documents: docs, checkpoint: last ? { updatedAt: last.updatedAt, id: last.id } : checkpoint };
      },
    };

    // Before the update: schema version 0 with its three indexes; first pull, then offline work.
    const v0 = { ...(COLLECTIONS.visits.schema as unknown as RxJsonSchema<any>), version: 0, indexes: [['updatedAt', 'id'], ['tenantId', 'updatedAt'], ['householdId', 'at']] };
    const db0 = await createRxDatabase({ name, storage, multiInstance: false });
    await db0.addCollections({ visits: { schema: v0, conflictHandler: takeServerMaster } });
    const first = replicateRxCollection<any, Checkpoint>({ collection: db0.visits, replicationIdentifier: 'linli-field-visits', live: false, waitForLeadership: false, pull, push: { handler: async () => [] } });
    await first.awaitInitialReplication();
    await first.cancel();
    const offline = visit(0, 'written offline');
    await db0.visits.insert(offline);
    await db0.visits.findOne(onServer[0]!.id).incrementalPatch({ notes: 'first, edited offline' });
    await db0.close();

    // After the update: the app's collections (version 1 + migrations), replication as before.
    const db1 = await createRxDatabase({ name, storage, multiInstance: false });
    await db1.addCollections(fieldCollections() as never);
    const visits = db1.visits;
    expect(visits.schema.version).toBe(1);
    expect(await visits.count().exec()).toBe(3);
    const pushed: RxPushRow[] = [];
    pullFrom.length = 0;
    const second = replicateRxCollection<any, Checkpoint>({
      collection: visits,
      replicationIdentifier: 'linli-field-visits',
      live: false,
      waitForLeadership: false,
      pull,
      push: { handler: async (rows) => (pushed.push(...(rows as RxPushRow[])), []) },
    });
    await second.awaitInitialReplication();
    await second.cancel();

    const byId = new Map(pushed.map((r) => [r.newDocumentState.id, r]));
    expect([...byId.keys()].sort()).toEqual([offline.id, onServer[0]!.id].sort());
    expect(byId.get(offline.id)!.assumedMasterState ?? null).toBeNull();
    // The base version the server merges against survived the migration.
    expect(byId.get(onServer[0]!.id)!.assumedMasterState).toMatchObject({ notes: 'first' });
    expect(byId.get(onServer[0]!.id)!.newDocumentState).toMatchObject({ notes: 'first, edited offline' });
    // The pull went on from its checkpoint (2), it did not fetch everything again.
    expect(pullFrom[0]).toBe(2);
    await db1.remove();
  });
});

describe('photos and conflicts schema 0 → 1 (issue #10 added `refused` and `parties`)', () => {
  it('keeps a tablet’s stored photos and conflicts', async () => {
    const storage = getRxStorageMemory();
    const name = `migration01${Date.now()}`;
    const v0 = (c: 'photos' | 'conflicts') => ({ ...(COLLECTIONS[c].schema as unknown as RxJsonSchema<any>), version: 0 });
    const db0 = await createRxDatabase({ name, storage, multiInstance: false });
    await db0.addCollections({ photos: { schema: v0('photos') }, conflicts: { schema: v0('conflicts') } });
    const photo = { id: crypto.randomUUID(), tenantId, updatedAt: 0, sha256: 'a'.repeat(64), size: 10, mime: 'image/jpeg', width: 1, height: 1, takenAt: 1, takenBy: workerId, uploaded: false };
    await db0.photos.insert(photo);
    // The write is stored; building the returned RxDocument fails for this collection (its
    // `collection` field shadows RxDocument's getter, see queryPlain in db.ts), as on the tablet.
    await db0.conflicts.insert({ id: crypto.randomUUID(), tenantId, updatedAt: 1, collection: 'visits', docId: crypto.randomUUID(), status: 'open', fields: [], assumedMaster: null, realMaster: {}, newDoc: {}, merged: {} }).catch(() => undefined);
    await db0.close();
    const db1 = await createRxDatabase({ name, storage, multiInstance: false });
    const all = fieldCollections();
    await db1.addCollections({ photos: all.photos, conflicts: all.conflicts });
    expect(db1.photos.schema.version).toBe(1);
    expect((await db1.photos.findOne(photo.id).exec())?.toJSON()).toMatchObject({ sha256: photo.sha256, uploaded: false });
    expect(await db1.conflicts.count().exec()).toBe(1);
    await db1.remove();
  });
});
