import { addressCode, normalizeBuildingCode, normalizeSegment } from '../address';
import { snap, splitAlongLongAxis, type Slice } from '../geo/clip';
import { cleanRing, makeCcw, signedArea } from '../geo/polygon';
import { ringToLocal, type Origin } from '../geo/projection';
import type {
  BuildingInput,
  BuildingModel,
  CimLevel,
  CimModel,
  FloorModel,
  HouseholdInput,
  HouseholdModel,
  Prism,
  UnitModel,
  Vec2,
} from '../types';
import { CimInputError } from '../validate/problems';
import type { ModelNote } from './notes';
import { footprintsCentroid } from './origin';
import { stairCoreRing } from './stair';
import { unitOutlines } from './units';

export interface BuildModelInput {
  /** Model origin; defaults to the area-weighted centroid of all footprints. */
  origin?: Origin;
  level: CimLevel;
  community: { code: string; name: string; districtCode: string };
  buildings: BuildingInput[];
  households: HouseholdInput[];
}

export interface BuildModelResult {
  model: CimModel;
  notes: ModelNote[];
}

const collator = new Intl.Collator('en', { numeric: true });

/** z-range of a storey: floor 1 starts at 0, basement floor -1 ends at 0. */
export function floorRange(floor: number, floorHeight: number): { zMin: number; zMax: number } {
  return floor > 0
    ? { zMin: (floor - 1) * floorHeight, zMax: floor * floorHeight }
    : { zMin: floor * floorHeight, zMax: (floor + 1) * floorHeight };
}

/** Floors of a building from the lowest basement up; there is no floor 0. */
export function floorsOf(b: Pick<BuildingInput, 'floorsAbove' | 'floorsBelow'>): number[] {
  const out: number[] = [];
  for (let f = -b.floorsBelow; f <= b.floorsAbove; f++) if (f !== 0) out.push(f);
  return out;
}

function checkBuilding(b: BuildingInput): void {
  const bad = (field: string, zh: string, en: string): never => {
    throw new CimInputError('invalid_building', `楼栋 ${b.code}：${zh}`, `Building ${b.code}: ${en} (${field})`);
  };
  if (cleanRing(b.footprint).length < 3) bad('footprint', '轮廓少于 3 个不同的点', 'the footprint has fewer than 3 distinct points');
  if (!Number.isInteger(b.floorsAbove) || b.floorsAbove < 0) bad('floorsAbove', '地上层数无效', 'invalid floors above ground');
  if (!Number.isInteger(b.floorsBelow) || b.floorsBelow < 0) bad('floorsBelow', '地下层数无效', 'invalid floors below ground');
  if (!(Number.isFinite(b.floorHeight) && b.floorHeight > 0)) bad('floorHeight', '层高无效', 'invalid storey height');
  if (!Number.isInteger(b.units) || b.units < 1) bad('units', '单元数无效', 'invalid unit count');
}

/** Registry (楼盘表) → CIM model at the requested level (R4.1.2). */
export function buildModel(input: BuildModelInput): CimModel {
  return buildModelReport(input).model;
}

/**
 * Registry → model, with notes on what had to be approximated. Graded per R4.1.2:
 * CIM1 the registry with addresses (a prism is still computed so a map can draw it),
 * CIM2 the white model (footprint extruded to floorsAbove × floorHeight),
 * CIM3 units and floors with a stair core per unit, CIM4 adds households per floor.
 * Output is independent of input row order: buildings sorted by code, floors bottom-up,
 * households by room number.
 */
export function buildModelReport(input: BuildModelInput): BuildModelResult {
  const { level, community } = input;
  const notes: ModelNote[] = [];
  const keyed = new Map<string, BuildingInput>();
  for (const b of input.buildings) {
    checkBuilding(b);
    const key = normalizeBuildingCode(b.code);
    if (key === null) throw new CimInputError('bad_code', `楼栋编码“${b.code}”无效`, `Invalid building code "${b.code}"`);
    if (keyed.has(key)) throw new CimInputError('duplicate_building', `楼栋编码“${b.code}”重复`, `Duplicate building code "${b.code}"`);
    keyed.set(key, b);
  }
  if (input.origin === undefined && keyed.size === 0) {
    throw new CimInputError('no_origin', '没有楼栋时必须给出模型原点', 'A model origin is required when there are no buildings');
  }
  const sorted = [...keyed.entries()].sort(([a], [b]) => collator.compare(a, b));
  const origin = input.origin ?? footprintsCentroid(sorted.map(([, b]) => b.footprint));

  // building → unit → floor → households, for CIM4.
  const byBuilding = new Map<string, HouseholdInput[]>();
  if (level >= 4) {
    for (const h of input.households) {
      const key = normalizeBuildingCode(h.buildingCode);
      if (key === null || !keyed.has(key)) {
        notes.push({ code: 'household_skipped', building: h.buildingCode, unit: h.unit, floor: h.floor, room: h.room, zh: `房屋 ${h.room} 所属楼栋 ${h.buildingCode} 不存在，已跳过`, en: `Household ${h.room}: building ${h.buildingCode} does not exist; skipped` });
        continue;
      }
      const list = byBuilding.get(key) ?? [];
      list.push(h);
      byBuilding.set(key, list);
    }
  }

  const base = { districtCode: community.districtCode, communityCode: community.code };
  const buildings: BuildingModel[] = sorted.map(([key, b]) => {
    const raw = ringToLocal(origin, cleanRing(b.footprint)).map((p) => snap(p));
    const footprint = makeCcw(raw);
    if (signedArea(raw) < 0) {
      notes.push({ code: 'footprint_reversed', building: b.code, zh: '楼栋轮廓为顺时针，已反转为逆时针', en: 'The footprint was clockwise and has been reversed' });
    }
    const h = b.floorHeight;
    const prism: Prism = { base: footprint, zMin: 0, zMax: b.floorsAbove * h };
    const buildingParts = { ...base, buildingCode: b.code };
    const model: BuildingModel = {
      code: b.code,
      name: b.name,
      address: addressCode(buildingParts),
      use: b.use,
      floorsAbove: b.floorsAbove,
      floorsBelow: b.floorsBelow,
      floorHeight: h,
      prism,
      units: [],
    };
    if (level >= 3) model.units = buildUnits(b, footprint, origin, level, byBuilding.get(key) ?? [], buildingParts, notes);
    return model;
  });

  return {
    model: {
      origin: { lng: origin.lng, lat: origin.lat, height: origin.height ?? 0 },
      level,
      community: { code: community.code, name: community.name, districtCode: community.districtCode },
      buildings,
    },
    notes,
  };
}

