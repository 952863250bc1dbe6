/**
 * A large synthetic district for benchmarks and load tests (issue #5): by default 100
 * communities × 20 buildings × 100 households = 2,000 buildings and 200,000 households, laid
 * out on a 10 × 10 grid of estates 500 m apart. Pure and deterministic (same options → same
 * registry), in the import's own shapes so it can go through the same validation and commit.
 */
import { toLngLat } from '../geo/projection';
import type { HouseholdInput, LngLat } from '../types';
import type { ImportBuilding } from '../import/rows';

export interface SyntheticOptions {
  communities?: number;
  buildingsPerCommunity?: number;
  /** WGS84 point of the district's south-west estate. */
  origin?: { lng: number; lat: number };
  districtCode?: string;
  seed?: number;
}

export interface SyntheticCommunity {
  code: string;
  name: string;
  districtCode: string;
  center: LngLat;
  boundary: LngLat[];
  buildings: ImportBuilding[];
  households: HouseholdInput[];
}

/** Building shapes with exactly 100 households each: floors × units × flats per floor per unit. */
const SHAPES = [
  { floors: 25, units: 2, flats: 2, below: 2, use: 'residential' },
  { floors: 10, units: 5, flats: 2, below: 1, use: 'residential' },
  { floors: 20, units: 1, flats: 5, below: 2, use: 'residential' },
  { floors: 5, units: 4, flats: 5, below: 0, use: 'residential' },
] as const;

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATES = ['occupied', 'occupied', 'occupied', 'occupied', 'occupied', 'occupied', 'rented', 'rented', 'vacant', 'unknown'] as const;

export function syntheticDistrict(options: SyntheticOptions = {}): SyntheticCommunity[] {
  const n = options.communities ?? 100;
  const per = options.buildingsPerCommunity ?? 20;
  const origin = options.origin ?? { lng: 121.2, lat: 31.0 };
  const districtCode = options.districtCode ?? '310117';
  const rnd = mulberry(options.seed ?? 2026);
  const side = Math.ceil(Math.sqrt(n));
  const out: SyntheticCommunity[] = [];
  for (let c = 0; c < n; c++) {
    const cx = (c % side) * 500;
    const cy = Math.floor(c / side) * 500;
    const at = (x: number, y: number): LngLat => {
      const [lng, lat] = toLngLat(origin, [cx + x, cy + y]);
      return [Math.round(lng * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
    };
    const buildings: ImportBuilding[] = [];
    const households: HouseholdInput[] = [];
    const cols = 5;
    for (let b = 0; b < per; b++) {
      const shape = SHAPES[(c + b) % SHAPES.length] as (typeof SHAPES)[number];
      const code = `B${String(b + 1).padStart(2, '0')}`;
      const w = shape.units * (shape.flats > 2 ? 14 : 12);
      const d = shape.flats > 2 ? 16 : 12;
      const x = (b % cols) * 80 - 160;
      const y = Math.floor(b / cols) * 45 - 70;
      buildings.push({
        code,
        name: `${b + 1}号楼`,
        footprint: [at(x - w / 2, y - d / 2), at(x + w / 2, y - d / 2), at(x + w / 2, y + d / 2), at(x - w / 2, y + d / 2)],
        floorsAbove: shape.floors,
        floorsBelow: shape.below,
        floorHeight: 3,
        units: shape.units,
        use: shape.use,
        year: 1995 + Math.floor(rnd() * 28),
        structure: shape.floors > 11 ? '钢筋混凝土剪力墙' : '砖混',
        stairs: shape.floors > 11 ? 2 : 1,
        elevators: shape.floors > 11 ? 2 : shape.floors > 6 ? 1 : 0,
      });
      for (let u = 1; u <= shape.units; u++) {
        const area = 60 + Math.round(rnd() * 800) / 10;
        for (let f = 1; f <= shape.floors; f++) {
          for (let k = 1; k <= shape.flats; k++) {
            households.push({ buildingCode: code, unit: u, floor: f, room: `${f}${String(k).padStart(2, '0')}`, area, use: 'residential', state: STATES[Math.floor(rnd() * STATES.length)] as string });
          }
        }
      }
    }
    out.push({
      code: `SC${String(c + 1).padStart(3, '0')}`,
      name: `合成社区${c + 1}`,
      districtCode,
      center: at(0, 0),
      boundary: [at(-220, -110), at(220, -110), at(220, 140), at(-220, 140)],
      buildings,
      households,
    });
  }
  return out;
}
