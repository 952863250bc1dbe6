/** The message the service worker posts to the app's pages while it precaches (readiness.ts). */
export const PRECACHE_PROGRESS = 'linli-precache-progress';

export interface PrecacheProgress {
  type: typeof PRECACHE_PROGRESS;
  /** Entries stored so far in this install. */
  done: number;
  total: number;
}
