import type { Prism, Vec2, Vec3 } from '../types';

/** Twice the signed area (positive = counter-clockwise). */
export function signedArea2(ring: readonly Vec2[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s;
}

/**
 * The ring open (no repeated closing vertex), without consecutive duplicates, counter-clockwise.
 * The contract says CCW already; re-checking is cheap and protects the outward orientation every
 * export depends on.
 */
export function normalizeRing(ring: readonly Vec2[]): Vec2[] {
  const out: Vec2[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push([p[0], p[1]]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop();
  if (signedArea2(out) < 0) out.reverse();
  return out;
}

export interface PrismFaces {
  /** Counter-clockwise base ring (open). */
  ring: Vec2[];
  zMin: number;
  zMax: number;
  /** Bottom, top, then one wall per ring edge; each polygon CCW seen from outside. */
  faces: Vec3[][];
}

export function prismFaces(p: Prism): PrismFaces {
  const ring = normalizeRing(p.base);
  const bottom = ring.map(([x, y]): Vec3 => [x, y, p.zMin]).reverse();
  const top = ring.map(([x, y]): Vec3 => [x, y, p.zMax]);
  const walls = ring.map(([x0, y0], i): Vec3[] => {
    const [x1, y1] = ring[(i + 1) % ring.length]!;
    return [
      [x0, y0, p.zMin],
      [x1, y1, p.zMin],
      [x1, y1, p.zMax],
      [x0, y0, p.zMax],
    ];
  });
  return { ring, zMin: p.zMin, zMax: p.zMax, faces: [bottom, top, ...walls] };
}
