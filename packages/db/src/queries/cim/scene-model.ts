import {
  addressLabel,
  normalizeAddressQuery,
  normalizeBuildingCode,
  toLngLat,
  type CimLevel,
  type CimModel,
  type CommunityRegistry,
  type LngLat,
  type Prism,
} from '@linli/cim';

/** Pure helpers of the scene (no I/O): building summaries and address search over a model. */

export interface SceneBuilding {
  code: string;
  name: string;
  address: string;
  use: string;
  footprint: LngLat[];
  /** Centre of the footprint, for markers and labels. */
  lng: number;
  lat: number;
  floorsAbove: number;
  floorsBelow: number;
  floorHeight: number;
  units: number;
  height: number;
  households: number;
  /** Households by state (occupied, rented, vacant, unknown, …). */
  states: Record<string, number>;
  /** Occupied or rented (the same rule as the console's occupancy). */
  occupied: number;
}

export const OCCUPIED_STATES = new Set(['occupied', 'rented']);

export function sceneBuildings(registry: CommunityRegistry, model: CimModel): SceneBuilding[] {
  const addresses = new Map(model.buildings.map((b) => [b.code, b.address]));
  const byCode = new Map<string, { n: number; states: Record<string, number>; occupied: number }>();
  for (const h of registry.households) {
    const key = normalizeBuildingCode(h.buildingCode) ?? h.buildingCode;
    const s = byCode.get(key) ?? { n: 0, states: {}, occupied: 0 };
    s.n++;
    s.states[h.state] = (s.states[h.state] ?? 0) + 1;
    if (OCCUPIED_STATES.has(h.state)) s.occupied++;
    byCode.set(key, s);
  }
  return registry.buildings.map((b) => {
    const s = byCode.get(normalizeBuildingCode(b.code) ?? b.code) ?? { n: 0, states: {}, occupied: 0 };
    const ring = b.footprint.length > 1 && sameLngLat(b.footprint[0]!, b.footprint[b.footprint.length - 1]!) ? b.footprint.slice(0, -1) : b.footprint;
    const lng = ring.reduce((a, p) => a + p[0], 0) / Math.max(ring.length, 1);
    const lat = ring.reduce((a, p) => a + p[1], 0) / Math.max(ring.length, 1);
    return {
      code: b.code,
      name: b.name,
      address: addresses.get(b.code) ?? '',
      use: b.use,
      footprint: b.footprint,
      lng,
      lat,
      floorsAbove: b.floorsAbove,
      floorsBelow: b.floorsBelow,
      floorHeight: b.floorHeight,
      units: b.units,
      height: b.floorsAbove * b.floorHeight,
      households: s.n,
      states: s.states,
      occupied: s.occupied,
    };
  });
}

function sameLngLat(a: LngLat, b: LngLat) {
  return a[0] === b[0] && a[1] === b[1];
}

/** The level actually drawn: the requested one, capped by what the registry supports. */
export function sceneLevel(registry: Pick<CommunityRegistry, 'maxLevel'>, requested?: number): CimLevel {
  const max = registry.maxLevel;
  if (requested === undefined) return max;
  return Math.max(1, Math.min(max, Math.round(requested))) as CimLevel;
}

export interface SceneHit {
  address: string;
  kind: 'building' | 'unit' | 'floor' | 'household';
  labelZh: string;
  labelEn: string;
  buildingCode: string;
  lng: number;
  lat: number;
  /** Metres above the model origin: the middle of the block, where the camera should look. */
  height: number;
  /** Top of the block (a camera must stay above it). */
  top: number;
}

function centre(model: CimModel, p: Prism): { lng: number; lat: number; height: number; top: number } {
  const n = Math.max(p.base.length, 1);
  const x = p.base.reduce((s, v) => s + v[0], 0) / n;
  const y = p.base.reduce((s, v) => s + v[1], 0) / n;
  const [lng, lat] = toLngLat(model.origin, [x, y]);
  return { lng, lat, height: model.origin.height + (p.zMin + p.zMax) / 2, top: model.origin.height + p.zMax };
}

/** Every addressable block of the model (buildings; units, floors at CIM3+; households at CIM4). */
export function* sceneAddresses(model: CimModel): Generator<SceneHit> {
  for (const b of model.buildings) {
    const base = { buildingName: b.name, buildingCode: b.code };
    yield { address: b.address, kind: 'building', labelZh: addressLabel(base, 'zh'), labelEn: addressLabel(base, 'en'), buildingCode: b.code, ...centre(model, b.prism) };
    for (const u of b.units) {
      const unitPrism: Prism = { base: u.outline, zMin: b.prism.zMin, zMax: b.prism.zMax };
      const up = { ...base, unit: u.unit };
      yield { address: u.address, kind: 'unit', labelZh: addressLabel(up, 'zh'), labelEn: addressLabel(up, 'en'), buildingCode: b.code, ...centre(model, unitPrism) };
      for (const f of u.floors) {
        const fp = { ...up, floor: f.floor };
        yield { address: f.address, kind: 'floor', labelZh: addressLabel(fp, 'zh'), labelEn: addressLabel(fp, 'en'), buildingCode: b.code, ...centre(model, f.block) };
        for (const h of f.households) {
          const hp = { ...fp, room: h.room };
          yield { address: h.address, kind: 'household', labelZh: addressLabel(hp, 'zh'), labelEn: addressLabel(hp, 'en'), buildingCode: b.code, ...centre(model, h.block) };
        }
      }
    }
  }
}

const KIND_RANK: Record<SceneHit['kind'], number> = { building: 0, unit: 1, floor: 2, household: 3 };

/**
 * Address search over the model: by address code (any part, case-insensitive) or by label,
 * normalised the same way as the registry's address search ("3栋1单元1203" finds
 * "3号楼 1单元 12层 1203室"). Exact code first, then coarser blocks first.
 */
export function searchModel(model: CimModel, query: string, limit = 20): SceneHit[] {
  const q = query.trim();
  if (!q) return [];
  const code = q.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
  // Short digit runs ("101") would match inside every code's district part: only text that looks
  // like (part of) an address code is matched against codes.
  const codeLike = /-/.test(code) || /[A-Z]/.test(code) || /^\d{6}/.test(code);
  const norm = normalizeAddressQuery(q);
  const hits: { hit: SceneHit; score: number }[] = [];
  for (const hit of sceneAddresses(model)) {
    let score: number | null = null;
    if (hit.address === code) score = 0;
    else if (codeLike && hit.address.includes(code)) score = 10 + KIND_RANK[hit.kind];
    else {
      // Labels drop the floor ("3号楼 1单元 1203室") as people write it.
      const zh = normalizeAddressQuery(hit.labelZh);
      const zhNoFloor = normalizeAddressQuery(hit.labelZh.replace(/\s(地下)?\d+层/, ''));
      if (zh.includes(norm) || zhNoFloor.includes(norm) || hit.labelEn.toLowerCase().includes(q.toLowerCase())) score = 20 + KIND_RANK[hit.kind];
    }
    if (score !== null) hits.push({ hit, score });
  }
  hits.sort((a, b) => a.score - b.score || a.hit.address.localeCompare(b.hit.address, 'en', { numeric: true }));
  return hits.slice(0, limit).map((h) => h.hit);
}
