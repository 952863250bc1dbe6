/**
 * @linli/sync — what the field PWA (RxDB) and the server's sync endpoints share. Pure: no I/O.
 *
 * Server push endpoint, per batch:
 *   1. prefetch the rows' current documents; `validatePush({ batchId, clientTime, rows, worker,
 *      now, seen, master })` — a replayed batch returns the stored result as is;
 *   2. for each accepted row, `planRowWrite(row, current, now, worker)` → store `write` and
 *      `record` (conflict/notice) in one transaction, stamping updatedAt monotonically;
 *   3. for each rejected row, optionally store `conflictFromRejection(...)` for the console;
 *   4. store the result under the batch id; answer RxDB with the `returnToTablet` masters.
 * Pull endpoint: tenant/area filter, then `(updated_at, id) > checkpoint` as in `pageAfter`.
 * Tablet: RxDB conflict handler takes the server's master (the server already merged).
 */
export * from './bilingual';
export * from './roles';
export * from './ids';
export * from './docs';
export * from './collections';
export type { JsonSchema, RxSchema } from './schemas/json-schema';
export * from './validate-schema';
export * from './checkpoint';
export * from './workflow';
export * from './status-flows';
export * from './merge-rules';
export * from './merge';
export * from './clock';
export * from './push';
export * from './apply';
export * from './photo';
export * from './upload';
export * from './patrol';
export * from './protocol';
