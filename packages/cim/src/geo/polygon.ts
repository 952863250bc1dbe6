import type { Vec2 } from '../types';

/**
 * Ring utilities on local metric coordinates. A ring is a list of vertices, not closed (the
 * last vertex connects back to the first); functions tolerate a closing duplicate.
 */

/** Drops the closing vertex and consecutive duplicates (within `eps`). */
export function cleanRing<T extends readonly [number, number]>(ring: readonly T[], eps = 0): T[] {
  const out: T[] = [];
  const same = (a: T, b: T): boolean => Math.abs(a[0] - b[0]) <= eps && Math.abs(a[1] - b[1]) <= eps;
  for (const p of ring) {
    const last = out[out.length - 1];
    if (last === undefined || !same(last, p)) out.push(p);
  }
  while (out.length > 1) {
    const first = out[0] as T;
    const last = out[out.length - 1] as T;
    if (!same(first, last)) break;
    out.pop();
  }
  return out;
}

const at = (ring: readonly Vec2[], i: number): Vec2 => ring[((i % ring.length) + ring.length) % ring.length] as Vec2;

/** Shoelace area: positive for counter-clockwise rings. */
export function signedArea(ring: readonly Vec2[]): number {
  const r = cleanRing(ring);
  if (r.length < 3) return 0;
  // Shift to the first vertex: keeps precision for rings far from the origin.
  const [ox, oy] = r[0] as Vec2;
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const a = at(r, i);
    const b = at(r, i + 1);
    s += (a[0] - ox) * (b[1] - oy) - (b[0] - ox) * (a[1] - oy);
  }
  return s / 2;
}

export const ringArea = (ring: readonly Vec2[]): number => Math.abs(signedArea(ring));

export type Orientation = 'ccw' | 'cw' | 'degenerate';

export function orientation(ring: readonly Vec2[]): Orientation {
  const a = signedArea(ring);
  return a > 0 ? 'ccw' : a < 0 ? 'cw' : 'degenerate';
}

/** Cleaned, counter-clockwise copy of the ring. */
export function makeCcw(ring: readonly Vec2[]): Vec2[] {
  const r = cleanRing(ring).map((p) => [p[0], p[1]] as Vec2);
  return signedArea(r) < 0 ? r.reverse() : r;
}

/** Area centroid; the vertex mean for degenerate rings. */
export function centroid(ring: readonly Vec2[]): Vec2 {
  const r = cleanRing(ring);
  if (r.length === 0) return [0, 0];
  const [ox, oy] = r[0] as Vec2;
  let a2 = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < r.length; i++) {
    const [ax, ay] = at(r, i);
    const [bx, by] = at(r, i + 1);
    const x0 = ax - ox;
    const y0 = ay - oy;
    const x1 = bx - ox;
    const y1 = by - oy;
    const c = x0 * y1 - x1 * y0;
    a2 += c;
    cx += (x0 + x1) * c;
    cy += (y0 + y1) * c;
  }
  if (Math.abs(a2) < 1e-12) {
    const sx = r.reduce((s, p) => s + p[0], 0);
    const sy = r.reduce((s, p) => s + p[1], 0);
    return [sx / r.length, sy / r.length];
  }
  return [ox + cx / (3 * a2), oy + cy / (3 * a2)];
}

export function perimeter(ring: readonly Vec2[]): number {
  const r = cleanRing(ring);
  if (r.length < 2) return 0;
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const a = at(r, i);
    const b = at(r, i + 1);
    s += Math.hypot(b[0] - a[0], b[1] - a[1]);
  }
  return s;
}

/** Distance from p to segment ab. */
export function pointSegmentDistance(p: Vec2, a: Vec2, b: Vec2): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Distance from p to the ring's boundary. */
export function distanceToBoundary(p: Vec2, ring: readonly Vec2[]): number {
  const r = cleanRing(ring);
  let d = Infinity;
  for (let i = 0; i < r.length; i++) d = Math.min(d, pointSegmentDistance(p, at(r, i), at(r, i + 1)));
  return d;
}

export type PointLocation = 'inside' | 'outside' | 'boundary';

/** Ray casting, with points within `eps` of an edge reported as on the boundary. */
export function locatePoint(p: Vec2, ring: readonly Vec2[], eps = 1e-9): PointLocation {
  const r = cleanRing(ring);
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const a = r[i] as Vec2;
    const b = r[j] as Vec2;
    if (pointSegmentDistance(p, a, b) <= eps) return 'boundary';
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) {
      inside = !inside;
    }
  }
  return inside ? 'inside' : 'outside';
}

