import { rectRing } from '../src/geo/polygon';
import { toLngLat } from '../src/geo/projection';
import type { BuildingInput, HouseholdInput, LngLat, Vec2 } from '../src/types';

export const SITE = { lng: 121.4737, lat: 31.2304 };
export const COMMUNITY = { code: 'FSXY', name: '枫树小苑', districtCode: '310117' };

export const toWgs = (ring: Vec2[]): LngLat[] => ring.map((p) => toLngLat(SITE, p));

export function building(code: string, ring: Vec2[], over: Partial<BuildingInput> = {}): BuildingInput {
  return {
    code,
    name: `${code}号楼`,
    footprint: toWgs(ring),
    floorsAbove: 18,
    floorsBelow: 0,
    floorHeight: 3,
    units: 2,
    use: 'residential',
    ...over,
  };
}

/** A slab: `length` × `width` metres at `center`, long side at `angleDeg`. */
export const slab = (center: Vec2, length: number, width: number, angleDeg = 0): Vec2[] =>
  rectRing(center, (angleDeg * Math.PI) / 180, length, width);

export function households(b: BuildingInput, perFloor: number, floors?: number[]): HouseholdInput[] {
  const out: HouseholdInput[] = [];
  const fl = floors ?? Array.from({ length: b.floorsAbove }, (_, i) => i + 1);
  for (let unit = 1; unit <= b.units; unit++) {
    for (const floor of fl) {
      for (let k = 1; k <= perFloor; k++) {
        const room = floor > 0 ? `${floor}${String((unit - 1) * perFloor + k).padStart(2, '0')}` : `B${-floor}${String((unit - 1) * perFloor + k).padStart(2, '0')}`;
        out.push({ buildingCode: b.code, unit, floor, room, use: 'residential', state: 'occupied', area: 89.5 });
      }
    }
  }
  return out;
}

/** 16 slabs on a 4×4 grid, `units` units, `floors` floors, `perFloor` households per unit-floor. */
export function community(units = 2, floors = 20, perFloor = 4): { buildings: BuildingInput[]; households: HouseholdInput[] } {
  const buildings: BuildingInput[] = [];
  for (let i = 0; i < 16; i++) {
    const c: Vec2 = [(i % 4) * 70 - 105, Math.floor(i / 4) * 50 - 75];
    buildings.push(building(String(i + 1), slab(c, 30 * units, 13, (i % 3) * 7), { units, floorsAbove: floors }));
  }
  return { buildings, households: buildings.flatMap((b) => households(b, perFloor)) };
}
