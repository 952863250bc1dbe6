import earcut from 'earcut';
import type { BuildingModel, CimModel, Vec3 } from '../types';
import { collectFeatures, defaultFeatureLevel, FEATURE_CLASSES, type ExportFeature, type FeatureLevel } from './features';
import { BinWriter, encodeGlb } from './glb';
import { materialColor } from './palette';
import { prismFaces } from './prism';

const ARRAY_BUFFER = 34962;
const ELEMENT_ARRAY_BUFFER = 34963;
const FLOAT = 5126;
const UNSIGNED_SHORT = 5123;
const UNSIGNED_INT = 5125;

export const METADATA_SCHEMA_ID = 'linli_cim';

export interface GlbOptions {
  /** Pickable feature granularity; default from the model's CIM level. */
  level?: FeatureLevel;
  /** Export only these buildings (tiles); default all. */
  buildings?: readonly BuildingModel[];
}

export interface GlbResult {
  glb: Uint8Array;
  level: FeatureLevel;
  featureCount: number;
  triangleCount: number;
  /** Property-table row i (= feature id i) carries addresses[i]. */
  addresses: string[];
  /** Bounds of the content in the model's local ENU frame (z up), or null when empty. */
  bounds: { min: Vec3; max: Vec3 } | null;
}

/**
 * glTF 2.0 binary of LoD1 prisms. Positions are the model's local ENU metres turned y-up
 * ((e, n, u) → (e, u, −n)), so a 3D Tiles transform of ENU→ECEF places them; flat shading with
 * vertices duplicated per face; `_FEATURE_ID_0` + EXT_mesh_features → EXT_structural_metadata
 * property table row, so a viewer can pick a household and read its address code.
 */
export function toGlb(model: CimModel, options: GlbOptions = {}): Uint8Array {
  return buildGlb(model, options).glb;
}

export function buildGlb(model: CimModel, options: GlbOptions = {}): GlbResult {
  const level = options.level ?? defaultFeatureLevel(model.level);
  const features = collectFeatures(options.buildings ?? model.buildings, level);
  const bin = new BinWriter();
  const accessors: object[] = [];
  const materials: object[] = [];
  const primitives: object[] = [];
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  let triangleCount = 0;

  const groups = new Map<string, number[]>();
  features.forEach((f, i) => {
    const g = groups.get(f.colorKey);
    if (g) g.push(i);
    else groups.set(f.colorKey, [i]);
  });

  for (const [key, ids] of groups) {
    const mesh = meshOf(features, ids);
    if (mesh.indices.length === 0) continue;
    triangleCount += mesh.indices.length / 3;
    for (let i = 0; i < mesh.enu.length; i += 3)
      for (let k = 0; k < 3; k++) {
        lo[k] = Math.min(lo[k]!, mesh.enu[i + k]!);
        hi[k] = Math.max(hi[k]!, mesh.enu[i + k]!);
      }
    const positions = new Float32Array(mesh.positions);
    const pMin = [Infinity, Infinity, Infinity];
    const pMax = [-Infinity, -Infinity, -Infinity];
    for (let i = 0; i < positions.length; i++) {
      pMin[i % 3] = Math.min(pMin[i % 3]!, positions[i]!);
      pMax[i % 3] = Math.max(pMax[i % 3]!, positions[i]!);
    }
    const vertexCount = positions.length / 3;
    const acc = (a: object) => accessors.push(a) - 1;
    const position = acc({
      bufferView: bin.add(positions, ARRAY_BUFFER),
      componentType: FLOAT,
      count: vertexCount,
      type: 'VEC3',
      min: pMin,
      max: pMax,
    });
    const normal = acc({
      bufferView: bin.add(new Float32Array(mesh.normals), ARRAY_BUFFER),
      componentType: FLOAT,
      count: vertexCount,
      type: 'VEC3',
    });
    const featureId = acc({
      bufferView: bin.add(new Float32Array(mesh.featureIds), ARRAY_BUFFER),
      componentType: FLOAT,
      count: vertexCount,
      type: 'SCALAR',
    });
    const wide = vertexCount > 65535;
    const indices = acc({
      bufferView: bin.add(wide ? new Uint32Array(mesh.indices) : new Uint16Array(mesh.indices), ELEMENT_ARRAY_BUFFER),
      componentType: wide ? UNSIGNED_INT : UNSIGNED_SHORT,
      count: mesh.indices.length,
      type: 'SCALAR',
    });
    const [r, g, b] = materialColor(key);
    materials.push({
      name: key || '(none)',
      pbrMetallicRoughness: { baseColorFactor: [r, g, b, 1], metallicFactor: 0, roughnessFactor: 1 },
    });
    primitives.push({
      attributes: { POSITION: position, NORMAL: normal, _FEATURE_ID_0: featureId },
      indices,
      material: materials.length - 1,
      mode: 4,
      extensions: { EXT_mesh_features: { featureIds: [{ featureCount: ids.length, attribute: 0, propertyTable: 0 }] } },
    });
  }

  const json: Record<string, unknown> = {
    asset: { version: '2.0', generator: 'linli-cim export' },
  };
  if (primitives.length > 0) {
    const propertyTable = encodePropertyTable(bin, level, features);
    Object.assign(json, {
      extensionsUsed: ['EXT_mesh_features', 'EXT_structural_metadata'],
      extensions: {
        EXT_structural_metadata: {
          schema: metadataSchema(level),
          propertyTables: [propertyTable],
        },
      },
      scene: 0,
      scenes: [{ nodes: [0] }],
      nodes: [{ mesh: 0, name: model.community.code }],
      meshes: [{ primitives }],
      materials,
      accessors,
      bufferViews: bin.bufferViews,
    });
  } else {
    Object.assign(json, { scene: 0, scenes: [{}] });
  }
  const data = bin.bytes();
  if (data.length > 0) json.buffers = [{ byteLength: data.length }];
  return {
    glb: encodeGlb(json, data),
    level,
    featureCount: features.length,
    triangleCount,
    addresses: features.map((f) => f.address),
    bounds: triangleCount > 0 ? { min: lo, max: hi } : null,
  };
}

