/**
 * Read-ahead for catch-up pulls. RxDB asks for the next page only after it has written the
 * previous one into IndexedDB; while it writes, the next page is already on its way. Safe
 * because pages are by checkpoint on a commit-ordered clock: a document changed after the
 * read-ahead gets a later `updatedAt` and comes in a later page.
 */
import type { Checkpoint, CollectionName, PullInput, PullOutput } from '@linli/sync';

const keyOf = (collection: CollectionName, checkpoint: Checkpoint | null, limit: number) =>
  `${collection}|${checkpoint ? `${checkpoint.updatedAt}|${checkpoint.id}` : '-'}|${limit}`;

export class PullPrefetcher {
  private ahead = new Map<string, Promise<PullOutput>>();

  constructor(private readonly fetchPage: (input: PullInput) => Promise<PullOutput>) {}

  async pull(input: PullInput): Promise<PullOutput> {
    const key = keyOf(input.collection, input.checkpoint, input.limit);
    const early = this.ahead.get(key);
    this.ahead.delete(key);
    // A failed read-ahead is simply asked again.
    const out = early ? await early.catch(() => this.fetchPage(input)) : await this.fetchPage(input);
    if (out.documents.length === input.limit && out.checkpoint) {
      const next = { ...input, checkpoint: out.checkpoint };
      const p = this.fetchPage(next);
      p.catch(() => undefined);
      this.ahead.set(keyOf(next.collection, next.checkpoint, next.limit), p);
    }
    return out;
  }

  /** Drops read-aheads (after going offline or a RESYNC they may be stale or failed). */
  clear(): void {
    this.ahead.clear();
  }

  get pending(): number {
    return this.ahead.size;
  }
}
