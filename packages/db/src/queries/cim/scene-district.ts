import { and, asc, eq, sql } from 'drizzle-orm';
import { buildTileset, contentHash, toLngLat, toLocal, type BuildingModel, type CimModel, type CommunityRegistry, type Tileset } from '@linli/cim';
import type { Executor } from '../../client';
import { AppError, msg } from '../../errors';
import { tenants } from '../../schema';
import { loadCommunityRegistry } from './registry';
import { cachedDistrictContent, cachedDistrictTileset, cachedModel, peekDistrictTileset } from './scene-cache';
import { sceneVersions } from './scene-version';
import { sceneLevel } from './scene-model';

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
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return { communities: [], version: '0' };
  // Aggregates in SQL (a district has up to hundreds of communities and 10^5 households): only
  // buildings with a surveyed footprint count, as in the registry the scene draws.
  const idList = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  const [bRows, hRows, aRows, versions] = await Promise.all([
    tx.execute<{ tenant_id: string; buildings: number; top: number | null; lng: number | null; lat: number | null }>(sql`
      select b.tenant_id, count(*)::int as buildings, max(b.floors_above * b.floor_height)::float8 as top,
        avg((b.footprint->0->>0)::float8) as lng, avg((b.footprint->0->>1)::float8) as lat
      from buildings b
      where b.tenant_id in (${idList}) and jsonb_typeof(b.footprint) = 'array' and jsonb_array_length(b.footprint) >= 3
      group by b.tenant_id`),
    tx.execute<{ tenant_id: string; households: number; occupied: number }>(sql`
      select h.tenant_id, count(*)::int as households, count(*) filter (where h.state in ('occupied', 'rented'))::int as occupied
      from households h join buildings b on b.tenant_id = h.tenant_id and b.id = h.building_id
      where h.tenant_id in (${idList}) and jsonb_typeof(b.footprint) = 'array' and jsonb_array_length(b.footprint) >= 3
      group by h.tenant_id`),
    tx.execute<{ tenant_id: string; open: number; devices: number; offline: number }>(sql`
      select d.tenant_id,
        count(distinct a.id)::int as open,
        count(distinct d.id)::int as devices,
        count(distinct d.id) filter (where s.online is not true)::int as offline
      from devices d
      left join device_state s on s.tenant_id = d.tenant_id and s.device_id = d.id
      left join alarms a on a.tenant_id = d.tenant_id and a.device_id = d.id and a.state in ('raised', 'acknowledged')
      where d.tenant_id in (${idList})
      group by d.tenant_id`),
    sceneVersions(tx, ids),
  ]);
  const sites = await tx.execute<{ tenant_id: string; community_code: string }>(sql`select tenant_id, community_code from cim_sites where tenant_id in (${idList})`);
  const by = <T extends { tenant_id: string }>(xs: Iterable<T>) => new Map([...xs].map((x) => [x.tenant_id, x]));
  const bs = by(bRows);
  const hs = by(hRows);
  const as = by(aRows);
  const codes = by(sites);
  const communities = rows.map((t): DistrictSceneCommunity => {
    const b = bs.get(t.id);
    const h = hs.get(t.id);
    const a = as.get(t.id);
    const buildings = Number(b?.buildings ?? 0);
    return {
      slug: t.slug,
      code: codes.get(t.id)?.community_code ?? t.slug.toUpperCase(),
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      lng: t.lng,
      lat: t.lat,
      version: versions.get(t.id) ?? '0',
      modelled: buildings > 0,
      centre:
        buildings > 0 && b?.lng != null && b.lat != null
          ? { lng: Number(b.lng), lat: Number(b.lat), top: Number(b.top ?? 0) }
          : t.lng !== null && t.lat !== null
            ? { lng: t.lng, lat: t.lat, top: 0 }
            : null,
      summary: {
        buildings,
        households: Number(h?.households ?? 0),
        occupied: Number(h?.occupied ?? 0),
        openAlarms: Number(a?.open ?? 0),
        devices: Number(a?.devices ?? 0),
        offline: Number(a?.offline ?? 0),
      },
    };
  });
  return { communities, version: districtVersion(communities.map((c) => [c.slug, c.version])) };
}

function districtVersion(pairs: [string, string][]): string {
  return contentHash(new TextEncoder().encode(pairs.map(([s, v]) => `${s}:${v}`).join('|')));
}

/**
 * One CIM2 tileset for the whole district: every community's white model moved from its own
 * local frame into the district's (through WGS84), so the browser loads a handful of glb files
 * instead of a tileset per community. Features keep their standard address codes, whose
 * community segment tells which community a picked building belongs to.
 */
export async function districtTileset(tx: Executor, params: { districtId: string }): Promise<{ tileset: Tileset; version: string }> {
  const rows = await districtTenants(tx, params.districtId);
  const versions = await sceneVersions(tx, rows.map((r) => r.id));
  const pairs = rows.map((r): [string, string] => [r.slug, versions.get(r.id) ?? '0']);
  const version = districtVersion(pairs);
  const key = pairs.map(([s, v]) => `${s}:${v}`).join('|');
  const cached = peekDistrictTileset(params.districtId, key);
  if (cached) return { tileset: cached.tileset, version };
  // A miss: load every registry (tens of ms each), then build once.
  const registries: CommunityRegistry[] = [];
  for (const t of rows) registries.push(await loadCommunityRegistry(tx, t.id));
  const { tileset } = cachedDistrictTileset(params.districtId, key, () => {
    const models = registries
      .map((registry, i) => ({ registry, id: rows[i]!.id }))
      .filter((r) => sceneLevel(r.registry, 2) >= 2 && r.registry.buildings.length > 0)
      .map((r) => cachedModel(r.id, r.registry, 2));
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
