import { describe, expect, it } from 'vitest';
import { compareCheckpoint, nextCheckpoint, pageAfter, parseCheckpoint, type Checkpoint, type PullResponse } from '../src/checkpoint';
import { prng, uid } from './fixtures';

interface D {
  id: string;
  updatedAt: number;
}

function pullAll(docs: readonly D[], limit: number): { pulled: D[]; pages: number } {
  let checkpoint: Checkpoint | null = null;
  const pulled: D[] = [];
  let pages = 0;
  for (;;) {
    const page: PullResponse<D> = pageAfter(docs, checkpoint, limit);
    pages++;
    pulled.push(...page.documents);
    if (page.documents.length < limit) return { pulled, pages };
    checkpoint = page.checkpoint;
    if (pages > 10_000) throw new Error('paging does not terminate');
  }
}

describe('checkpoint paging', () => {
  // Many documents share updatedAt (a bulk import stamps them in one millisecond).
  const rand = prng(7);
  const docs: D[] = Array.from({ length: 157 }, (_, i) => ({ id: uid(`doc-${i}`), updatedAt: 1000 + Math.floor(rand() * 6) }));

  it('orders by updatedAt, then id', () => {
    expect(compareCheckpoint({ updatedAt: 1, id: 'b' }, { updatedAt: 2, id: 'a' })).toBe(-1);
    expect(compareCheckpoint({ updatedAt: 2, id: 'a' }, { updatedAt: 2, id: 'b' })).toBe(-1);
    expect(compareCheckpoint({ updatedAt: 2, id: 'b' }, { updatedAt: 2, id: 'b' })).toBe(0);
    expect(nextCheckpoint([{ updatedAt: 3, id: 'a' }, { updatedAt: 5, id: 'a' }, { updatedAt: 5, id: 'c' }, { updatedAt: 4, id: 'z' }])).toEqual({ updatedAt: 5, id: 'c' });
    expect(nextCheckpoint([])).toBeNull();
  });

  for (const limit of [1, 2, 3, 7, 10, 50, 156, 157, 500]) {
    it(`never skips or repeats a document across pages of ${limit}, even inside a run of equal updatedAt`, () => {
      const { pulled, pages } = pullAll(docs, limit);
      const ids = pulled.map((d) => d.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(docs.map((d) => d.id).sort());
      expect(pages).toBe(Math.floor(docs.length / limit) + 1);
    });
  }

  it('a page boundary inside equal updatedAt continues with the next id', () => {
    const same: D[] = ['c', 'a', 'b', 'd'].map((id) => ({ id, updatedAt: 5 }));
    const p1 = pageAfter(same, null, 2);
    expect(p1.documents.map((d) => d.id)).toEqual(['a', 'b']);
    expect(p1.checkpoint).toEqual({ updatedAt: 5, id: 'b' });
    const p2 = pageAfter(same, p1.checkpoint, 2);
    expect(p2.documents.map((d) => d.id)).toEqual(['c', 'd']);
  });

  it('picks up documents written after the tablet caught up, and keeps its checkpoint on an empty page', () => {
    const live: D[] = [...docs];
    const first = pullAll(live, 20);
    const last = nextCheckpoint(first.pulled);
    expect(pageAfter(live, last, 20)).toEqual({ documents: [], checkpoint: last });
    live.push({ id: uid('late'), updatedAt: 2000 });
    const again = pageAfter(live, last, 20);
    expect(again.documents.map((d) => d.id)).toEqual([uid('late')]);
  });

  it('refuses malformed checkpoints from a tablet', () => {
    expect(parseCheckpoint({ updatedAt: 5, id: 'x' })).toEqual({ updatedAt: 5, id: 'x' });
    expect(parseCheckpoint({ updatedAt: '5', id: 'x' })).toBeNull();
    expect(parseCheckpoint({ updatedAt: -1, id: 'x' })).toBeNull();
    expect(parseCheckpoint({ updatedAt: 5 })).toBeNull();
    expect(parseCheckpoint(null)).toBeNull();
  });
});
