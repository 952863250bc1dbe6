import { asc, ilike, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { buildings } from '../schema';
import { countRows, likePattern, offsetOf, type PageInput } from './paging';

/** Building registry with household and occupancy figures (tenant scope via RLS). */
export async function listBuildings(tx: Executor, params: PageInput & { search?: string }) {
  const filter = params.search ? or(ilike(buildings.name, likePattern(params.search)), ilike(buildings.code, likePattern(params.search))) : undefined;
  const items = await tx
    .select({
      id: buildings.id,
      code: buildings.code,
      name: buildings.name,
      floorsAbove: buildings.floorsAbove,
      floorsBelow: buildings.floorsBelow,
      unitCount: buildings.unitCount,
      use: buildings.use,
      // Qualified by hand: drizzle renders ${buildings.id} here as a bare "id", which the subquery would read as h.id.
      households: sql<number>`(select count(*)::int from households h where h.tenant_id = "buildings"."tenant_id" and h.building_id = "buildings"."id")`,
      occupied: sql<number>`(select count(*)::int from households h where h.tenant_id = "buildings"."tenant_id" and h.building_id = "buildings"."id" and h.state in ('occupied','rented'))`,
    })
    .from(buildings)
    .where(filter)
    .orderBy(asc(buildings.code))
    .limit(params.pageSize)
    .offset(offsetOf(params));
  const total = await countRows(tx, buildings, filter);
  return { items, total, page: params.page, pageSize: params.pageSize };
}
