import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { addressLabel } from '@linli/cim';
import type { Executor } from '../../client';
import { AppError, msg } from '../../errors';
import { buildings, cimFacilities, cimParking, cimRoads, cimSites, cimUnits, cimVersions, households } from '../../schema';
import { countRows, likePattern, offsetOf, type PageInput } from '../paging';

/** 楼盘表 overview: what the community's CIM base holds (counts per object class and level). */
export async function registrySummary(tx: Executor, tenantId: string) {
  const [site] = await tx.select().from(cimSites).where(eq(cimSites.tenantId, tenantId));
  const [ver] = await tx.select().from(cimVersions).where(eq(cimVersions.tenantId, tenantId));
  const [c] = await tx.execute<{ buildings: number; drawn: number; units: number; households: number; occupied: number; roads: number; parking: number; spaces: number }>(sql`
    select (select count(*)::int from buildings where tenant_id = ${tenantId}::uuid) as buildings,
           (select count(*)::int from buildings where tenant_id = ${tenantId}::uuid and footprint is not null) as drawn,
           (select count(*)::int from cim_units where tenant_id = ${tenantId}::uuid) as units,
           (select count(*)::int from households where tenant_id = ${tenantId}::uuid) as households,
           (select count(*)::int from households where tenant_id = ${tenantId}::uuid and state in ('occupied', 'rented')) as occupied,
           (select count(*)::int from cim_roads where tenant_id = ${tenantId}::uuid) as roads,
           (select count(*)::int from cim_parking where tenant_id = ${tenantId}::uuid) as parking,
           (select count(*)::int from cim_parking_spaces where tenant_id = ${tenantId}::uuid) as spaces`);
  const kinds = await tx
    .select({ kind: cimFacilities.kind, n: sql<number>`count(*)::int` })
    .from(cimFacilities)
    .where(eq(cimFacilities.tenantId, tenantId))
    .groupBy(cimFacilities.kind)
    .orderBy(asc(cimFacilities.kind));
  return {
    communityCode: site?.communityCode ?? null,
    districtCode: site?.districtCode ?? null,
    hasBoundary: Array.isArray(site?.boundary) && (site?.boundary?.length ?? 0) >= 3,
    counts: c ?? { buildings: 0, drawn: 0, units: 0, households: 0, occupied: 0, roads: 0, parking: 0, spaces: 0 },
    facilities: kinds,
    version: ver ? `${ver.version}-${ver.changedAt.getTime().toString(36)}` : '0',
    changedAt: ver?.changedAt ?? null,
  };
}

export interface RegistryListInput extends PageInput {
  search?: string;
  use?: string;
  level?: number;
}

/** Buildings of the 楼盘表 with search (name, code, address code), filters and pagination. */
export async function listRegistryBuildings(tx: Executor, tenantId: string, params: RegistryListInput) {
  const filters: SQL[] = [eq(buildings.tenantId, tenantId)];
  if (params.search) {
    const p = likePattern(params.search.trim());
    filters.push(or(ilike(buildings.name, p), ilike(buildings.code, p), ilike(buildings.addressCode, p)) as SQL);
  }
  if (params.use) filters.push(eq(buildings.use, params.use));
  if (params.level) filters.push(eq(buildings.cimLevel, params.level));
  const where = and(...filters);
  const items = await tx
    .select({
      id: buildings.id,
      code: buildings.code,
      name: buildings.name,
      addressCode: buildings.addressCode,
      floorsAbove: buildings.floorsAbove,
      floorsBelow: buildings.floorsBelow,
      floorHeight: buildings.floorHeight,
      units: buildings.unitCount,
      use: buildings.use,
      year: buildings.year,
      structure: buildings.structure,
      cimLevel: buildings.cimLevel,
      hasFootprint: sql<boolean>`"buildings"."footprint" is not null`,
      households: sql<number>`(select count(*)::int from households h where h.tenant_id = "buildings"."tenant_id" and h.building_id = "buildings"."id")`,
      occupied: sql<number>`(select count(*)::int from households h where h.tenant_id = "buildings"."tenant_id" and h.building_id = "buildings"."id" and h.state in ('occupied','rented'))`,
      devices: sql<number>`(select count(*)::int from devices d where d.tenant_id = "buildings"."tenant_id" and d.building_id = "buildings"."id")`,
    })
    .from(buildings)
    .where(where)
    .orderBy(asc(buildings.code))
    .limit(params.pageSize)
    .offset(offsetOf(params));
  const total = await countRows(tx, buildings, where);
  return { items, total, page: params.page, pageSize: params.pageSize };
}

/** One building: units (stairs, elevators) and every floor's households, for the 楼盘表 grid. */
export async function registryBuilding(tx: Executor, tenantId: string, code: string) {
  const [b] = await tx.select().from(buildings).where(and(eq(buildings.tenantId, tenantId), eq(buildings.code, code)));
  if (!b) throw new AppError('NOT_FOUND', msg(`楼栋 ${code} 不存在`, `Building ${code} does not exist`));
  const units = await tx
    .select({ unit: cimUnits.unit, addressCode: cimUnits.addressCode, stairs: cimUnits.stairs, elevators: cimUnits.elevators, cimLevel: cimUnits.cimLevel, hasOutline: sql<boolean>`"cim_units"."outline" is not null` })
    .from(cimUnits)
    .where(and(eq(cimUnits.tenantId, tenantId), eq(cimUnits.buildingId, b.id)))
    .orderBy(asc(cimUnits.unit));
  const hh = await tx
    .select({
      id: households.id,
      unit: households.unit,
      floor: households.floor,
      room: households.room,
      area: households.area,
      use: households.use,
      state: households.state,
      addressCode: households.addressCode,
      residents: sql<number>`(select count(*)::int from residents r where r.tenant_id = "households"."tenant_id" and r.household_id = "households"."id")`,
    })
    .from(households)
    .where(and(eq(households.tenantId, tenantId), eq(households.buildingId, b.id)))
    .orderBy(asc(households.unit), asc(households.floor), asc(households.room));
  const [dev] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from devices where tenant_id = ${tenantId}::uuid and building_id = ${b.id}::uuid`);
  const parking = await tx.select({ code: cimParking.code, name: cimParking.name, spaces: cimParking.spaces, underground: cimParking.underground }).from(cimParking).where(and(eq(cimParking.tenantId, tenantId), eq(cimParking.buildingId, b.id)));
  const facilities = await tx.select({ code: cimFacilities.code, kind: cimFacilities.kind, name: cimFacilities.name }).from(cimFacilities).where(and(eq(cimFacilities.tenantId, tenantId), eq(cimFacilities.buildingId, b.id)));
  return {
    building: {
      id: b.id,
      code: b.code,
      name: b.name,
      addressCode: b.addressCode,
      labelZh: addressLabel({ buildingName: b.name, buildingCode: b.code }, 'zh'),
      labelEn: addressLabel({ buildingName: b.name, buildingCode: b.code }, 'en'),
      floorsAbove: b.floorsAbove,
      floorsBelow: b.floorsBelow,
      floorHeight: b.floorHeight,
      units: b.unitCount,
      use: b.use,
      year: b.year,
      structure: b.structure,
      cimLevel: b.cimLevel,
      footprint: b.footprint,
      devices: dev?.n ?? 0,
    },
    units,
    households: hh,
    parking,
    facilities,
  };
}

export async function listRoads(tx: Executor, tenantId: string) {
  return tx.select({ code: cimRoads.code, name: cimRoads.name, width: cimRoads.width }).from(cimRoads).where(eq(cimRoads.tenantId, tenantId)).orderBy(asc(cimRoads.code));
}
