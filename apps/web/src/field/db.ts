/**
 * The tablet's database: RxDB 17 on Dexie (IndexedDB), one database per worker, the eight
 * collections of `@linli/sync` (under the open-source limit of 13). No dev-mode: it would load
 * a page from the internet, and the server validates every push anyway.
 */
import { addRxPlugin, createRxDatabase, normalizeMangoQuery, prepareQuery, type MangoQuery, type RxCollection, type RxConflictHandler, type RxDatabase, type RxJsonSchema } from 'rxdb/plugins/core';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { COLLECTION_NAMES, COLLECTIONS, jsonEqual, type CollectionName, type CollectionSpec, type DocByCollection } from '@linli/sync';
import { dbNameFor } from './session';
import { cleanDoc } from './sync/wire';

export type FieldCollections = { [C in CollectionName]: RxCollection<DocByCollection[C]> };
export type FieldDb = RxDatabase<FieldCollections>;

/**
 * The server merges every push (field rules, workflow, clocks) and answers with its result, so
 * the tablet takes the server's master whenever the two differ.
 */
export const takeServerMaster: RxConflictHandler<any> = {
  isEqual: (a, b) => jsonEqual(cleanDoc(a as Record<string, unknown>), cleanDoc(b as Record<string, unknown>)),
  resolve: async (input) => input.realMasterState,
};

// Schema versions above 0 (an index dropped, say) migrate a tablet's stored data on open,
// unsent writes and replication checkpoints included.
addRxPlugin(RxDBMigrationSchemaPlugin);

/** What `addCollections` gets: schema, conflict handler and migrations of every collection. */
export function fieldCollections(): Record<CollectionName, { schema: RxJsonSchema<any>; conflictHandler: RxConflictHandler<any>; migrationStrategies: Record<number, (doc: any) => any> }> {
  return Object.fromEntries(
    COLLECTION_NAMES.map((c) => {
      const spec: CollectionSpec = COLLECTIONS[c];
      return [c, { schema: spec.schema as unknown as RxJsonSchema<any>, conflictHandler: takeServerMaster, migrationStrategies: spec.migrations ?? {} }];
    }),
  ) as never;
}

const opened = new Map<string, Promise<FieldDb>>();

/** Opens (once per page) the worker's database. */
export function openFieldDb(userId: string): Promise<FieldDb> {
  const name = dbNameFor(userId, 'db');
  let db = opened.get(name);
  if (!db) {
    db = (async () => {
      const database = await createRxDatabase<FieldCollections>({ name, storage: getRxStorageDexie(), multiInstance: true, closeDuplicates: true });
      await database.addCollections(fieldCollections() as never);
      return database;
    })();
    opened.set(name, db);
  }
  return db;
}

/**
 * Plain documents straight from storage, without RxDocument objects. Needed for `conflicts`: its
 * `collection` field shadows RxDocument's own `collection` getter, so documents of it cannot be
 * built (count queries work, find queries fail). Everything else uses normal queries.
 */
export async function queryPlain<T>(collection: RxCollection<T>, query: MangoQuery<T>): Promise<T[]> {
  const normalized = normalizeMangoQuery(collection.schema.jsonSchema, query);
  const result = await collection.storageInstance.query(prepareQuery(collection.schema.jsonSchema, normalized));
  return result.documents.map((d) => d as unknown as T);
}
