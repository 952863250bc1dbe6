import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { districts, tenants } from '../schema';
import { countsByTenant, emptyCounts, type TenantCounts } from './counts';
import { countRows, likePattern, offsetOf, type Page, type PageInput } from './paging';

export interface CommunityRow {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  address: string;
  plan: string;
  status: string;
  lng: number | null;
  lat: number | null;
  counts: TenantCounts;
}

export interface DistrictOverview {
  district: { id: string; code: string; nameZh: string; nameEn: string; city: string };
  totals: TenantCounts & { communities: number };
  communities: Page<CommunityRow>;
}

/** The street office's one view: its district's communities (only those in scope) with live counts. */
export async function districtOverview(
  tx: Executor,
  params: PageInput & { districtId: string; search?: string },
): Promise<DistrictOverview> {
  const [district] = await tx.select().from(districts).where(eq(districts.id, params.districtId));
  if (!district) throw new Error('district vanished');
  const inScope = and(eq(tenants.districtId, params.districtId), sql`${tenants.id} = any (app_tenant_ids())`);
  const filter = params.search
    ? and(inScope, or(ilike(tenants.nameZh, likePattern(params.search)), ilike(tenants.nameEn, likePattern(params.search)), ilike(tenants.address, likePattern(params.search))))
    : inScope;
  const [all, pageRows, counts] = await Promise.all([
    tx.select({ id: tenants.id }).from(tenants).where(inScope),
    tx.select().from(tenants).where(filter).orderBy(asc(tenants.nameZh)).limit(params.pageSize).offset(offsetOf(params)),
    countsByTenant(tx),
  ]);
  const total = await countRows(tx, tenants, filter);
  const totals = { ...emptyCounts(), communities: all.length };
  for (const t of all) {
    const c = counts.get(t.id);
    if (!c) continue;
    for (const k of Object.keys(c) as (keyof TenantCounts)[]) totals[k] += c[k];
  }
  return {
    district: { id: district.id, code: district.code, nameZh: district.nameZh, nameEn: district.nameEn, city: district.city },
    totals,
    communities: {
      items: pageRows.map((t) => ({
        id: t.id, slug: t.slug, nameZh: t.nameZh, nameEn: t.nameEn, address: t.address, plan: t.plan, status: t.status,
        lng: t.lng, lat: t.lat, counts: counts.get(t.id) ?? emptyCounts(),
      })),
      total,
      page: params.page,
      pageSize: params.pageSize,
    },
  };
}
