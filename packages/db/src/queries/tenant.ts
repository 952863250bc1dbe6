import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { districts, tenants } from '../schema';
import { countsByTenant, emptyCounts } from './counts';

export async function tenantOverview(tx: Executor, tenantId: string) {
  const [row] = await tx
    .select({ tenant: tenants, districtNameZh: districts.nameZh, districtNameEn: districts.nameEn })
    .from(tenants)
    .leftJoin(districts, eq(districts.id, tenants.districtId))
    .where(eq(tenants.id, tenantId));
  if (!row) throw new Error('tenant vanished');
  const counts = (await countsByTenant(tx)).get(tenantId) ?? emptyCounts();
  return { tenant: row.tenant, district: row.districtNameZh ? { nameZh: row.districtNameZh, nameEn: row.districtNameEn! } : null, counts };
}
