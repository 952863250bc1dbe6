import { PLANS } from '@linli/db';
import { deviceKind } from '@linli/iot';
import { CODE, DATE, Reader, SLUG, dupes, show } from './json-reader';
import type { BuildingRef, DeviceGroupRef, TenantRef } from './reference-types';

export function readTenant(problems: string[], file: string, folder: string, value: unknown): TenantRef | null {
  const r = Reader.root(problems, file, value);
  if (!r) return null;
  const buildings = r.list('buildings', { min: 1 }).map((b): BuildingRef => {
    const out = {
      code: b.str('code', CODE, 'letters and digits, e.g. B01'),
      name: b.str('name'),
      floorsAbove: b.int('floorsAbove', 1, 120),
      floorsBelow: b.int('floorsBelow', 0, 10),
      units: b.int('units', 1, 20),
      roomsPerFloorPerUnit: b.int('roomsPerFloorPerUnit', 1, 99),
      use: b.str('use', /^[a-z_]+$/, 'residential, commercial, ...'),
    };
    b.done();
    return out;
  });
  const subscriptionEndsAt = r.optStr('subscriptionEndsAt', DATE, 'YYYY-MM-DD') ?? null;
  const devices = r.has('devices') ? r.list('devices').map((d) => readDeviceGroup(d, buildings)) : [];
  const t: TenantRef = {
    slug: r.str('slug', SLUG, 'lower-case-slug'),
    nameZh: r.str('nameZh'),
    nameEn: r.str('nameEn'),
    district: r.str('district'),
    address: r.str('address'),
    lng: r.num('lng', 73, 136),
    lat: r.num('lat', 3, 54),
    plan: r.oneOf('plan', PLANS),
    maxBuildings: r.int('maxBuildings', 1, 10_000),
    maxDevices: r.int('maxDevices', 0, 1_000_000),
    maxUsers: r.int('maxUsers', 1, 100_000),
    subscriptionEndsAt,
    buildings,
    occupancy: r.num('occupancy', 0, 1),
    residentsPerHousehold: r.num('residentsPerHousehold', 1, 5),
    devices,
  };
  r.done();
  if (t.slug && t.slug !== folder) r.problem('slug', `must equal its folder name ${JSON.stringify(folder)} (got ${JSON.stringify(t.slug)})`);
  if (buildings.length > t.maxBuildings) r.problem('buildings', `has ${buildings.length} entries, more than maxBuildings (${t.maxBuildings})`);
  dupes(problems, file, 'building code', buildings.map((b) => b.code));
  return t;
}

function readDeviceGroup(d: Reader, buildings: BuildingRef[]): DeviceGroupRef {
  const kind = d.str('kind');
  if (kind && !deviceKind(kind)) d.problem('kind', `is not a device kind of the catalog (got ${show(kind)})`);
  const out: DeviceGroupRef = { kind };
  if (d.has('count')) out.count = d.int('count', 1, 1000);
  if (d.has('perBuilding')) out.perBuilding = d.int('perBuilding', 1, 20);
  if ((out.count === undefined) === (out.perBuilding === undefined)) d.problem('count', 'or perBuilding must be given (exactly one of them)');
  const zone = d.optStr('zone', /^[a-z][a-z0-9_]*$/, 'lower_case, e.g. fire_lane');
  if (zone) out.zone = zone;
  const building = d.optStr('building');
  if (building) {
    out.building = building;
    if (out.perBuilding !== undefined) d.problem('building', 'goes with count, not perBuilding');
    if (!buildings.some((b) => b.code === building)) d.problem('building', `is not a building code of this tenant (got ${show(building)})`);
  }
  d.done();
  return out;
}
