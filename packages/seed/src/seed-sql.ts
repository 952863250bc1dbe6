import { sql } from 'drizzle-orm';

/** Helpers shared by the platform and tenant seeding: the advisory-lock class, batching, counting. */
const CHUNK = 1000;
// pg_advisory_xact_lock(LOCK_CLASS, …) serialises concurrent seed runs (organizations have no unique key).
export const LOCK_CLASS = 0x4c494e4c; // "LINL"

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const count = sql<number>`count(*)::int`;
