import { asc, eq } from 'drizzle-orm';
import type { BuildingInput, CimLevel, CommunityRegistry, FacilityInput, FacilityKind, HouseholdInput, LngLat, SiteGeometry } from '@linli/cim';
import type { Executor } from '../../client';
import { buildings, cimFacilities, cimParking, cimRoads, cimSites, cimVersions, households, tenants } from '../../schema';

const level = (n: number): CimLevel => (n <= 1 ? 1 : n >= 4 ? 4 : (n as CimLevel));

/**
 * The tenant's registry and ground as the scene, the exports and the model builder read them
 * (call inside the tenant's scope; RLS limits every read to it). Buildings without a surveyed
 * footprint stay in the 楼盘表 (CIM1) but are left out here, with their households, because
 * nothing can be drawn for them.
 */
export async function loadCommunityRegistry(tx: Executor, tenantId: string): Promise<CommunityRegistry> {
  const [tenant] = await tx.select({ slug: tenants.slug, nameZh: tenants.nameZh }).from(tenants).where(eq(tenants.id, tenantId));
  const [site] = await tx.select().from(cimSites).where(eq(cimSites.tenantId, tenantId));
  const [ver] = await tx.select().from(cimVersions).where(eq(cimVersions.tenantId, tenantId));

  const bRows = await tx.select().from(buildings).where(eq(buildings.tenantId, tenantId)).orderBy(asc(buildings.code));
  const drawn = bRows.filter((b) => Array.isArray(b.footprint) && b.footprint.length >= 3);
  const codeById = new Map(bRows.map((b) => [b.id, b.code]));
  const drawnIds = new Set(drawn.map((b) => b.id));

  const outBuildings: BuildingInput[] = drawn.map((b) => ({
    code: b.code,
    name: b.name,
    footprint: b.footprint as LngLat[],
    floorsAbove: b.floorsAbove,
    floorsBelow: b.floorsBelow,
    floorHeight: b.floorHeight,
    units: b.unitCount,
    use: b.use,
    ...(b.year !== null ? { year: b.year } : {}),
    ...(b.structure !== null ? { structure: b.structure } : {}),
    ...(Array.isArray(b.unitOutlines) && b.unitOutlines.length > 0 ? { unitOutlines: b.unitOutlines as LngLat[][] } : {}),
  }));

  const hRows = await tx
    .select({ buildingId: households.buildingId, unit: households.unit, floor: households.floor, room: households.room, area: households.area, use: households.use, state: households.state })
    .from(households)
    .where(eq(households.tenantId, tenantId))
    .orderBy(asc(households.buildingId), asc(households.unit), asc(households.floor), asc(households.room));
  const outHouseholds: HouseholdInput[] = [];
  for (const h of hRows) {
    if (!drawnIds.has(h.buildingId)) continue;
    outHouseholds.push({
      buildingCode: codeById.get(h.buildingId) as string,
      unit: h.unit,
      floor: h.floor,
      room: h.room,
      use: h.use,
      state: h.state,
      ...(h.area !== null ? { area: h.area } : {}),
    });
  }

  const facilities = await tx.select().from(cimFacilities).where(eq(cimFacilities.tenantId, tenantId)).orderBy(asc(cimFacilities.code));
  const roads = await tx.select().from(cimRoads).where(eq(cimRoads.tenantId, tenantId)).orderBy(asc(cimRoads.code));
  const parking = await tx.select().from(cimParking).where(eq(cimParking.tenantId, tenantId)).orderBy(asc(cimParking.code));

  const maxLevel: CimLevel = drawn.length === 0 ? 1 : outHouseholds.length > 0 ? 4 : 3;
  return {
    community: { code: site?.communityCode ?? (tenant?.slug ?? '').toUpperCase(), name: tenant?.nameZh ?? '', districtCode: site?.districtCode ?? '' },
    maxLevel,
    buildings: outBuildings,
    households: outHouseholds,
    site: {
      boundary: (site?.boundary as LngLat[] | null) ?? [],
      roads: roads.map((r) => ({ code: r.code, name: r.name, centerline: r.centerline as LngLat[], width: r.width })),
      parking: parking.map((p) => ({
        code: p.code,
        name: p.name,
        outline: p.outline as LngLat[],
        spaces: p.spaces,
        underground: p.underground,
        ...(p.buildingId !== null && codeById.has(p.buildingId) ? { buildingCode: codeById.get(p.buildingId) as string } : {}),
      })),
      facilities: facilities.map(
        (f): FacilityInput => ({
          code: f.code,
          kind: f.kind as FacilityKind,
          name: f.name,
          geometry: { type: f.geometryType, coordinates: f.coordinates } as SiteGeometry,
          level: level(f.cimLevel),
          ...(f.height !== null ? { height: f.height } : {}),
          ...(f.buildingId !== null && codeById.has(f.buildingId) ? { buildingCode: codeById.get(f.buildingId) as string } : {}),
        }),
      ),
    },
    // Counter bumped by statement triggers on every registry table (migration 0006); the time
    // keeps versions of a re-created database from colliding with old cached output.
    version: ver ? `${ver.version}-${ver.changedAt.getTime().toString(36)}` : '0',
  };
}