/** True when p is inside the ring (or on its boundary when `includeBoundary`, the default). */
export function pointInPolygon(p: Vec2, ring: readonly Vec2[], includeBoundary = true, eps = 1e-9): boolean {
  const where = locatePoint(p, ring, eps);
  return where === 'inside' || (includeBoundary && where === 'boundary');
}

const cross = (o: Vec2, a: Vec2, b: Vec2): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

function onSegment(p: Vec2, a: Vec2, b: Vec2): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1])
  );
}

/** Segments ab and cd share at least one point (touching and collinear overlap included). */
export function segmentsIntersect(a: Vec2, b: Vec2, c: Vec2, d: Vec2): boolean {
  const d1 = Math.sign(cross(c, d, a));
  const d2 = Math.sign(cross(c, d, b));
  const d3 = Math.sign(cross(a, b, c));
  const d4 = Math.sign(cross(a, b, d));
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  if (d1 === 0 && onSegment(a, c, d)) return true;
  if (d2 === 0 && onSegment(b, c, d)) return true;
  if (d3 === 0 && onSegment(c, a, b)) return true;
  if (d4 === 0 && onSegment(d, a, b)) return true;
  return false;
}

/** Segments ab and cd cross at a point interior to both (touching does not count). */
export function segmentsCrossProperly(a: Vec2, b: Vec2, c: Vec2, d: Vec2, eps = 0): boolean {
  const scale = (u: Vec2, v: Vec2): number => Math.hypot(v[0] - u[0], v[1] - u[1]);
  const d1 = cross(c, d, a) / (scale(c, d) || 1);
  const d2 = cross(c, d, b) / (scale(c, d) || 1);
  const d3 = cross(a, b, c) / (scale(a, b) || 1);
  const d4 = cross(a, b, d) / (scale(a, b) || 1);
  return ((d1 > eps && d2 < -eps) || (d1 < -eps && d2 > eps)) && ((d3 > eps && d4 < -eps) || (d3 < -eps && d4 > eps));
}

/**
 * True when two edges of the ring meet anywhere other than at the vertex adjacent edges
 * share — crossings, touchings and a vertex doubling back on its neighbour's edge (a spike)
 * all count. O(n²) over edge pairs: fine for building footprints.
 */
export function selfIntersects(ring: readonly Vec2[]): boolean {
  const r = cleanRing(ring);
  const n = r.length;
  if (n < 3) return false;
  for (let i = 0; i < n; i++) {
    const a = at(r, i);
    const b = at(r, i + 1);
    for (let j = i + 1; j < n; j++) {
      const c = at(r, j);
      const d = at(r, j + 1);
      const adjacentAfter = j === i + 1;
      const adjacentBefore = i === 0 && j === n - 1;
      if (adjacentAfter || adjacentBefore) {
        // Adjacent edges share one vertex; they only intersect further if they overlap (spike).
        const shared = adjacentAfter ? b : a;
        const p = adjacentAfter ? a : b;
        const q = adjacentAfter ? d : c;
        if (cross(shared, p, q) === 0) {
          const dot = (p[0] - shared[0]) * (q[0] - shared[0]) + (p[1] - shared[1]) * (q[1] - shared[1]);
          if (dot > 0) return true;
        }
        continue;
      }
      if (segmentsIntersect(a, b, c, d)) return true;
    }
  }
  return false;
}

