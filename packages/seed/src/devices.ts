import { randomUUID } from 'node:crypto';
import { devices, hashDeviceSecret, type Executor } from '@linli/db';
import { deviceKind } from '@linli/iot';
import { demoDeviceSecret } from './devices-secret';
import { createRng } from './prng';
import { pointInPolygon, toLngLat, toLocal, type LngLat, type Vec2 } from '@linli/cim';
import type { BuildingRef, TenantRef } from './reference';
import { footprintOf, type SiteGeometryRef } from './registry';

export { demoDeviceSecret } from './devices-secret';

/** Code prefix per kind: SL-001, SMK-B03-1, … */
export const DEVICE_CODE_PREFIX: Record<string, string> = {
  water_quality: 'WQ',
  water_flow: 'WF',
  water_pressure: 'WP',
  tank_level: 'TL',
  power_meter: 'PM',
  gas_detector: 'GD',
  gas_valve: 'GV',
  street_light: 'SL',
  smoke_detector: 'SMK',
  fire_panel: 'FP',
  trash_bin: 'TB',
  environment: 'ENV',
  meter_electricity: 'EM',
  meter_water: 'WM',
  meter_gas: 'GM',
  meter_heat: 'HM',
  access_gate: 'AG',
  intercom: 'IC',
  parking_barrier: 'PB',
  camera_ai: 'CAM',
  perimeter: 'PER',
  patrol_point: 'PP',
  broadcast_zone: 'BC',
  info_screen: 'SCR',
};

const ZONE_ZH: Record<string, string> = {
  roads: '道路',
  fire_lane: '消防通道',
  gate: '出入口',
  garage: '地库',
  community: '全小区',
  perimeter: '周界',
  plant: '设备房',
  sanitation: '垃圾分类点',
  patrol: '巡更',
  garden: '园区',
};

/** Kinds that live in a building's plant or meter room (a basement when there is one). */
const BASEMENT = new Set(['meter_electricity', 'meter_water', 'meter_gas', 'meter_heat', 'power_meter', 'gas_valve', 'gas_detector', 'tank_level', 'water_pressure', 'water_flow', 'water_quality', 'fire_panel']);

export interface PlannedDevice {
  code: string;
  kind: string;
  name: string;
  buildingCode: string | null;
  floor: number | null;
  zone: string | null;
  lng: number;
  lat: number;
}

const M_PER_DEG_LAT = 111_320;

/** Offsets a point by metres east/north. */
function offset(lng: number, lat: number, east: number, north: number): { lng: number; lat: number } {
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return { lng: round(lng + east / (M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180))), lat: round(lat + north / M_PER_DEG_LAT) };
}

/** A deterministic point within `radius` metres (uniform over the disc). */
function scatter(rng: ReturnType<typeof createRng>, radius: number): { east: number; north: number } {
  const r = radius * Math.sqrt(rng.next());
  const a = rng.next() * 2 * Math.PI;
  return { east: r * Math.cos(a), north: r * Math.sin(a) };
}

function floorFor(kind: string, b: BuildingRef, index: number, of: number): number {
  if (BASEMENT.has(kind)) return b.floorsBelow > 0 ? -1 : 1;
  if (kind === 'smoke_detector') return 1 + Math.floor(((index - 1) * b.floorsAbove) / of);
  return 1;
}

/**
 * Expands a tenant's `devices` section into concrete devices with codes, names and positions:
 * deterministic (same plan on every run), so re-seeding finds the same codes.
 */
