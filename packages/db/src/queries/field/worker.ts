import { and, eq, inArray } from 'drizzle-orm';
import type { PushWorker, Role } from '@linli/sync';
import type { Executor } from '../../client';
import { fieldAreaMembers, fieldAreas } from '../../schema';

/**
 * Who is syncing and what they may see: their tenants and, per tenant, the grid areas they are
 * assigned to. A tenant without an assignment for the worker is visible whole.
 */
export interface FieldWorker extends PushWorker {
  /** Tenants where the worker has area assignments (the area filter applies there only). */
  areaTenantIds: readonly string[];
}

export async function loadFieldWorker(tx: Executor, params: { userId: string; role: Role; tenantIds: readonly string[] }): Promise<FieldWorker> {
  const { userId, role, tenantIds } = params;
  if (tenantIds.length === 0) return { userId, role, tenantIds, areaTenantIds: [] };
  const assigned = await tx
    .select({ tenantId: fieldAreaMembers.tenantId, areaId: fieldAreaMembers.areaId })
    .from(fieldAreaMembers)
    .where(and(eq(fieldAreaMembers.userId, userId), inArray(fieldAreaMembers.tenantId, [...tenantIds])));
  if (assigned.length === 0) return { userId, role, tenantIds, areaTenantIds: [] };
  const areaTenantIds = [...new Set(assigned.map((a) => a.tenantId))];
  // validatePush takes one flat list: the assigned areas, plus every area of the tenants where
  // the worker has no assignment (there the whole community is theirs).
  const open = tenantIds.filter((t) => !areaTenantIds.includes(t));
  const openAreas = open.length
    ? await tx.select({ id: fieldAreas.id }).from(fieldAreas).where(inArray(fieldAreas.tenantId, open))
    : [];
  return { userId, role, tenantIds, areaTenantIds, areaIds: [...assigned.map((a) => a.areaId), ...openAreas.map((a) => a.id)] };
}
