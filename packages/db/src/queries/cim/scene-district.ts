import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { tenants } from '../../schema';
import { loadCommunityRegistry } from './registry';
import { cachedModel } from './scene-cache';
import { sceneBuildings, sceneLevel } from './scene-model';

export interface DistrictSceneCommunity {
  slug: string;
  nameZh: string;
  nameEn: string;
  lng: number | null;
  lat: number | null;
  version: string;
  /** Whether the community has a white model (CIM2) to draw; otherwise only its marker. */
  modelled: boolean;
  /** Where to put the community's label: the centre of its buildings, else the tenant's point. */
  centre: { lng: number; lat: number; top: number } | null;
  summary: { buildings: number; households: number; occupied: number; openAlarms: number; devices: number; offline: number };
}

/**
 * The street office's scene: every community of the district in scope at CIM2 (white models),
 * with a summary per community (buildings, households, occupancy, open alarms). The scope
 * (RLS) already holds only the district's granted communities.
 */
export async function districtScene(tx: Executor, params: { districtId: string }): Promise<{ communities: DistrictSceneCommunity[] }> {
  const rows = await tx
    .select({ id: tenants.id, slug: tenants.slug, nameZh: tenants.nameZh, nameEn: tenants.nameEn, lng: tenants.lng, lat: tenants.lat })
    .from(tenants)
    .where(and(eq(tenants.districtId, params.districtId), sql`${tenants.id} = any (app_tenant_ids())`))
    .orderBy(asc(tenants.nameZh));
  const alarmRows = await tx.execute<{ tenant_id: string; open: number; devices: number; offline: number }>(sql`
    select d.tenant_id,
      count(distinct a.id)::int as open,
      count(distinct d.id)::int as devices,
      count(distinct d.id) filter (where s.online is not true)::int as offline
    from devices d
    left join device_state s on s.tenant_id = d.tenant_id and s.device_id = d.id
    left join alarms a on a.tenant_id = d.tenant_id and a.device_id = d.id and a.state in ('raised', 'acknowledged')
    group by d.tenant_id`);
  const byTenant = new Map(alarmRows.map((r) => [r.tenant_id, r]));
  const communities: DistrictSceneCommunity[] = [];
  for (const t of rows) {
    const registry = await loadCommunityRegistry(tx, t.id);
    const level = sceneLevel(registry, 2);
    const list = sceneBuildings(registry, cachedModel(t.id, registry, level));
    const a = byTenant.get(t.id);
    communities.push({
      slug: t.slug,
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      lng: t.lng,
      lat: t.lat,
      version: registry.version,
      modelled: level >= 2 && list.length > 0,
      centre: list.length
        ? { lng: avg(list.map((b) => b.lng)), lat: avg(list.map((b) => b.lat)), top: Math.max(...list.map((b) => b.height)) }
        : t.lng !== null && t.lat !== null
          ? { lng: t.lng, lat: t.lat, top: 0 }
          : null,
      summary: {
        buildings: list.length,
        households: list.reduce((s, b) => s + b.households, 0),
        occupied: list.reduce((s, b) => s + b.occupied, 0),
        openAlarms: Number(a?.open ?? 0),
        devices: Number(a?.devices ?? 0),
        offline: Number(a?.offline ?? 0),
      },
    });
  }
  return { communities };
}

function avg(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}
