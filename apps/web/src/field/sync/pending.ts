/**
 * What the tablet wrote that the server has not confirmed yet, so the worker can SEE that
 * nothing is lost. RxDB keeps unpushed writes itself (and pushes them after a reload); this
 * ledger only counts them. A key is acknowledged only when the pushed content is the latest
 * content written, so a second edit made while the first was in flight stays pending.
 */
import { hashUuid, stableStringify } from '@linli/sync';
import { cleanDoc } from './wire';

export type Ledger = Record<string, string>;

export const ledgerKey = (collection: string, id: string): string => `${collection}/${id}`;

/** Fingerprint of a document's content, without replication bookkeeping or the server's stamp. */
export function fingerprint(doc: Record<string, unknown>): string {
  const { updatedAt: _u, clientClock: _c, _deleted, ...rest } = cleanDoc(doc);
  // RxDB adds `_deleted: false` to what it pushes; only a real deletion changes the content.
  // Hashed: the ledger is saved on every write, and whole documents would make that grow heavy.
  return hashUuid(stableStringify(_deleted === true ? { ...rest, _deleted } : rest));
}

export const markWritten = (ledger: Ledger, collection: string, doc: Record<string, unknown> & { id: string }): Ledger => ({
  ...ledger,
  [ledgerKey(collection, doc.id)]: fingerprint(doc),
});

/**
 * After a push answered: rows whose pushed content is still the latest are done, and so are rows
 * the server refused or replaced by its master (those show as conflicts/rejections instead).
 */
export function acknowledge(ledger: Ledger, collection: string, pushed: readonly Record<string, unknown>[], settled: readonly string[] = []): Ledger {
  const next = { ...ledger };
  for (const doc of pushed) {
    const key = ledgerKey(collection, String(doc.id));
    if (next[key] !== undefined && next[key] === fingerprint(doc)) delete next[key];
  }
  for (const id of settled) delete next[ledgerKey(collection, id)];
  return next;
}

export const pendingCount = (ledger: Ledger): number => Object.keys(ledger).length;
