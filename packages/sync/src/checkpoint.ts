import type { CollectionName } from './collections';

/**
 * Pull checkpoint: the last document the tablet has, in (updatedAt, id) order. The id breaks
 * ties, so a page boundary falling inside a run of equal updatedAt neither skips nor repeats.
 *
 * The server must make updatedAt move forward for every write it commits in a scope a reader
 * may have passed (e.g. assign it under a per-tenant lock or from a sequence-backed clock),
 * otherwise a slow transaction can commit "behind" a checkpoint and never be pulled.
 */
export interface Checkpoint {
  updatedAt: number;
  id: string;
}

export interface Checkpointed {
  updatedAt: number;
  id: string;
}

export function compareCheckpoint(a: Checkpointed, b: Checkpointed): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** True when `doc` comes strictly after `checkpoint` (everything does after a null checkpoint). */
export const isAfter = (doc: Checkpointed, checkpoint: Checkpoint | null): boolean =>
  checkpoint === null || compareCheckpoint(doc, checkpoint) > 0;

/** The checkpoint after a page: its greatest document, or null for an empty page. */
export function nextCheckpoint(docs: readonly Checkpointed[]): Checkpoint | null {
  let best: Checkpointed | null = null;
  for (const d of docs) if (best === null || compareCheckpoint(d, best) > 0) best = d;
  return best === null ? null : { updatedAt: best.updatedAt, id: best.id };
}

export interface PullRequest {
  collection: CollectionName;
  checkpoint: Checkpoint | null;
  limit: number;
}

export interface PullResponse<D extends Checkpointed = Checkpointed> {
  documents: D[];
  /**
   * Where the next pull starts. Equal to the request's checkpoint on an empty page, so the
   * tablet can poll with it again (RxDB stops pulling when a page is smaller than the limit).
   */
  checkpoint: Checkpoint | null;
}

export const MAX_PULL_LIMIT = 1000;

/**
 * Reference paging: the `limit` documents after `checkpoint` in (updatedAt, id) order. The
 * SQL form is `WHERE (updated_at, id) > ($1, $2) ORDER BY updated_at, id LIMIT $3`, after the
 * tenant/area filter. `docs` must already be limited to what the worker may see.
 */
export function pageAfter<D extends Checkpointed>(
  docs: readonly D[],
  checkpoint: Checkpoint | null,
  limit: number,
): PullResponse<D> {
  const n = Math.max(1, Math.min(MAX_PULL_LIMIT, Math.floor(limit)));
  const documents = docs
    .filter((d) => isAfter(d, checkpoint))
    .sort(compareCheckpoint)
    .slice(0, n);
  return { documents, checkpoint: nextCheckpoint(documents) ?? checkpoint };
}

/** Checks a checkpoint sent by a tablet; null when it is malformed (start over rather than guess). */
export function parseCheckpoint(value: unknown): Checkpoint | null {
  if (typeof value !== 'object' || value === null) return null;
  const { updatedAt, id } = value as Record<string, unknown>;
  if (typeof updatedAt !== 'number' || !Number.isFinite(updatedAt) || updatedAt < 0) return null;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) return null;
  return { updatedAt, id };
}
