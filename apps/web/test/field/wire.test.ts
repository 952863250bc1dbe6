import { describe, expect, it } from 'vitest';
import type { AnyDoc, PushOutput } from '@linli/sync';
import { chunkRows, cleanDoc, conflictsForRxdb, fromServer, rejectedIds, toPullResult, toPushBatch } from '../../src/field/sync/wire';

const T = '11111111-1111-4111-8111-111111111111';
const doc = (id: string, updatedAt: number, extra: Record<string, unknown> = {}) =>
  ({ id, tenantId: T, updatedAt, kind: 'building', name: `B${id.slice(0, 2)}`, ...extra }) as unknown as AnyDoc;

describe('pull mapping', () => {
  it('gives RxDB every document with _deleted and the server checkpoint', () => {
    const out = toPullResult({ documents: [doc('a1', 5), doc('a2', 6, { _deleted: true })], checkpoint: { updatedAt: 6, id: 'a2' } }, undefined);
    expect(out.documents.map((d) => d._deleted)).toEqual([false, true]);
    expect(out.checkpoint).toEqual({ updatedAt: 6, id: 'a2' });
  });

  it('keeps the previous checkpoint on an empty page instead of starting over', () => {
    const last = { updatedAt: 9, id: 'z' };
    expect(toPullResult({ documents: [], checkpoint: null }, last)).toEqual({ documents: [], checkpoint: last });
  });
});

describe('push mapping', () => {
  const rows = [
    { assumedMasterState: undefined, newDocumentState: { ...doc('b1', 0), _deleted: false, _meta: { lwt: 1 }, _rev: '1-x', _attachments: {} } },
    { assumedMasterState: { ...doc('b2', 3), _deleted: false }, newDocumentState: { ...doc('b2', 3, { name: 'new' }), _deleted: false } },
  ];

  it('strips RxDB bookkeeping but keeps _deleted, and sends null for a new document', () => {
    const batch = toPushBatch('visits', 'dev-1', rows, 1000);
    expect(batch.rows[0]!.assumedMasterState).toBeNull();
    expect(Object.keys(batch.rows[0]!.newDocumentState).sort()).toEqual(['_deleted', 'id', 'kind', 'name', 'tenantId', 'updatedAt']);
    expect(batch).toMatchObject({ collection: 'visits', deviceId: 'dev-1', clientTime: 1000 });
  });

  it('names a retried batch the same (so the server replays it) and another device differently', () => {
    const a = toPushBatch('visits', 'dev-1', rows, 1000);
    const again = toPushBatch('visits', 'dev-1', rows, 5000);
    const other = toPushBatch('visits', 'dev-2', rows, 1000);
    expect(again.batchId).toBe(a.batchId);
    expect(other.batchId).not.toBe(a.batchId);
    expect(a.batchId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('hands the server masters back to RxDB and lists refused ids', () => {
    const out: PushOutput = {
      conflicts: [doc('c1', 8)],
      rejected: [{ docId: 'c2', code: 'workflow', message: { zh: '不行', en: 'no' } }, { docId: null, code: 'bad_batch', message: { zh: '坏', en: 'bad' } }],
      warnings: [],
      replayed: false,
    };
    expect(conflictsForRxdb(out)).toEqual([{ ...doc('c1', 8), _deleted: false }]);
    expect(rejectedIds(out)).toEqual(['c2']);
  });
});

describe('helpers', () => {
  it('cleanDoc drops undefined members', () => {
    expect(cleanDoc({ a: 1, b: undefined, _rev: 'x' })).toEqual({ a: 1 });
  });
  it('fromServer does not mark a live document deleted', () => {
    expect(fromServer(doc('d', 1))._deleted).toBe(false);
  });
  it('chunkRows splits at the server limit', () => {
    expect(chunkRows([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunkRows([], 2)).toEqual([]);
  });
});
