import { describe, expect, it } from 'vitest';
import { intersectRings, splitAlongLongAxis } from '../src/geo/clip';
import { containsPrism, prismArea, prismVolume } from '../src/geo/measure';
import {
  centroid,
  cleanRing,
  convexHull,
  locatePoint,
  makeCcw,
  orientation,
  orientedBoundingRect,
  perimeter,
  pointInPolygon,
  rectRing,
  ringArea,
  ringInRing,
  selfIntersects,
  signedArea,
} from '../src/geo/polygon';
import type { Vec2 } from '../src/types';

const square: Vec2[] = [[0, 0], [10, 0], [10, 10], [0, 10]];
const L: Vec2[] = [[0, 0], [30, 0], [30, 10], [10, 10], [10, 25], [0, 25]];

describe('ring basics', () => {
  it('area, orientation and CCW', () => {
    expect(signedArea(square)).toBe(100);
    expect(signedArea([...square].reverse())).toBe(-100);
    expect(orientation(square)).toBe('ccw');
    expect(orientation([...square].reverse())).toBe('cw');
    expect(orientation([[0, 0], [1, 1], [2, 2]])).toBe('degenerate');
    const fixed = makeCcw([...square, [0, 0] as Vec2].reverse());
    expect(fixed).toHaveLength(4);
    expect(signedArea(fixed)).toBe(100);
    expect(ringArea(L)).toBe(30 * 10 + 10 * 15);
  });

  it('cleanRing drops the closing point and repeated vertices', () => {
    expect(cleanRing<Vec2>([[0, 0], [0, 0], [1, 0], [1, 1], [1, 1], [0, 0]])).toEqual([[0, 0], [1, 0], [1, 1]]);
    expect(cleanRing<Vec2>([[0, 0], [1e-9, 0], [1, 0]], 1e-6)).toEqual([[0, 0], [1, 0]]);
  });

  it('centroid and perimeter', () => {
    expect(centroid(square)).toEqual([5, 5]);
    // L-shape: 300 m² at (15,5) + 150 m² at (5,17.5)
    const c = centroid(L);
    expect(c[0]).toBeCloseTo((300 * 15 + 150 * 5) / 450, 10);
    expect(c[1]).toBeCloseTo((300 * 5 + 150 * 17.5) / 450, 10);
    expect(perimeter(square)).toBe(40);
    // Far from the origin the shift keeps precision.
    const far = square.map(([x, y]) => [x + 4e6, y + 3e6] as Vec2);
    expect(signedArea(far)).toBeCloseTo(100, 6);
  });

  it('point in polygon, boundary aware', () => {
    expect(pointInPolygon([5, 5], square)).toBe(true);
    expect(pointInPolygon([15, 5], square)).toBe(false);
    expect(locatePoint([10, 5], square)).toBe('boundary');
    expect(pointInPolygon([10, 5], square, false)).toBe(false);
    // The notch of the L is outside.
    expect(pointInPolygon([20, 20], L)).toBe(false);
    expect(pointInPolygon([5, 20], L)).toBe(true);
  });

  it('self-intersection: bow-tie yes, L-shape and square no, spike yes', () => {
    expect(selfIntersects([[0, 0], [10, 10], [10, 0], [0, 10]])).toBe(true);
    expect(selfIntersects(L)).toBe(false);
    expect(selfIntersects(square)).toBe(false);
    expect(selfIntersects([[0, 0], [10, 0], [10, 10], [10, 5], [0, 10]])).toBe(true); // doubles back on itself
    expect(selfIntersects([[0, 0], [10, 0], [5, 5], [10, 10], [0, 10], [5, 5]])).toBe(true); // touches at a vertex
  });

  it('convex hull drops interior and collinear points', () => {
    const hull = convexHull([...L, [5, 5], [15, 0]]);
    expect(hull).toEqual([[0, 0], [30, 0], [30, 10], [10, 25], [0, 25]]);
    expect(orientation(hull)).toBe('ccw');
  });
});

