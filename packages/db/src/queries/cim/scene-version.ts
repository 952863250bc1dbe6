import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';

/**
 * Registry versions without loading the registry: one row per tenant from `cim_versions`,
 * spelled exactly as `loadCommunityRegistry` spells `version` (a test holds them equal), so
 * cached tiles are found without reading 10^4 household rows per request.
 */
export async function sceneVersions(tx: Executor, tenantIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (tenantIds.length === 0) return out;
  const rows = await tx.execute<{ tenant_id: string; version: string | number; changed_at: string | Date }>(
    sql`select tenant_id, version, changed_at from cim_versions where tenant_id in (${sql.join(tenantIds.map((id) => sql`${id}::uuid`), sql`, `)})`,
  );
  for (const r of rows) out.set(r.tenant_id, `${Number(r.version)}-${new Date(r.changed_at).getTime().toString(36)}`);
  for (const id of tenantIds) if (!out.has(id)) out.set(id, '0');
  return out;
}
