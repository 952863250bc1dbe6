import type { BuildingModel, CimModel, Vec3 } from '../types';
import { collectFeatures, defaultFeatureLevel, type FeatureLevel } from './features';
import { enuFrame } from '../geo/projection';
import { buildGlb } from './gltf';
import { contentHash } from './hash';
import { normalizeRing } from './prism';

export interface TilesetOptions {
  /** Feature granularity of the tile contents; default from the model's CIM level. */
  level?: FeatureLevel;
  /** A leaf tile holds at most this many features (one building that alone exceeds it stays whole). */
  maxFeaturesPerTile?: number;
  /** Folder of the glb files relative to tileset.json; default `content`. */
  contentDir?: string;
  /** `asset.tilesetVersion`, e.g. the registry version the scene was built from. */
  tilesetVersion?: string;
}

export interface Tile {
  boundingVolume: { box: number[] };
  geometricError: number;
  refine?: 'ADD' | 'REPLACE';
  transform?: number[];
  content?: { uri: string };
  children?: Tile[];
}

export interface Tileset {
  asset: { version: '1.1'; generator: string; tilesetVersion?: string };
  geometricError: number;
  root: Tile;
}

export interface TilesetResult {
  tileset: Tileset;
  /** glb bytes keyed by the content uri (relative to tileset.json). */
  files: Map<string, Uint8Array>;
}

/** Slack around content bounds so float32 positions stay inside their tile's box. */
const PAD = 0.01;

interface Item {
  building: BuildingModel;
  centre: [number, number];
  features: number;
}

/**
 * 3D Tiles 1.1: the root carries the ENU→ECEF transform of the model origin, so every bounding box
 * and glb is in local metres. Buildings are split k-d style (longer axis, feature-weighted median)
 * until a leaf holds ≤ maxFeaturesPerTile features; inner tiles have no content and refine ADD.
 * Content file names are content hashes: identical scenes (same registry version) map to the same
 * URIs and can be cached forever, and any change yields new names.
 */
export function buildTileset(model: CimModel, options: TilesetOptions = {}): TilesetResult {
  const level = options.level ?? defaultFeatureLevel(model.level);
  const max = Math.max(1, Math.floor(options.maxFeaturesPerTile ?? 2000));
  const dir = (options.contentDir ?? 'content').replace(/\/+$/, '');
  const files = new Map<string, Uint8Array>();

  const items: Item[] = [];
  for (const b of model.buildings) {
    const features = collectFeatures([b], level).length;
    const ring = normalizeRing(b.prism.base);
    if (features === 0 || ring.length < 3) continue;
    const cx = ring.reduce((s, p) => s + p[0], 0) / ring.length;
    const cy = ring.reduce((s, p) => s + p[1], 0) / ring.length;
    items.push({ building: b, centre: [cx, cy], features });
  }

  const leaf = (group: Item[]): Tile | null => {
    const r = buildGlb(model, { level, buildings: group.map((i) => i.building) });
    if (!r.bounds) return null;
    const uri = `${dir}/${contentHash(r.glb)}.glb`;
    files.set(uri, r.glb);
    return { boundingVolume: { box: box(r.bounds.min, r.bounds.max) }, geometricError: 0, content: { uri } };
  };

  const node = (group: Item[]): Tile | null => {
    const total = group.reduce((s, i) => s + i.features, 0);
    if (total <= max || group.length === 1) return leaf(group);
    const xs = group.map((i) => i.centre[0]);
    const ys = group.map((i) => i.centre[1]);
    const axis = Math.max(...xs) - Math.min(...xs) >= Math.max(...ys) - Math.min(...ys) ? 0 : 1;
    const sorted = [...group].sort((a, b) => a.centre[axis] - b.centre[axis]);
    let acc = 0;
    let cut = 1;
    for (; cut < sorted.length - 1; cut++) {
      acc += sorted[cut - 1]!.features;
      if (acc >= total / 2) break;
    }
    const children = [node(sorted.slice(0, cut)), node(sorted.slice(cut))].filter((t): t is Tile => t !== null);
    if (children.length === 0) return null;
    if (children.length === 1) return children[0]!;
    const lo: Vec3 = [Infinity, Infinity, Infinity];
    const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
    for (const c of children) {
      const [clo, chi] = boxBounds(c.boundingVolume.box);
      for (let k = 0; k < 3; k++) {
        lo[k] = Math.min(lo[k]!, clo[k]!);
        hi[k] = Math.max(hi[k]!, chi[k]!);
      }
    }
    return { boundingVolume: { box: box(lo, hi, 0) }, geometricError: diagonal(lo, hi), children };
  };

  const top = node(items);
  const transform = enuFrame(model.origin);
  let root: Tile;
  if (top) {
    const [lo, hi] = boxBounds(top.boundingVolume.box);
    // A root that is itself the only leaf still needs a non-zero error so viewers load its content.
    root = { ...top, transform, refine: 'ADD', geometricError: top.children ? top.geometricError : diagonal(lo, hi) };
  } else {
    root = { boundingVolume: { box: box([0, 0, 0], [0, 0, 0]) }, geometricError: 0, refine: 'ADD', transform };
  }
  const asset: Tileset['asset'] = { version: '1.1', generator: 'linli-cim export' };
  if (options.tilesetVersion) asset.tilesetVersion = options.tilesetVersion;
  return { tileset: { asset, geometricError: Math.max(root.geometricError * 2, 1), root }, files };
}

function box(lo: Vec3, hi: Vec3, pad = PAD): number[] {
  const c = [0, 1, 2].map((k) => (lo[k]! + hi[k]!) / 2);
  const h = [0, 1, 2].map((k) => (hi[k]! - lo[k]!) / 2 + pad);
  return [c[0]!, c[1]!, c[2]!, h[0]!, 0, 0, 0, h[1]!, 0, 0, 0, h[2]!];
}

/** Inverse of `box` for the axis-aligned boxes written here. */
export function boxBounds(b: readonly number[]): [Vec3, Vec3] {
  const c: Vec3 = [b[0]!, b[1]!, b[2]!];
  const h: Vec3 = [Math.abs(b[3]!), Math.abs(b[7]!), Math.abs(b[11]!)];
  return [
    [c[0] - h[0], c[1] - h[1], c[2] - h[2]],
    [c[0] + h[0], c[1] + h[1], c[2] + h[2]],
  ];
}

function diagonal(lo: Vec3, hi: Vec3): number {
  return Math.hypot(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]);
}