export function planDevices(tenant: TenantRef, geometry?: SiteGeometryRef | null): PlannedDevice[] {
  const rng = createRng(`linli/devices/${tenant.slug}`);
  if (geometry) return planOnSite(tenant, geometry, rng);
  // Buildings sit 60–230 m from the community's point, in a stable layout.
  const layout = new Map(
    tenant.buildings.map((b) => {
      const h = createRng(`linli/building/${tenant.slug}/${b.code}`);
      const r = 60 + h.next() * 170;
      const a = h.next() * 2 * Math.PI;
      return [b.code, { east: r * Math.cos(a), north: r * Math.sin(a) }];
    }),
  );
  const at = (base: { east: number; north: number }, jitter: number) => {
    const j = scatter(rng, jitter);
    return offset(tenant.lng, tenant.lat, base.east + j.east, base.north + j.north);
  };
  return expandGroups(tenant, {
    inBuilding: (b) => at(layout.get(b.code)!, 15),
    loose: (kind, count) => {
      // Street lights line the ring road and perimeter sensors the fence; the rest are scattered.
      const ring = kind === 'street_light' ? 210 : kind === 'perimeter' ? 290 : 0;
      return (i) =>
        ring ? at({ east: ring * Math.cos((2 * Math.PI * i) / count), north: ring * Math.sin((2 * Math.PI * i) / count) }, 6) : at(scatter(rng, 280), 10);
    },
  });
}

type Position = { lng: number; lat: number };

/** Where a planner puts devices; called in plan order, since positions draw from one seeded rng. */
interface Placement {
  inBuilding(b: BuildingRef): Position;
  /** The place of the i-th of a group's `count` devices tied to no building. */
  loose(kind: string, count: number): (i: number) => Position;
}

/** The tenant's device groups as devices with codes, names and floors; `place` gives positions. */
function expandGroups(tenant: TenantRef, place: Placement): PlannedDevice[] {
  const counters = new Map<string, number>();
  const out: PlannedDevice[] = [];
  for (const group of tenant.devices) {
    const def = deviceKind(group.kind);
    const prefix = DEVICE_CODE_PREFIX[group.kind];
    if (!def || !prefix) throw new Error(`seed: unknown device kind ${group.kind} in ${tenant.slug}`);
    const zone = group.zone ?? null;
    const zoneZh = zone ? (ZONE_ZH[zone] ?? '') : '';
    if (group.perBuilding !== undefined) {
      for (const b of tenant.buildings) {
        for (let i = 1; i <= group.perBuilding; i++) {
          out.push({
            code: `${prefix}-${b.code}-${i}`,
            kind: group.kind,
            name: `${b.name}${def.nameZh}${group.perBuilding > 1 ? ` ${i}` : ''}`,
            buildingCode: b.code,
            floor: floorFor(group.kind, b, i, group.perBuilding),
            zone,
            ...place.inBuilding(b),
          });
        }
      }
      continue;
    }
    const count = group.count ?? 0;
    const building = group.building ? tenant.buildings.find((b) => b.code === group.building) : undefined;
    const loose = building ? null : place.loose(group.kind, count);
    for (let i = 0; i < count; i++) {
      const n = (counters.get(group.kind) ?? 0) + 1;
      counters.set(group.kind, n);
      out.push({
        code: `${prefix}-${String(n).padStart(3, '0')}`,
        kind: group.kind,
        name: `${building ? building.name : zoneZh}${def.nameZh} ${n}`,
        buildingCode: building?.code ?? null,
        floor: building ? floorFor(group.kind, building, 1, 1) : null,
        zone,
        ...(building ? place.inBuilding(building) : loose!(i)),
      });
    }
  }
  return out;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** `count` points evenly spaced (by length) along several polylines taken together, never between them. */
function along(lines: Vec2[][], count: number): Vec2[] {
  const segs: [Vec2, Vec2, number][] = [];
  for (const line of lines) {
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1] as Vec2;
      const b = line[i] as Vec2;
      segs.push([a, b, Math.hypot(b[0] - a[0], b[1] - a[1])]);
    }
  }
  const total = segs.reduce((n, s) => n + s[2], 0);
  const out: Vec2[] = [];
  for (let k = 0; k < count && total > 0; k++) {
    let d = ((k + 0.5) * total) / count;
    let i = 0;
    while (i < segs.length - 1 && d > (segs[i] as [Vec2, Vec2, number])[2]) d -= (segs[i++] as [Vec2, Vec2, number])[2];
    const [a, b, len] = segs[i] as [Vec2, Vec2, number];
    const t = len === 0 ? 0 : Math.min(1, d / len);
    out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
  }
  return out;
}