function buildUnits(
  b: BuildingInput,
  footprint: Vec2[],
  origin: Origin,
  level: CimLevel,
  households: HouseholdInput[],
  parts: { districtCode: string; communityCode: string; buildingCode: string },
  notes: ModelNote[],
): UnitModel[] {
  const h = b.floorHeight;
  const floors = floorsOf(b);
  const outlines = unitOutlines(b, footprint, origin, notes);

  // unit → floor → households sorted by room number.
  const grouped = new Map<number, Map<number, HouseholdInput[]>>();
  for (const hh of households) {
    if (!Number.isInteger(hh.unit) || hh.unit < 1 || hh.unit > b.units || !floors.includes(hh.floor)) {
      notes.push({ code: 'household_skipped', building: b.code, unit: hh.unit, floor: hh.floor, room: hh.room, zh: `房屋 ${hh.room}：${hh.unit} 单元 ${hh.floor} 层不在楼栋中，已跳过`, en: `Household ${hh.room}: unit ${hh.unit}, floor ${hh.floor} is not in the building; skipped` });
      continue;
    }
    const byFloor = grouped.get(hh.unit) ?? new Map<number, HouseholdInput[]>();
    const list = byFloor.get(hh.floor) ?? [];
    list.push(hh);
    byFloor.set(hh.floor, list);
    grouped.set(hh.unit, byFloor);
  }

  return outlines.map((outline, i): UnitModel => {
    const unit = i + 1;
    const unitParts = { ...parts, unit };
    const stairRing = stairCoreRing(outline);
    if (stairRing === null) {
      notes.push({ code: 'stair_missing', building: b.code, unit, zh: `单元 ${unit} 太窄，无法放置楼梯间`, en: `Unit ${unit} is too narrow for a stair core` });
    }
    // Equal split depends only on the outline and the household count: compute once per count.
    const splits = new Map<number, Slice[]>();
    const floorModels = floors.map((floor): FloorModel => {
      const range = floorRange(floor, h);
      const fm: FloorModel = { floor, address: addressCode({ ...unitParts, floor }), block: { base: outline, ...range }, households: [] };
      if (level < 4) return fm;
      const rows = [...(grouped.get(unit)?.get(floor) ?? [])].sort((x, y) =>
        collator.compare(normalizeSegment(x.room) ?? x.room, normalizeSegment(y.room) ?? y.room),
      );
      if (rows.length === 0) return fm;
      let slices = splits.get(rows.length);
      if (slices === undefined) {
        slices = splitAlongLongAxis(outline, rows.length);
        splits.set(rows.length, slices);
        slices.forEach((s, k) => {
          if (s.droppedParts > 0) {
            notes.push({ code: 'household_split_multipart', building: b.code, unit, zh: `单元 ${unit} 轮廓为凹形，${rows.length} 户等分时第 ${k + 1} 户被切成多块，只保留最大一块`, en: `Unit ${unit} is concave: splitting into ${rows.length} households, household ${k + 1} came out in pieces; kept the largest` });
          }
        });
      }
      fm.households = rows.map((row, k): HouseholdModel => {
        const ring = slices[k]?.ring ?? [];
        if (ring.length === 0) {
          notes.push({ code: 'household_slice_empty', building: b.code, unit, floor, room: row.room, zh: `房屋 ${row.room} 未能分得几何`, en: `Household ${row.room} got no geometry` });
        }
        const hm: HouseholdModel = {
          room: row.room,
          address: addressCode({ ...unitParts, floor, room: row.room }),
          block: { base: ring, ...range },
          use: row.use,
          state: row.state,
        };
        if (row.area !== undefined) hm.area = row.area;
        return hm;
      });
      return fm;
    });
    return {
      unit,
      address: addressCode(unitParts),
      outline,
      floors: floorModels,
      stair: stairRing === null ? null : { base: stairRing, zMin: -b.floorsBelow * h, zMax: b.floorsAbove * h },
    };
  });
}
