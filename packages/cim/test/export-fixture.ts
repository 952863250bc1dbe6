import type { BuildingModel, CimModel, FloorModel, HouseholdModel, Prism, UnitModel, Vec2 } from '../src/types';

/**
 * A hand-built community (the export tests don't depend on buildModel): origin in Guangzhou,
 * 0.74° west of the CGCS2000 3-degree zone meridian 114°E.
 *   B01  rotated slab, 2 units, 1 basement + 6 floors, 2 households per unit-floor
 *   B02  L-shaped (non-convex), 1 unit, 4 floors, 1 household per floor
 *   B03  CIM2 white model only (no units)
 */
export const ORIGIN = { lng: 113.2644, lat: 23.1291, height: 12 };
export const DISTRICT = '440104';
export const COMMUNITY = 'HSY';
const FH = 3;

const code = (b: string, unit?: number, floor?: number, room?: string): string => {
  let s = `${DISTRICT}-${COMMUNITY}-B${b}`;
  if (unit !== undefined) s += `-U${String(unit).padStart(2, '0')}`;
  if (floor !== undefined) s += `-F${floor > 0 ? String(floor).padStart(3, '0') : `B${String(-floor).padStart(2, '0')}`}`;
  if (room !== undefined) s += `-R${room}`;
  return s;
};

const range = (floor: number) =>
  floor > 0 ? { zMin: (floor - 1) * FH, zMax: floor * FH } : { zMin: floor * FH, zMax: (floor + 1) * FH };

/** Rectangle [u0,u1]×[-w/2,w/2] in a frame at `c` rotated by `deg`, counter-clockwise. */
function rect(c: Vec2, deg: number, u0: number, u1: number, w: number): Vec2[] {
  const a = (deg * Math.PI) / 180;
  const p = (u: number, v: number): Vec2 => [c[0] + u * Math.cos(a) - v * Math.sin(a), c[1] + u * Math.sin(a) + v * Math.cos(a)];
  return [p(u0, -w / 2), p(u1, -w / 2), p(u1, w / 2), p(u0, w / 2)];
}

const floorsOf = (above: number, below: number) => {
  const out: number[] = [];
  for (let f = -below; f <= above; f++) if (f !== 0) out.push(f);
  return out;
};

function slab(b: string, c: Vec2, deg: number, length: number, width: number, units: number, above: number, below: number, perFloor: number): BuildingModel {
  const unitModels: UnitModel[] = [];
  const ul = length / units;
  for (let u = 1; u <= units; u++) {
    const u0 = -length / 2 + (u - 1) * ul;
    const outline = rect(c, deg, u0, u0 + ul, width);
    const floors: FloorModel[] = floorsOf(above, below).map((f) => {
      const households: HouseholdModel[] = [];
      for (let k = 0; k < perFloor; k++) {
        const hl = ul / perFloor;
        const room = `${f > 0 ? f : `B${-f}`}${String((u - 1) * perFloor + k + 1).padStart(2, '0')}`;
        households.push({
          room,
          address: code(b, u, f, room),
          block: { base: rect(c, deg, u0 + k * hl, u0 + (k + 1) * hl, width), ...range(f) },
          use: f > 0 ? 'residential' : 'storage',
          state: (['self', 'rented', 'vacant'] as const)[(u + f + k) % 3]!,
          ...(k === 0 ? { area: 89.5 } : {}),
        });
      }
      return { floor: f, address: code(b, u, f), block: { base: outline, ...range(f) }, households };
    });
    unitModels.push({ unit: u, address: code(b, u), outline, floors, stair: null });
  }
  return {
    code: b,
    name: `${Number(b)}号楼`,
    address: code(b),
    use: 'residential',
    floorsAbove: above,
    floorsBelow: below,
    floorHeight: FH,
    prism: { base: rect(c, deg, -length / 2, length / 2, width), zMin: -below * FH, zMax: above * FH },
    units: unitModels,
  };
}

const L: Vec2[] = [
  [40, -30],
  [70, -30],
  [70, -18],
  [52, -18],
  [52, 5],
  [40, 5],
];

function lShape(): BuildingModel {
  const floors: FloorModel[] = floorsOf(4, 0).map((f) => {
    const block: Prism = { base: L, ...range(f) };
    const room = `${f}01`;
    return {
      floor: f,
      address: code('02', 1, f),
      block,
      households: [{ room, address: code('02', 1, f, room), block, use: 'commercial', state: 'rented', area: 500 }],
    };
  });
  return {
    code: '02',
    name: '2号楼',
    address: code('02'),
    use: 'commercial',
    floorsAbove: 4,
    floorsBelow: 0,
    floorHeight: FH,
    prism: { base: L, zMin: 0, zMax: 4 * FH },
    units: [{ unit: 1, address: code('02', 1), outline: L, floors, stair: null }],
  };
}

const white: BuildingModel = {
  code: '03',
  name: '3号楼',
  address: code('03'),
  use: 'public',
  floorsAbove: 3,
  floorsBelow: 0,
  floorHeight: 3.6,
  prism: { base: rect([-10, 60], 0, -9, 9, 15), zMin: 0, zMax: 10.8 },
  units: [],
};

export function fixtureModel(): CimModel {
  return {
    origin: { ...ORIGIN },
    level: 4,
    community: { code: COMMUNITY, name: '海珠花园', districtCode: DISTRICT },
    buildings: [slab('01', [-40, -10], 20, 48, 12, 2, 6, 1, 2), lShape(), white],
  };
}

/** `n` × `n` grid of small blocks (CIM2), for tiling tests. */
export function gridModel(n: number): CimModel {
  const buildings: BuildingModel[] = [];
  for (let i = 0; i < n * n; i++) {
    const c: Vec2 = [(i % n) * 40 - n * 20, Math.floor(i / n) * 30 - n * 15];
    const b = String(i + 10);
    buildings.push({
      code: b,
      name: `${b}号楼`,
      address: code(b),
      use: i % 2 ? 'residential' : 'commercial',
      floorsAbove: 5 + (i % 7),
      floorsBelow: 0,
      floorHeight: 3,
      prism: { base: rect(c, (i * 13) % 90, -12, 12, 10), zMin: 0, zMax: 3 * (5 + (i % 7)) },
      units: [],
    });
  }
  return { origin: { ...ORIGIN }, level: 2, community: { code: COMMUNITY, name: '网格', districtCode: DISTRICT }, buildings };
}
