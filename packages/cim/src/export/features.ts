import type { BuildingModel, Prism } from '../types';

/** The granularity of pickable features in a glb / tileset. */
export type FeatureLevel = 'building' | 'floor' | 'household';

export type MetadataProperty =
  | { type: 'STRING'; description?: string }
  | { type: 'SCALAR'; componentType: 'INT16' | 'FLOAT32'; description?: string; noData?: number };

/** EXT_structural_metadata classes, one per level; the property table of a glb uses one of them. */
export const FEATURE_CLASSES: Record<FeatureLevel, Record<string, MetadataProperty>> = {
  building: {
    address: { type: 'STRING', description: 'Address code (地址编码)' },
    kind: { type: 'STRING' },
    code: { type: 'STRING', description: 'Registry building code' },
    name: { type: 'STRING' },
    use: { type: 'STRING' },
    floorsAbove: { type: 'SCALAR', componentType: 'INT16' },
    floorsBelow: { type: 'SCALAR', componentType: 'INT16' },
    height: { type: 'SCALAR', componentType: 'FLOAT32', description: 'Metres above the model origin' },
  },
  floor: {
    address: { type: 'STRING', description: 'Address code (地址编码)' },
    kind: { type: 'STRING' },
    building: { type: 'STRING', description: 'Registry building code' },
    unit: { type: 'SCALAR', componentType: 'INT16' },
    level: { type: 'SCALAR', componentType: 'INT16', description: 'Floor number; negative below ground' },
    use: { type: 'STRING', description: 'Use of the building' },
  },
  household: {
    address: { type: 'STRING', description: 'Address code (地址编码)' },
    kind: { type: 'STRING' },
    building: { type: 'STRING', description: 'Registry building code' },
    unit: { type: 'SCALAR', componentType: 'INT16' },
    level: { type: 'SCALAR', componentType: 'INT16', description: 'Floor number; negative below ground' },
    room: { type: 'STRING' },
    use: { type: 'STRING' },
    state: { type: 'STRING' },
    area: { type: 'SCALAR', componentType: 'FLOAT32', noData: -1, description: 'm²; -1 when unknown' },
  },
};

export type FeatureValues = Record<string, string | number>;

export interface ExportFeature {
  prism: Prism;
  address: string;
  /** Key for the material: use (buildings, floors) or state (households). */
  colorKey: string;
  values: FeatureValues;
}

export function collectFeatures(buildings: readonly BuildingModel[], level: FeatureLevel): ExportFeature[] {
  const out: ExportFeature[] = [];
  for (const b of buildings) {
    if (level === 'building') {
      out.push({
        prism: b.prism,
        address: b.address,
        colorKey: b.use,
        values: {
          address: b.address,
          kind: 'building',
          code: b.code,
          name: b.name,
          use: b.use,
          floorsAbove: b.floorsAbove,
          floorsBelow: b.floorsBelow,
          height: b.prism.zMax,
        },
      });
      continue;
    }
    for (const u of b.units) {
      // The stair core (CIM3+, R4.1.2 / Table 3 楼梯) sits inside the unit's floor blocks; its
      // roof-access storey rises above the roof, as real stair penthouses do, so it shows.
      if (u.stair) {
        const prism = { base: u.stair.base, zMin: u.stair.zMin, zMax: u.stair.zMax + Math.min(b.floorHeight, 3) };
        const common = { address: u.address, kind: 'stair', building: b.code, unit: u.unit, level: 0, use: 'stair' };
        out.push({ prism, address: u.address, colorKey: 'stair', values: level === 'floor' ? common : { ...common, room: '', state: 'stair', area: -1 } });
      }
      for (const f of u.floors) {
        if (level === 'floor') {
          out.push({
            prism: f.block,
            address: f.address,
            colorKey: b.use,
            values: { address: f.address, kind: 'floor', building: b.code, unit: u.unit, level: f.floor, use: b.use },
          });
          continue;
        }
        for (const h of f.households)
          out.push({
            prism: h.block,
            address: h.address,
            colorKey: h.state,
            values: {
              address: h.address,
              kind: 'household',
              building: b.code,
              unit: u.unit,
              level: f.floor,
              room: h.room,
              use: h.use,
              state: h.state,
              area: h.area ?? -1,
            },
          });
      }
    }
  }
  return out;
}

/** The finest level the model carries (CIM1/2 → building, CIM3 → floor, CIM4 → household). */
export function defaultFeatureLevel(cimLevel: number): FeatureLevel {
  return cimLevel >= 4 ? 'household' : cimLevel === 3 ? 'floor' : 'building';
}
