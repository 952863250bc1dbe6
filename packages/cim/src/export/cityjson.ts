import type { BuildingModel, CimModel, Prism, Vec3 } from '../types';
import { addressCode } from '../address';
import { crsMapper, type ExportCrs } from './crs';
import { prismFaces } from './prism';

/**
 * CityJSON 2.0 with LoD1 solids. Object types follow CityGML 3.0 semantics, not the Chinese
 * words' English false friends:
 *   楼栋 building  → Building
 *   单元 (stair-core section with its own entrance) → BuildingPart (a vertical physical part)
 *   楼层 floor of a 单元 → BuildingStorey (parent: the BuildingPart)
 *   户 household/apartment → BuildingUnit (CityGML 3.0: a subdivision "separately sold, rented
 *     out, managed"; parent: the BuildingPart, its storey named in `storey_id`)
 * Every parent here is a Building or BuildingPart, the parents CityJSON 2.0 names for
 * subdivisions. The community becomes a CityObjectGroup of its buildings.
 */
export const CITYJSON_TYPES = {
  community: 'CityObjectGroup',
  building: 'Building',
  unit: 'BuildingPart',
  floor: 'BuildingStorey',
  household: 'BuildingUnit',
} as const;

export type CityJsonLod = '1' | '1.2';

export interface CityJSONOptions {
  lod?: CityJsonLod;
  /** Default `cgcs2000-gk3` (EPSG:4534–4554 by the origin's zone); `ecef` = EPSG:4978. */
  crs?: ExportCrs;
  /** Quantisation step in CRS units (metres); default 0.001. */
  scale?: number;
  title?: string;
  referenceDate?: string;
}

export interface CityJSONGeometry {
  type: 'Solid';
  lod: string;
  boundaries: number[][][][];
  semantics?: { surfaces: Array<{ type: string }>; values: number[][] };
}

export interface CityJSONObject {
  type: string;
  attributes?: Record<string, unknown>;
  geometry?: CityJSONGeometry[];
  parents?: string[];
  children?: string[];
}

export interface CityJSON {
  type: 'CityJSON';
  version: '2.0';
  transform: { scale: Vec3; translate: Vec3 };
  metadata: {
    title?: string;
    referenceDate?: string;
    referenceSystem: string;
    geographicalExtent: [number, number, number, number, number, number];
  };
  CityObjects: Record<string, CityJSONObject>;
  vertices: Vec3[];
}

interface PendingSolid {
  /** Per surface, one ring of real CRS coordinates. */
  surfaces: Vec3[][];
  semantic: boolean;
}

