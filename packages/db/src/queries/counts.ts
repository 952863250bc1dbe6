import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface TenantCounts {
  buildings: number;
  households: number;
  occupied: number;
  residents: number;
  staff: number;
}

const EMPTY: TenantCounts = { buildings: 0, households: 0, occupied: 0, residents: 0, staff: 0 };

/**
 * Counts per tenant for the tenants in the transaction's scope. RLS limits the tenant tables,
 * and app_tenant_ids() limits the staff count, so a caller can never count outside its scope.
 */
export async function countsByTenant(tx: Executor): Promise<Map<string, TenantCounts>> {
  const rows = await tx.execute<{ tenant_id: string; kind: keyof TenantCounts; n: string }>(sql`
    select tenant_id, 'buildings' as kind, count(*) as n from buildings group by tenant_id
    union all select tenant_id, 'households', count(*) from households group by tenant_id
    union all select tenant_id, 'occupied', count(*) from households where state in ('occupied', 'rented') group by tenant_id
    union all select tenant_id, 'residents', count(*) from residents group by tenant_id
    union all
    select g.tenant_id, 'staff', count(distinct m.user_id)
      from grants g join memberships m on m.organization_id = g.organization_id
     where (m.tenant_id is null or m.tenant_id = g.tenant_id) and m.role <> 'resident'
       and g.tenant_id = any (app_tenant_ids())
     group by g.tenant_id`);
  const out = new Map<string, TenantCounts>();
  for (const r of rows) {
    const c = out.get(r.tenant_id) ?? { ...EMPTY };
    c[r.kind] = Number(r.n);
    out.set(r.tenant_id, c);
  }
  return out;
}

export const emptyCounts = (): TenantCounts => ({ ...EMPTY });