/** Convex hull (Andrew's monotone chain), counter-clockwise, without collinear points. */
export function convexHull(points: readonly Vec2[]): Vec2[] {
  const pts = [...points].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  if (pts.length < 3) return pts.map((p) => [p[0], p[1]]);
  const lower: Vec2[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2] as Vec2, lower[lower.length - 1] as Vec2, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Vec2[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i] as Vec2;
    while (upper.length >= 2 && cross(upper[upper.length - 2] as Vec2, upper[upper.length - 1] as Vec2, p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return [...lower, ...upper].map((p) => [p[0], p[1]]);
}

export interface OrientedRect {
  center: Vec2;
  /** Direction of the long side, radians from east (+x) counter-clockwise, in (-π/2, π/2]. */
  angle: number;
  /** Long side, metres. */
  length: number;
  /** Short side, metres. */
  width: number;
}

/** Normalises an axis direction to (-π/2, π/2] — a line has no sense of direction. */
function normaliseAxis(angle: number): number {
  let a = angle % Math.PI;
  if (a <= -Math.PI / 2) a += Math.PI;
  if (a > Math.PI / 2) a -= Math.PI;
  // Snap float noise at the ends so a north-south axis is always +π/2.
  if (Math.abs(a + Math.PI / 2) < 1e-12) a = Math.PI / 2;
  return a;
}

/**
 * Minimum-area oriented bounding rectangle: rotating calipers over the convex hull (the
 * optimal rectangle has a side collinear with a hull edge, so trying every edge suffices).
 */
export function orientedBoundingRect(points: readonly Vec2[]): OrientedRect {
  const hull = convexHull(cleanRing(points));
  if (hull.length === 0) return { center: [0, 0], angle: 0, length: 0, width: 0 };
  if (hull.length < 3) {
    const a = hull[0] as Vec2;
    const b = (hull[1] ?? a) as Vec2;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    return { center: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], angle: normaliseAxis(Math.atan2(b[1] - a[1], b[0] - a[0])), length: len, width: 0 };
  }
  let best: { area: number; theta: number; minU: number; maxU: number; minV: number; maxV: number } | null = null;
  for (let i = 0; i < hull.length; i++) {
    const a = at(hull, i);
    const b = at(hull, i + 1);
    const theta = Math.atan2(b[1] - a[1], b[0] - a[0]);
    const ux = Math.cos(theta);
    const uy = Math.sin(theta);
    let minU = Infinity;
    let maxU = -Infinity;
    let minV = Infinity;
    let maxV = -Infinity;
    for (const p of hull) {
      const u = p[0] * ux + p[1] * uy;
      const v = -p[0] * uy + p[1] * ux;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    // Ties (e.g. the four edges of a rectangle) resolve to the first edge found, which is
    // deterministic because the hull starts from the lowest-x vertex.
    if (best === null || area < best.area - 1e-9 * Math.max(1, area)) best = { area, theta, minU, maxU, minV, maxV };
  }
  const { theta, minU, maxU, minV, maxV } = best as NonNullable<typeof best>;
  const ux = Math.cos(theta);
  const uy = Math.sin(theta);
  const cu = (minU + maxU) / 2;
  const cv = (minV + maxV) / 2;
  const center: Vec2 = [cu * ux - cv * uy, cu * uy + cv * ux];
  const du = maxU - minU;
  const dv = maxV - minV;
  return du >= dv
    ? { center, angle: normaliseAxis(theta), length: du, width: dv }
    : { center, angle: normaliseAxis(theta + Math.PI / 2), length: dv, width: du };
}

/** The rectangle's corners, counter-clockwise. */
export function rectCorners(r: OrientedRect): Vec2[] {
  return rectRing(r.center, r.angle, r.length, r.width);
}

/** A CCW rectangle centred on `center` with `length` along `angle` and `width` across it. */
export function rectRing(center: Vec2, angle: number, length: number, width: number): Vec2[] {
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  const hl = length / 2;
  const hw = width / 2;
  const pt = (s: number, t: number): Vec2 => [center[0] + s * ux - t * uy, center[1] + s * uy + t * ux];
  return [pt(-hl, -hw), pt(hl, -hw), pt(hl, hw), pt(-hl, hw)];
}

/**
 * Inner ring lies inside the outer ring (touching the boundary allowed, within `eps` metres):
 * every inner vertex is inside or on the outer ring, no edges cross properly, and the
 * midpoints of inner edges are inside too (catches an inner edge cutting across a notch
 * between two vertices that sit on the boundary).
 */
export function ringInRing(outer: readonly Vec2[], inner: readonly Vec2[], eps = 1e-6): boolean {
  const o = cleanRing(outer);
  const n = cleanRing(inner);
  if (o.length < 3 || n.length < 3) return false;
  for (const p of n) if (!pointInPolygon(p, o, true, eps)) return false;
  for (let i = 0; i < n.length; i++) {
    const a = at(n, i);
    const b = at(n, i + 1);
    if (!pointInPolygon([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], o, true, eps)) return false;
    for (let j = 0; j < o.length; j++) {
      if (segmentsCrossProperly(a, b, at(o, j), at(o, j + 1), eps)) return false;
    }
  }
  return true;
}