describe('oriented minimum bounding rectangle', () => {
  for (const deg of [0, 17, 45, 63, 90, 118, -30]) {
    it(`recovers a 40 × 12 rectangle rotated ${deg}°`, () => {
      const θ = (deg * Math.PI) / 180;
      const ring = rectRing([100, -50], θ, 40, 12);
      // extra points on the edges and inside must not change anything
      const noisy = [...ring, [100, -50] as Vec2];
      const r = orientedBoundingRect(noisy);
      expect(r.length).toBeCloseTo(40, 9);
      expect(r.width).toBeCloseTo(12, 9);
      expect(r.center[0]).toBeCloseTo(100, 9);
      expect(r.center[1]).toBeCloseTo(-50, 9);
      // axis angle modulo π, reported in (-π/2, π/2]
      let expected = θ % Math.PI;
      if (expected > Math.PI / 2) expected -= Math.PI;
      if (expected <= -Math.PI / 2) expected += Math.PI;
      expect(r.angle).toBeCloseTo(expected, 9);
      expect(r.angle).toBeGreaterThan(-Math.PI / 2);
      expect(r.angle).toBeLessThanOrEqual(Math.PI / 2);
    });
  }

  it('is the minimum: a rotated L fits tighter than its axis-aligned box', () => {
    const θ = 0.4;
    const rot = L.map(([x, y]) => [x * Math.cos(θ) - y * Math.sin(θ), x * Math.sin(θ) + y * Math.cos(θ)] as Vec2);
    const r = orientedBoundingRect(rot);
    expect(r.length * r.width).toBeCloseTo(30 * 25, 6);
    expect(r.length).toBeCloseTo(30, 6);
    for (const p of rot) expect(pointInPolygon(p, rectRing(r.center, r.angle, r.length, r.width), true, 1e-6)).toBe(true);
  });
});

describe('clipping and containment', () => {
  it('splits a rectangle into equal slices that tile it', () => {
    const ring = rectRing([3, 4], 0.3, 60, 12);
    const slices = splitAlongLongAxis(ring, 4);
    expect(slices).toHaveLength(4);
    for (const s of slices) {
      expect(ringArea(s.ring)).toBeCloseTo(180, 4); // inputs snap to a 1 µm grid
      expect(s.droppedParts).toBe(0);
      expect(ringInRing(ring, s.ring)).toBe(true);
    }
  });

  it('keeps the largest part of a concave cut and reports the rest', () => {
    // A U: two legs joined at the bottom; the middle slice of 3 across the long (x) axis
    // spans only the base, the outer slices are whole legs — cut across y instead gives two parts.
    const U: Vec2[] = [[0, 0], [12, 0], [12, 40], [8, 40], [8, 4], [4, 4], [4, 40], [0, 40]];
    const slices = splitAlongLongAxis(U, 2);
    const top = slices[1];
    expect(top?.droppedParts).toBe(1);
    expect(top?.droppedArea).toBeCloseTo(4 * 20, 6);
    expect(intersectRings(U, rectRing([6, 30], 0, 20, 10))).toHaveLength(2);
  });

  it('ringInRing rejects an inner ring that crosses a notch', () => {
    expect(ringInRing(L, [[1, 1], [9, 1], [9, 24], [1, 24]])).toBe(true);
    expect(ringInRing(L, [[1, 1], [29, 1], [29, 24], [1, 24]])).toBe(false);
    // vertices on the boundary, edge across the notch
    expect(ringInRing(L, [[10, 25], [0, 0], [30, 10]])).toBe(false);
  });

  it('prism measures', () => {
    const p = { base: square, zMin: -3, zMax: 27 };
    expect(prismArea(p)).toBe(100);
    expect(prismVolume(p)).toBe(3000);
    expect(containsPrism(p, { base: [[1, 1], [9, 1], [9, 9]], zMin: 0, zMax: 3 })).toBe(true);
    expect(containsPrism(p, { base: [[1, 1], [9, 1], [9, 9]], zMin: 0, zMax: 30 })).toBe(false);
    expect(containsPrism(p, { base: [[1, 1], [11, 1], [9, 9]], zMin: 0, zMax: 3 })).toBe(false);
  });
});
