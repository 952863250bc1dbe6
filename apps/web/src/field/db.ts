/**
 * The tablet's database: RxDB 17 on Dexie (IndexedDB), one database per worker, the eight
 * collections of `@linli/sync` (under the open-source limit of 13). No dev-mode: it would load
 * a page from the internet, and the server validates every push anyway.
 */
import { createRxDatabase, normalizeMangoQuery, prepareQuery, type MangoQuery, type RxCollection, type RxConflictHandler, type RxDatabase, type RxJsonSchema } from 'rxdb/plugins/core';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { COLLECTION_NAMES, COLLECTIONS, jsonEqual, type CollectionName, type DocByCollection } from '@linli/sync';
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

const opened = new Map<string, Promise<FieldDb>>();

/** Opens (once per page) the worker's database. */
export function openFieldDb(userId: string): Promise<FieldDb> {
  const name = dbNameFor(userId, 'db');
  let db = opened.get(name);
  if (!db) {
    db = (async () => {
      const database = await createRxDatabase<FieldCollections>({ name, storage: getRxStorageDexie(), multiInstance: true, closeDuplicates: true });
      const specs = Object.fromEntries(
        COLLECTION_NAMES.map((c) => [c, { schema: COLLECTIONS[c].schema as unknown as RxJsonSchema<any>, conflictHandler: takeServerMaster }]),
      );
      await database.addCollections(specs as never);
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