/**
 * Device positions on the surveyed site (registry footprints and ground): building devices
 * inside their footprint, street lights along the roads, perimeter sensors on the boundary,
 * everything else in the grounds between the buildings.
 */
function planOnSite(tenant: TenantRef, g: SiteGeometryRef, rng: ReturnType<typeof createRng>): PlannedDevice[] {
  const origin = { lng: tenant.lng, lat: tenant.lat };
  const local = (ring: LngLat[]): Vec2[] => ring.map((p) => toLocal(origin, p));
  const geo = (p: Vec2) => {
    const [lng, lat] = toLngLat(origin, p);
    return { lng: round6(lng), lat: round6(lat) };
  };
  const rings = new Map(tenant.buildings.map((b) => [b.code, footprintOf(g, b.code)]).filter((e): e is [string, LngLat[]] => e[1] !== undefined).map(([c, r]) => [c, local(r)]));
  const boundary = g.boundary.length >= 3 ? local(g.boundary) : null;
  const inBuilding = (code: string): Vec2 => {
    const ring = rings.get(code);
    if (!ring) return [0, 0];
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    for (let i = 0; i < 30; i++) {
      const p: Vec2 = [x0 + (0.15 + 0.7 * rng.next()) * (x1 - x0), y0 + (0.15 + 0.7 * rng.next()) * (y1 - y0)];
      if (pointInPolygon(p, ring, false)) return p;
    }
    return [(x0 + x1) / 2, (y0 + y1) / 2];
  };
  const inGrounds = (): Vec2 => {
    const frame = boundary ?? [[-250, -250], [250, -250], [250, 250], [-250, 250]] as Vec2[];
    const xs = frame.map((p) => p[0]);
    const ys = frame.map((p) => p[1]);
    for (let i = 0; i < 60; i++) {
      const p: Vec2 = [Math.min(...xs) + rng.next() * (Math.max(...xs) - Math.min(...xs)), Math.min(...ys) + rng.next() * (Math.max(...ys) - Math.min(...ys))];
      if (boundary && !pointInPolygon(p, boundary, false)) continue;
      if ([...rings.values()].some((r) => pointInPolygon(p, r, true))) continue;
      return p;
    }
    return [0, 0];
  };
  const roadLines = g.roads.map(local);
  return expandGroups(tenant, {
    inBuilding: (b) => geo(inBuilding(b.code)),
    loose: (kind, count) => {
      const line =
        kind === 'street_light' && roadLines.length > 0 ? along(roadLines, count) : kind === 'perimeter' && boundary ? along([[...boundary, boundary[0] as Vec2]], count) : null;
      return (i) => geo(line ? (line[i] as Vec2) : inGrounds());
    },
  });
}

/**
 * Inserts the tenant's demo devices (inside its scoped transaction), idempotent by (tenant,
 * code). Each secret is derived from the device id with the local devsim key; only its hash is
 * stored, so nothing secret is written and the simulator can connect without a secrets file.
 */
export async function seedTenantDevices(
  tx: Executor,
  params: { tenant: TenantRef; tenantId: string; devsimKey: string; buildingIds: Map<string, string>; geometry?: SiteGeometryRef | null },
): Promise<number> {
  const planned = planDevices(params.tenant, params.geometry);
  if (planned.length === 0) return 0;
  const rows = planned.map((d) => {
    const id = randomUUID();
    return {
      id,
      tenantId: params.tenantId,
      code: d.code,
      kind: d.kind,
      name: d.name,
      buildingId: d.buildingCode ? (params.buildingIds.get(d.buildingCode) ?? null) : null,
      floor: d.floor,
      lng: d.lng,
      lat: d.lat,
      zone: d.zone,
      secretHash: hashDeviceSecret(demoDeviceSecret(params.devsimKey, id)),
    };
  });
  const inserted = await tx.insert(devices).values(rows).onConflictDoNothing({ target: [devices.tenantId, devices.code] }).returning({ id: devices.id });
  return inserted.length;
}