export function metadataSchema(level: FeatureLevel) {
  return {
    id: METADATA_SCHEMA_ID,
    name: 'Linli CIM features',
    classes: { [level]: { name: level, properties: FEATURE_CLASSES[level] } },
  };
}

interface Mesh {
  enu: number[];
  positions: number[];
  normals: number[];
  featureIds: number[];
  indices: number[];
}

function meshOf(features: readonly ExportFeature[], ids: readonly number[]): Mesh {
  const m: Mesh = { enu: [], positions: [], normals: [], featureIds: [], indices: [] };
  for (const id of ids) {
    const { ring, zMin, zMax, faces } = prismFaces(features[id]!.prism);
    if (ring.length < 3 || !(zMax > zMin)) continue;
    for (const face of faces) {
      const n = newellNormal(face);
      if (!n) continue;
      const base = m.enu.length / 3;
      for (const [x, y, z] of face) {
        m.enu.push(x, y, z);
        m.positions.push(x, z, -y);
        m.normals.push(n[0], n[2], -n[1]);
        m.featureIds.push(id);
      }
      for (const [a, b, c] of triangulate(face, n)) m.indices.push(base + a, base + b, base + c);
    }
  }
  return m;
}

function newellNormal(face: readonly Vec3[]): Vec3 | null {
  let nx = 0;
  let ny = 0;
  let nz = 0;
  for (let i = 0; i < face.length; i++) {
    const a = face[i]!;
    const b = face[(i + 1) % face.length]!;
    nx += (a[1] - b[1]) * (a[2] + b[2]);
    ny += (a[2] - b[2]) * (a[0] + b[0]);
    nz += (a[0] - b[0]) * (a[1] + b[1]);
  }
  const len = Math.hypot(nx, ny, nz);
  return len > 1e-12 ? [nx / len, ny / len, nz / len] : null;
}

/** Triangles of a planar face, each wound counter-clockwise about the face's outward normal. */
function triangulate(face: readonly Vec3[], n: Vec3): Array<[number, number, number]> {
  // Drop the dominant axis of the normal and triangulate in the remaining plane.
  const ax = Math.abs(n[0]);
  const ay = Math.abs(n[1]);
  const az = Math.abs(n[2]);
  const [u, v] = az >= ax && az >= ay ? [0, 1] : ay >= ax ? [2, 0] : [1, 2];
  const flat: number[] = [];
  for (const p of face) flat.push(p[u]!, p[v]!);
  const tri = face.length === 4 && az < 0.5 ? [0, 1, 2, 0, 2, 3] : earcut(flat);
  const out: Array<[number, number, number]> = [];
  for (let i = 0; i + 2 < tri.length; i += 3) {
    const a = tri[i]!;
    const b = tri[i + 1]!;
    const c = tri[i + 2]!;
    const pa = face[a]!;
    const pb = face[b]!;
    const pc = face[c]!;
    const cross: Vec3 = [
      (pb[1] - pa[1]) * (pc[2] - pa[2]) - (pb[2] - pa[2]) * (pc[1] - pa[1]),
      (pb[2] - pa[2]) * (pc[0] - pa[0]) - (pb[0] - pa[0]) * (pc[2] - pa[2]),
      (pb[0] - pa[0]) * (pc[1] - pa[1]) - (pb[1] - pa[1]) * (pc[0] - pa[0]),
    ];
    const d = cross[0] * n[0] + cross[1] * n[1] + cross[2] * n[2];
    out.push(d >= 0 ? [a, b, c] : [a, c, b]);
  }
  return out;
}

function encodePropertyTable(bin: BinWriter, level: FeatureLevel, features: readonly ExportFeature[]) {
  const properties: Record<string, object> = {};
  for (const [name, def] of Object.entries(FEATURE_CLASSES[level])) {
    const column = features.map((f) => f.values[name]);
    if (def.type === 'STRING') {
      const enc = new TextEncoder();
      const chunks = column.map((v) => enc.encode(v === undefined ? '' : String(v)));
      const offsets = new Uint32Array(chunks.length + 1);
      chunks.forEach((c, i) => (offsets[i + 1] = offsets[i]! + c.length));
      const values = new Uint8Array(offsets[chunks.length]!);
      chunks.forEach((c, i) => values.set(c, offsets[i]!));
      // A zero-length view is invalid glTF; an all-empty column still gets one padding byte.
      properties[name] = {
        values: bin.add(values.length > 0 ? values : new Uint8Array(1)),
        stringOffsets: bin.add(offsets),
        stringOffsetType: 'UINT32',
      };
    } else {
      const nums = column.map((v) => (typeof v === 'number' ? v : (def.noData ?? 0)));
      const values = def.componentType === 'INT16' ? new Int16Array(nums) : new Float32Array(nums);
      properties[name] = { values: bin.add(values) };
    }
  }
  return { name: level, class: level, count: features.length, properties };
}
