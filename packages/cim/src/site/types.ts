/**
 * The community's ground and facilities (Table 3 "设施" / "道路" / "停车"): what the registry
 * import stores, the scene draws and the GeoJSON export writes. The registry half (buildings and
 * households) is in ../types.ts; `CommunityRegistry` is the two together, as loaded from the
 * database for one tenant.
 */
import type { BuildingInput, CimLevel, HouseholdInput, LngLat } from '../types';

export const FACILITY_KINDS = [
  'manhole', // 井盖
  'water_pipe', // 给水管线
  'drain_pipe', // 排水管线
  'gas_pipe', // 燃气管线
  'power_line', // 电力管线
  'substation', // 变电站/配电室
  'charger', // 充电桩
  'trash_point', // 垃圾投放点
  'hydrant', // 消火栓
  'fire_facility', // 消防设施
  'light', // 路灯
  'power_room', // 配电房
  'water_room', // 水泵房
  'shelter', // 人防/避难场所
  'pavilion', // 凉亭
] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export type SiteGeometry =
  | { type: 'Point'; coordinates: LngLat }
  | { type: 'LineString'; coordinates: LngLat[] }
  | { type: 'Polygon'; coordinates: LngLat[][] };

export interface FacilityInput {
  code: string;
  kind: FacilityKind;
  name: string;
  geometry: SiteGeometry;
  /** Metres above ground for structures drawn as boxes (CIM3+); absent for flat symbols. */
  height?: number;
  /** The lowest CIM level at which the object is drawn. */
  level: CimLevel;
  buildingCode?: string;
}

export interface RoadInput {
  code: string;
  name: string;
  centerline: LngLat[];
  /** Carriageway width in metres. */
  width: number;
}

export interface ParkingInput {
  code: string;
  name: string;
  /** Closed ring, counter-clockwise, first point repeated last. */
  outline: LngLat[];
  spaces: number;
  underground: boolean;
  buildingCode?: string;
}

export interface SiteInput {
  /** Community boundary: closed ring, counter-clockwise. Empty when not yet surveyed. */
  boundary: LngLat[];
  roads: RoadInput[];
  parking: ParkingInput[];
  facilities: FacilityInput[];
}

export interface CommunityRegistry {
  community: { code: string; name: string; districtCode: string };
  /** The highest level the registry supports (CIM4 needs households, CIM2 footprints, …). */
  maxLevel: CimLevel;
  buildings: BuildingInput[];
  households: HouseholdInput[];
  site: SiteInput;
  /** Changes whenever any registry row changes: the key for cached glb / 3D Tiles output. */
  version: string;
}
