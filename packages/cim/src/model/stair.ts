import {
  centroid,
  distanceToBoundary,
  orientedBoundingRect,
  pointInPolygon,
  rectRing,
  ringInRing,
} from '../geo/polygon';
import type { Vec2 } from '../types';

/** A typical residential stair core (stair + lift lobby): 5 m along the unit, 2.6 m across. */
export const STAIR_CORE = { length: 5, width: 2.6 } as const;

/**
 * The stair core of a unit: a rectangle aligned with the unit's oriented bounding rectangle,
 * at the unit's centre, shrunk to at most half the unit's length and width. Concave units
 * whose centre falls outside (or too near a wall) get the core at the interior point farthest
 * from the walls, sized to fit. Null only for slivers where nothing fits.
 */
export function stairCoreRing(unit: readonly Vec2[]): Vec2[] | null {
  if (unit.length < 3) return null;
  const obb = orientedBoundingRect(unit);
  const len = Math.min(STAIR_CORE.length, obb.length / 2);
  const wid = Math.min(STAIR_CORE.width, obb.width / 2);
  if (len <= 0 || wid <= 0) return null;
  for (const c of [centroid(unit), obb.center]) {
    for (const s of [1, 0.75, 0.5]) {
      const r = rectRing(c, obb.angle, len * s, wid * s);
      if (ringInRing(unit, r)) return r;
    }
  }
  // Farthest-from-walls point on a grid over the bounding rectangle.
  const ux = Math.cos(obb.angle);
  const uy = Math.sin(obb.angle);
  let best: { p: Vec2; d: number } | null = null;
  const n = 16;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= n; j++) {
      const s = (i / n - 0.5) * obb.length;
      const t = (j / n - 0.5) * obb.width;
      const p: Vec2 = [obb.center[0] + s * ux - t * uy, obb.center[1] + s * uy + t * ux];
      if (!pointInPolygon(p, unit, false)) continue;
      const d = distanceToBoundary(p, unit);
      if (best === null || d > best.d) best = { p, d };
    }
  }
  if (best === null) return null;
  // A rectangle whose half-diagonal is under the wall distance lies inside the disk, so inside.
  const k = Math.min(1, (0.95 * best.d) / Math.hypot(len / 2, wid / 2));
  const r = rectRing(best.p, obb.angle, len * k, wid * k);
  return ringInRing(unit, r) ? r : null;
}