export function toCityJSON(model: CimModel, options: CityJSONOptions = {}): CityJSON {
  const lod = options.lod ?? '1';
  const scale = options.scale ?? 0.001;
  const crs = crsMapper(model.origin, options.crs ?? 'cgcs2000-gk3');
  const objects: Record<string, CityJSONObject> = {};
  const solids = new Map<string, PendingSolid>();
  const used = new Set<string>();

  const idFor = (preferred: string, fallback: string): string => {
    let id = preferred.trim() || fallback;
    for (let n = 2; used.has(id); n++) id = `${preferred || fallback}~${n}`;
    used.add(id);
    return id;
  };
  const solid = (id: string, prism: Prism, semantic: boolean) => {
    const { ring, faces } = prismFaces(prism);
    if (ring.length < 3 || !(prism.zMax > prism.zMin)) return;
    solids.set(id, { surfaces: faces.map((f) => f.map((v) => crs.toCrs(v))), semantic });
  };

  const groupId = idFor(model.community.code, 'community');
  const buildingIds: string[] = [];
  for (const b of model.buildings) {
    const id = idFor(b.address, `building-${b.code}`);
    buildingIds.push(id);
    objects[id] = { type: CITYJSON_TYPES.building, attributes: buildingAttributes(b) };
    solid(id, b.prism, true);
    const children: string[] = [];
    for (const u of b.units) {
      const uid = idFor(u.address, `${id}-U${u.unit}`);
      children.push(uid);
      const uChildren: string[] = [];
      objects[uid] = {
        type: CITYJSON_TYPES.unit,
        attributes: { address_code: u.address, unit: u.unit, building_code: b.code },
        parents: [id],
      };
      solid(uid, { base: u.outline, zMin: b.prism.zMin, zMax: b.prism.zMax }, true);
      for (const f of u.floors) {
        const fid = idFor(f.address, `${uid}-F${f.floor}`);
        uChildren.push(fid);
        objects[fid] = {
          type: CITYJSON_TYPES.floor,
          attributes: { address_code: f.address, floor: f.floor, unit: u.unit, building_code: b.code },
          parents: [uid],
        };
        solid(fid, f.block, false);
        for (const h of f.households) {
          const hid = idFor(h.address, `${fid}-${h.room}`);
          uChildren.push(hid);
          const attributes: Record<string, unknown> = {
            address_code: h.address,
            room: h.room,
            floor: f.floor,
            unit: u.unit,
            building_code: b.code,
            storey_id: fid,
            use: h.use,
            state: h.state,
          };
          if (h.area !== undefined) attributes.area = h.area;
          objects[hid] = { type: CITYJSON_TYPES.household, attributes, parents: [uid] };
          solid(hid, h.block, false);
        }
      }
      if (uChildren.length > 0) objects[uid]!.children = uChildren;
    }
    if (children.length > 0) objects[id]!.children = children;
  }
  objects[groupId] = {
    type: CITYJSON_TYPES.community,
    attributes: {
      address_code: communityAddress(model),
      community_code: model.community.code,
      name: model.community.name,
      district_code: model.community.districtCode,
      cim_level: model.level,
    },
    children: buildingIds,
  };

  // Quantise: translate = the lower corner (whole metres) so every vertex is a small integer.
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const s of solids.values())
    for (const ring of s.surfaces)
      for (const v of ring)
        for (let k = 0; k < 3; k++) {
          lo[k] = Math.min(lo[k]!, v[k]!);
          hi[k] = Math.max(hi[k]!, v[k]!);
        }
  if (solids.size === 0) {
    lo.fill(0);
    hi.fill(0);
  }
  const translate = lo.map((c) => Math.floor(c)) as Vec3;
  const vertices: Vec3[] = [];
  const index = new Map<string, number>();
  const vertexIndex = (v: Vec3): number => {
    const q = v.map((c, k) => Math.round((c - translate[k]!) / scale)) as Vec3;
    const key = q.join(',');
    let i = index.get(key);
    if (i === undefined) {
      i = vertices.length;
      vertices.push(q);
      index.set(key, i);
    }
    return i;
  };

  for (const [id, s] of solids) {
    const shell = s.surfaces.map((ring) => [dropRepeats(ring.map(vertexIndex))]);
    const geometry: CityJSONGeometry = { type: 'Solid', lod, boundaries: [shell] };
    if (s.semantic) {
      // prismFaces order: bottom, top, walls.
      geometry.semantics = {
        surfaces: [{ type: 'GroundSurface' }, { type: 'RoofSurface' }, { type: 'WallSurface' }],
        values: [shell.map((_, i) => Math.min(i, 2))],
      };
    }
    objects[id]!.geometry = [geometry];
  }

  const metadata: CityJSON['metadata'] = {
    referenceSystem: crs.url,
    geographicalExtent: [lo[0], lo[1], lo[2], hi[0], hi[1], hi[2]],
  };
  metadata.title = options.title ?? model.community.name;
  if (options.referenceDate) metadata.referenceDate = options.referenceDate;
  return {
    type: 'CityJSON',
    version: '2.0',
    transform: { scale: [scale, scale, scale], translate },
    metadata,
    CityObjects: objects,
    vertices,
  };
}

function communityAddress(model: CimModel): string {
  try {
    return addressCode({ districtCode: model.community.districtCode, communityCode: model.community.code });
  } catch {
    return model.community.code;
  }
}

function dropRepeats(ring: number[]): number[] {
  return ring.filter((v, i) => v !== ring[(i + ring.length - 1) % ring.length]);
}

function buildingAttributes(b: BuildingModel): Record<string, unknown> {
  return {
    name: b.name,
    address_code: b.address,
    building_code: b.code,
    use: b.use,
    storeysAboveGround: b.floorsAbove,
    storeysBelowGround: b.floorsBelow,
    storeyHeightsAboveGround: [b.floorHeight],
    measuredHeight: round3(b.prism.zMax - Math.max(0, b.prism.zMin)),
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
