/**
 * Browser half of `bench/field-store.ts`: RxDB + Dexie exactly as the tablet opens it
 * (apps/web/src/field/db.ts), pulling `n` visits from an in-page "server" through
 * `replicateRxCollection` — no network, no Next — so one variant of storage settings can be
 * timed against another in the same Chromium.
 */
import { addRxPlugin, createRxDatabase, type RxJsonSchema } from 'rxdb/plugins/core';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { COLLECTIONS, type Checkpoint } from '@linli/sync';
import { takeServerMaster } from '../../apps/web/src/field/db';
import { toPullResult } from '../../apps/web/src/field/sync/wire';

addRxPlugin(RxDBMigrationSchemaPlugin);

export interface Variant {
  name: string;
  indexes: string[][];
  multiInstance: boolean;
  batchSize: number;
  push: boolean;
}

function visits(n: number) {
  const tenantId = crypto.randomUUID();
  const workerId = crypto.randomUUID();
  const homes = Array.from({ length: 300 }, () => crypto.randomUUID());
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => ({
    id: crypto.randomUUID(),
    tenantId,
    updatedAt: 1_700_000_000_000 + i,
    householdId: homes[i % homes.length]!,
    areaId: homes[0]!,
    workerId,
    at: now - i * 1000,
    occupancy: 'occupied',
    notes: `例行走访 #${i}`,
    vulnerable: [],
    photoIds: [],
    _deleted: false,
  }));
}

async function run(v: Variant, docs: ReturnType<typeof visits>) {
  const schema = { ...(COLLECTIONS.visits.schema as unknown as RxJsonSchema<any>), version: 0, indexes: v.indexes };
  const db = await createRxDatabase({ name: `bench-${v.name}-${Date.now()}`, storage: getRxStorageDexie(), multiInstance: v.multiInstance, closeDuplicates: true });
  await db.addCollections({ visits: { schema, conflictHandler: takeServerMaster } });
  const t0 = performance.now();
  const state = replicateRxCollection<any, Checkpoint>({
    collection: db.visits as never,
    replicationIdentifier: 'bench',
    live: false,
    waitForLeadership: false,
    toggleOnDocumentVisible: false,
    pull: {
      batchSize: v.batchSize,
      handler: async (checkpoint, batchSize) => {
        const from = checkpoint ? docs.findIndex((d) => d.updatedAt > checkpoint.updatedAt) : 0;
        const page = from < 0 ? [] : docs.slice(from, from + batchSize);
        const last = page.at(-1);
        // A structured copy, as a parsed response would be.
        return toPullResult({ documents: structuredClone(page) as never, checkpoint: last ? { updatedAt: last.updatedAt, id: last.id } : null }, checkpoint);
      },
    },
    ...(v.push ? { push: { batchSize: 500, handler: async () => [] } } : {}),
  });
  await state.awaitInitialReplication();
  const ms = performance.now() - t0;
  const count = await db.visits!.count().exec();
  await state.cancel();
  await db.remove();
  return { name: v.name, ms, count };
}

(window as unknown as { runStore: unknown }).runStore = async (variants: Variant[], n: number) => {
  const docs = visits(n);
  const out = [];
  for (const v of variants) out.push(await run(v, docs));
  return out;
};
