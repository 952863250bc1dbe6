import { and, eq, inArray } from 'drizzle-orm';
import { OFFICE_ROLES, type PushWorker, type Role } from '@linli/sync';
import type { Executor } from '../../client';
import { fieldAreaMembers, fieldAreas } from '../../schema';

/**
 * Who is syncing and what they may see: their tenants and, where they work in a field role, the
 * grid areas they are assigned to. A field worker sees the records of their areas and those in no
 * area; with no assignment, none of the areas (R6.6.9: a grid is worked by the people assigned to
 * it — losing the last area must not open the whole community). Office roles see the whole
 * community.
 */
export interface FieldWorker extends PushWorker {
  /** Tenants where the area filter applies (the worker has a field role and no office role there). */
  areaTenantIds: readonly string[];
}

export interface FieldAccess {
  tenantId: string;
  role: Role;
}

export async function loadFieldWorker(tx: Executor, params: { userId: string; role: Role; accesses: readonly FieldAccess[] }): Promise<FieldWorker> {
  const { userId, role, accesses } = params;
  const tenantIds = [...new Set(accesses.map((a) => a.tenantId))];
  const office = new Set(accesses.filter((a) => OFFICE_ROLES.includes(a.role)).map((a) => a.tenantId));
  const areaTenantIds = tenantIds.filter((t) => !office.has(t));
  if (areaTenantIds.length === 0) return { userId, role, tenantIds, areaTenantIds };
  const assigned = await tx
    .select({ areaId: fieldAreaMembers.areaId })
    .from(fieldAreaMembers)
    .where(and(eq(fieldAreaMembers.userId, userId), inArray(fieldAreaMembers.tenantId, areaTenantIds)));
  // validatePush takes one flat list: the assigned areas, plus every area of the tenants where the
  // worker acts for the office (there the whole community is theirs).
  const open = tenantIds.filter((t) => office.has(t));
  const openAreas = open.length ? await tx.select({ id: fieldAreas.id }).from(fieldAreas).where(inArray(fieldAreas.tenantId, open)) : [];
  return { userId, role, tenantIds, areaTenantIds, areaIds: [...assigned.map((a) => a.areaId), ...openAreas.map((a) => a.id)] };
}
