import polygonClipping from 'polygon-clipping';
import type { Vec2 } from '../types';
import { cleanRing, makeCcw, orientedBoundingRect, ringArea, type OrientedRect } from './polygon';

/** The outer rings of `subject ∩ clip` (neither has holes here), CCW, largest first. */
export function intersectRings(subject: readonly Vec2[], clip: readonly Vec2[]): Vec2[][] {
  let result: polygonClipping.MultiPolygon | null = null;
  let failure: unknown;
  // polygon-clipping 0.15 can fail to close a ring when two edges are coincident up to float
  // noise (an outline drawn along the footprint, a projection round trip). Snapping both
  // inputs to a common grid makes such edges exactly coincident, which it handles.
  for (const grid of SNAP_GRIDS) {
    const a = cleanRing(subject.map((p) => snap(p, grid)));
    const b = cleanRing(clip.map((p) => snap(p, grid)));
    if (a.length < 3 || b.length < 3) return [];
    try {
      result = polygonClipping.intersection([a], [b]);
      break;
    } catch (e) {
      failure = e;
    }
  }
  if (result === null) throw failure;
  return result
    .map((poly) => makeCcw((poly[0] ?? []) as Vec2[]))
    .filter((r) => r.length >= 3)
    .sort((p, q) => ringArea(q) - ringArea(p));
}

/** Clipping grids in metres: a micrometre first, coarser only when the clipper fails. */
const SNAP_GRIDS = [1e-6, 1e-4, 1e-3] as const;

/** Rounds a point to a grid (metres). Model coordinates are kept on the 1 µm grid. */
export const snap = (p: readonly [number, number], grid = 1e-6): Vec2 => [
  Math.round(p[0] / grid) * grid,
  Math.round(p[1] / grid) * grid,
];

export interface Slice {
  ring: Vec2[];
  /** Parts of the slice beyond the largest (a concave outline cut into several pieces). */
  droppedParts: number;
  droppedArea: number;
}

/**
 * Splits a ring into `n` equal-length slices across the long axis of its oriented bounding
 * rectangle (cuts perpendicular to the long side). Slice 1 is at the west end of the axis
 * (the south end for an exactly north-south axis) because the axis angle is normalised to
 * (-π/2, π/2]. Each slice is the ring clipped by a rectangle; when that gives several pieces
 * (a concave outline) the largest is kept and the rest is reported. A slice that misses the
 * ring entirely comes back with an empty ring.
 */
export function splitAlongLongAxis(ring: readonly Vec2[], n: number, obb: OrientedRect = orientedBoundingRect(ring)): Slice[] {
  if (n <= 1) return [{ ring: makeCcw(ring), droppedParts: 0, droppedArea: 0 }];
  const { center, angle, length, width } = obb;
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  const step = length / n;
  // Cutting rectangles overhang the ring on the open sides so float noise never shaves it.
  const margin = Math.max(1, 0.01 * (length + width));
  const slices: Slice[] = [];
  for (let i = 0; i < n; i++) {
    const lo = i === 0 ? -length / 2 - margin : -length / 2 + i * step;
    const hi = i === n - 1 ? length / 2 + margin : -length / 2 + (i + 1) * step;
    // Corners computed from the same cut positions, so neighbouring slices share edges exactly.
    const t = width / 2 + margin;
    const pt = (s: number, v: number): Vec2 => [center[0] + s * ux - v * uy, center[1] + s * uy + v * ux];
    const cut = [pt(lo, -t), pt(hi, -t), pt(hi, t), pt(lo, t)];
    const parts = intersectRings(ring, cut);
    const [first, ...rest] = parts;
    slices.push({
      ring: first ?? [],
      droppedParts: rest.length,
      droppedArea: rest.reduce((s, r) => s + ringArea(r), 0),
    });
  }
  return slices;
}
