import { describe, expect, it } from 'vitest';
import type { PullInput, PullOutput } from '@linli/sync';
import { PullPrefetcher } from '../../src/field/sync/prefetch';

/** A server holding `n` documents, paged by (updatedAt, id) like field.pull. */
function server(n: number) {
  const docs = Array.from({ length: n }, (_, i) => ({ id: `d${String(i).padStart(5, '0')}`, tenantId: 't', updatedAt: i + 1 }));
  const calls: (number | null)[] = [];
  const fetchPage = async (input: PullInput): Promise<PullOutput> => {
    calls.push(input.checkpoint?.updatedAt ?? null);
    const after = input.checkpoint?.updatedAt ?? 0;
    const page = docs.filter((d) => d.updatedAt > after).slice(0, input.limit);
    const last = page.at(-1);
    return { documents: page as never, checkpoint: last ? { updatedAt: last.updatedAt, id: last.id } : null };
  };
  return { fetchPage, calls };
}

describe('pull read-ahead', () => {
  it('fetches the next page while the current one is being stored, and serves it from there', async () => {
    const s = server(25);
    const p = new PullPrefetcher(s.fetchPage);
    const first = await p.pull({ collection: 'visits', checkpoint: null, limit: 10 });
    expect(s.calls).toEqual([null, 10]);
    const second = await p.pull({ collection: 'visits', checkpoint: first.checkpoint, limit: 10 });
    expect(second.documents[0]).toMatchObject({ updatedAt: 11 });
    expect(s.calls).toEqual([null, 10, 20]);
    const third = await p.pull({ collection: 'visits', checkpoint: second.checkpoint, limit: 10 });
    expect(third.documents).toHaveLength(5);
    expect(s.calls).toEqual([null, 10, 20]);
    expect(p.pending).toBe(0);
  });

  it('asks again when the read-ahead failed', async () => {
    const s = server(30);
    let fail = false;
    const p = new PullPrefetcher(async (input) => {
      if (fail) {
        fail = false;
        throw new TypeError('network down');
      }
      return s.fetchPage(input);
    });
    fail = false;
    const first = await p.pull({ collection: 'visits', checkpoint: null, limit: 10 });
    p.clear();
    fail = true;
    await expect(p.pull({ collection: 'visits', checkpoint: first.checkpoint, limit: 10 })).rejects.toThrow('network down');
    const again = await p.pull({ collection: 'visits', checkpoint: first.checkpoint, limit: 10 });
    expect(again.documents[0]).toMatchObject({ updatedAt: 11 });
  });

  it('does not read ahead after a short page or for another checkpoint', async () => {
    const s = server(5);
    const p = new PullPrefetcher(s.fetchPage);
    await p.pull({ collection: 'visits', checkpoint: null, limit: 10 });
    expect(p.pending).toBe(0);
  });
});
