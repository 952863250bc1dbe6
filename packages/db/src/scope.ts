import { sql } from 'drizzle-orm';
import type { Db, Executor } from './client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What one request may touch. RLS policies read these settings; the app never bypasses them. */
export interface Scope {
  tenantIds: readonly string[];
  /** Platform context: management tables and the whole audit log, never tenant data. */
  platform?: boolean;
  userId?: string | null;
}

export const NO_TENANT: Scope = { tenantIds: [] };

/** Runs fn in one transaction whose tenant context is set with set_config(..., true) (local to it). */
export async function withScope<T>(db: Db | Executor, scope: Scope, fn: (tx: Executor) => Promise<T>): Promise<T> {
  for (const id of scope.tenantIds) {
    if (!UUID.test(id)) throw new Error(`invalid tenant id: ${id}`);
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select
      set_config('app.tenant_ids', ${scope.tenantIds.join(',')}, true),
      set_config('app.platform', ${scope.platform ? 'on' : 'off'}, true),
      set_config('app.user_id', ${scope.userId ?? ''}, true)`);
    return fn(tx);
  });
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
