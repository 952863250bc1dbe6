/**
 * The pending counter is derived from the replication's own durable records (unconfirmed.ts), so
 * it says exactly what the replication will push — also when the app is closed and opened again
 * at any moment. RxDB's memory storage keeps the data between two opens of the same name, like
 * IndexedDB after a browser kill.
 */
import { describe, expect, it } from 'vitest';
import { createRxDatabase } from 'rxdb/plugins/core';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Checkpoint } from '@linli/sync';
import { fieldCollections, takeServerMaster } from '../../src/field/db';
import { unconfirmedIds } from '../../src/field/sync/unconfirmed';

const tenantId = crypto.randomUUID();
const workerId = crypto.randomUUID();
const visit = (updatedAt: number, notes: string) => ({ id: crypto.randomUUID(), tenantId, updatedAt, householdId: crypto.randomUUID(), workerId, at: 1_700_000_000_000, occupancy: 'occupied', notes, vulnerable: [], photoIds: [] });

async function open(name: string, storage: ReturnType<typeof getRxStorageMemory>, server: { docs: ReturnType<typeof visit>[]; up: boolean }) {
  const db = await createRxDatabase({ name, storage, multiInstance: false });
  await db.addCollections({ visits: fieldCollections().visits });
  const state = replicateRxCollection<any, Checkpoint>({
    collection: db.visits,
    replicationIdentifier: 'linli-field-visits',
    live: true,
    retryTime: 50,
    waitForLeadership: false,
    pull: {
      batchSize: 1000,
      handler: async (checkpoint: Checkpoint | undefined) => {
        const docs = server.docs.filter((d) => d.updatedAt > (checkpoint?.updatedAt ?? 0)).map((d) => ({ ...d, _deleted: false }));
        const last = docs.at(-1);
        return { documents: docs, checkpoint: last ? { updatedAt: last.updatedAt, id: last.id } : checkpoint };
      },
    },
    push: {
      handler: async () => {
        if (!server.up) throw new Error('offline');
        return [];
      },
    },
  });
  const count = async () => (await unconfirmedIds(db.visits, state, takeServerMaster.isEqual)).length;
  return { db, state, count };
}

describe('records not yet confirmed by the server', () => {
  it('are counted from the replication’s own records, and stay right across a reopen', async () => {
    const storage = getRxStorageMemory();
    const name = `unconfirmed${Date.now()}`;
    const server = { docs: [visit(1, 'first'), visit(2, 'second')], up: false };
    const a = await open(name, storage, server);
    await a.state.awaitInitialReplication();
    // Pulled from the server: nothing waits.
    expect(await a.count()).toBe(0);

    // Two writes while the server cannot be reached: a new visit, an edit of a pulled one.
    await a.db.visits.insert(visit(0, 'written offline'));
    await a.db.visits.findOne(server.docs[0]!.id).incrementalPatch({ notes: 'first, edited offline' });
    await new Promise((r) => setTimeout(r, 200));
    expect(await a.count()).toBe(2);

    // The app is closed at this point (a crash loses nothing: there is no separate ledger).
    await a.state.cancel();
    await a.db.close();
    const b = await open(name, storage, server);
    await b.state.startPromise;
    expect(await b.count()).toBe(2);

    // The server is reachable again: once it confirmed the push, nothing waits.
    server.up = true;
    b.state.reSync();
    await b.state.awaitInSync();
    expect(await b.count()).toBe(0);
    // An edit of one of them waits again, the other stays confirmed.
    await b.db.visits.findOne(server.docs[1]!.id).incrementalPatch({ notes: 'second, edited' });
    server.up = false;
    await new Promise((r) => setTimeout(r, 200));
    expect(await b.count()).toBe(1);
    await b.state.cancel();
    await b.db.remove();
  });
});
