/**
 * The CIM model contract shared by geometry (registry → model) and exports (model → CityJSON,
 * GeoJSON, 3D Tiles). Coordinates in the model are local ENU metres around `origin`
 * (x east, y north, z up); inputs are WGS84 longitude/latitude.
 */
export type LngLat = [number, number];
export type Vec2 = [number, number];
export type Vec3 = [number, number, number];

/** CIM1 registry → CIM2 white model → CIM3 unit/floor model → CIM4 floor/household model (R4.1.2). */
export type CimLevel = 1 | 2 | 3 | 4;

export interface BuildingInput {
  code: string;
  name: string;
  /** Exterior ring in WGS84, counter-clockwise (RFC 7946); closed or not. */
  footprint: LngLat[];
  floorsAbove: number;
  floorsBelow: number;
  /** Storey height in metres. */
  floorHeight: number;
  units: number;
  use: string;
  year?: number;
  structure?: string;
  /** Unit outlines when the registry has them; otherwise units are split along the long axis. */
  unitOutlines?: LngLat[][];
}

export interface HouseholdInput {
  buildingCode: string;
  unit: number;
  floor: number;
  room: string;
  area?: number;
  use: string;
  state: string;
}

/** A vertical prism: a counter-clockwise ring (not closed) between two heights. */
export interface Prism {
  base: Vec2[];
  zMin: number;
  zMax: number;
}

export interface HouseholdModel {
  room: string;
  address: string;
  block: Prism;
  use: string;
  state: string;
  area?: number;
}

export interface FloorModel {
  floor: number;
  address: string;
  block: Prism;
  households: HouseholdModel[];
}

export interface UnitModel {
  unit: number;
  address: string;
  outline: Vec2[];
  floors: FloorModel[];
  /** Stair/elevator core of the unit (CIM3+). */
  stair: Prism | null;
}

export interface BuildingModel {
  code: string;
  name: string;
  address: string;
  use: string;
  floorsAbove: number;
  floorsBelow: number;
  floorHeight: number;
  /** CIM2: the footprint extruded to roof height. */
  prism: Prism;
  /** CIM3/4 only (empty at CIM1/2). */
  units: UnitModel[];
}

export interface CimModel {
  origin: { lng: number; lat: number; height: number };
  level: CimLevel;
  community: { code: string; name: string; districtCode: string };
  buildings: BuildingModel[];
}
