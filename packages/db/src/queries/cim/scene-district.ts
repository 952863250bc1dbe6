import { and, asc, eq, sql } from 'drizzle-orm';
import { buildTileset, contentHash, toLngLat, toLocal, type BuildingModel, type CimModel, type CommunityRegistry, type Tileset } from '@linli/cim';
import type { Executor } from '../../client';
import { AppError, msg } from '../../errors';
import { tenants } from '../../schema';
import { loadCommunityRegistry } from './registry';
import { cachedDistrictContent, cachedDistrictTileset, cachedModel } from './scene-cache';
import { sceneBuildings, sceneLevel } from './scene-model';

export interface DistrictSceneCommunity {
  slug: string;
  /** Community segment of its address codes (how a picked building finds its community). */
  code: string;
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
function districtTenants(tx: Executor, districtId: string) {
  return tx
    .select({ id: tenants.id, slug: tenants.slug, nameZh: tenants.nameZh, nameEn: tenants.nameEn, lng: tenants.lng, lat: tenants.lat })
    .from(tenants)
    .where(and(eq(tenants.districtId, districtId), sql`${tenants.id} = any (app_tenant_ids())`))
    .orderBy(asc(tenants.nameZh));
}

export async function districtScene(tx: Executor, params: { districtId: string }): Promise<{ communities: DistrictSceneCommunity[]; version: string }> {
  const rows = await districtTenants(tx, params.districtId);
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
      code: registry.community.code,
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
  return { communities, version: contentHash(new TextEncoder().encode(communities.map((c) => `${c.slug}:${c.version}`).join('|'))) };
}

/**
 * One CIM2 tileset for the whole district: every community's white model moved from its own
 * local frame into the district's (through WGS84), so the browser loads a handful of glb files
 * instead of a tileset per community. Features keep their standard address codes, whose
 * community segment tells which community a picked building belongs to.
 */
export async function districtTileset(tx: Executor, params: { districtId: string }): Promise<{ tileset: Tileset; version: string }> {
  const rows = await districtTenants(tx, params.districtId);
  const registries: { id: string; slug: string; registry: CommunityRegistry }[] = [];
  for (const t of rows) registries.push({ id: t.id, slug: t.slug, registry: await loadCommunityRegistry(tx, t.id) });
  const key = registries.map((r) => `${r.slug}:${r.registry.version}`).join('|');
  const version = contentHash(new TextEncoder().encode(key));
  const { tileset } = cachedDistrictTileset(params.districtId, key, () => {
    const models = registries.filter((r) => sceneLevel(r.registry, 2) >= 2 && r.registry.buildings.length > 0).map((r) => cachedModel(r.id, r.registry, 2));
    return buildTileset(districtModel(models, params.districtId), { level: 'building', tilesetVersion: version, maxFeaturesPerTile: 2500 });
  });
  return { tileset, version };
}

export async function districtTileContent(tx: Executor, params: { districtId: string; uri: string }): Promise<Uint8Array> {
  const notFound = new AppError('NOT_FOUND', msg('模型已更新，请刷新页面', 'The model has changed; reload the page'));
  if (!/^content\/[0-9a-f]{8,64}\.glb$/.test(params.uri)) throw notFound;
  const hit = cachedDistrictContent(params.districtId, params.uri);
  if (hit) return hit;
  // Evicted or restarted: rebuild the current district tileset, which holds it unless data changed.
  await districtTileset(tx, params);
  const again = cachedDistrictContent(params.districtId, params.uri);
  if (!again) throw notFound;
  return again;
}

/** Community models moved into one district frame (exported for the render benchmark). */
export function districtModel(models: CimModel[], districtId: string): CimModel {
  const n = Math.max(models.length, 1);
  const origin = {
    lng: models.reduce((s, m) => s + m.origin.lng, 0) / n,
    lat: models.reduce((s, m) => s + m.origin.lat, 0) / n,
    height: models.length ? Math.min(...models.map((m) => m.origin.height)) : 0,
  };
  const buildings: BuildingModel[] = [];
  for (const m of models) {
    const dz = m.origin.height - origin.height;
    for (const b of m.buildings) {
      buildings.push({
        ...b,
        prism: { base: b.prism.base.map((p) => toLocal(origin, toLngLat(m.origin, p))), zMin: b.prism.zMin + dz, zMax: b.prism.zMax + dz },
        units: [],
      });
    }
  }
  return { origin, level: 2, community: { code: `district-${districtId.slice(0, 8)}`, name: '', districtCode: '' }, buildings };
}

function avg(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}
