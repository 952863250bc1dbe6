import { ringArea, selfIntersects, signedArea, cleanRing } from '../geo/polygon';
import { toLocal } from '../geo/projection';
import type { LngLat, Vec2 } from '../types';
import type { Problem } from './problems';

/** Plausible extent of mainland China and its islands (lng 73–136, lat 3–54). */
export const CHINA_BOUNDS = { minLng: 73, maxLng: 136, minLat: 3, maxLat: 54 } as const;
/** Below this a footprint is a digitising slip, not a building. */
export const MIN_FOOTPRINT_AREA_M2 = 10;
/** Above this (1 km²) a "building" is almost certainly a wrong unit or a swapped coordinate. */
export const MAX_FOOTPRINT_AREA_M2 = 1_000_000;
/** Vertices closer than this (≈ 1 cm) are the same vertex. */
const DUPLICATE_EPS_DEG = 1e-7;

export interface FootprintCheckOptions {
  /**
   * 'ring' (default): an open ring is fine, it is closed automatically. 'geojson': the ring
   * comes from a GeoJSON Polygon, where RFC 7946 requires it closed — an open one is a warning.
   */
  mode?: 'ring' | 'geojson';
}

const problem = (code: Problem['code'], severity: Problem['severity'], fixable: boolean, zh: string, en: string): Problem => ({
  code,
  severity,
  fixable,
  zh,
  en,
});

export function validateFootprint(ring: readonly LngLat[], options: FootprintCheckOptions = {}): Problem[] {
  const out: Problem[] = [];
  if (!Array.isArray(ring) || ring.some((p) => !Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) {
    return [problem('invalid_coordinate', 'error', false, '轮廓含无效坐标（应为 [经度, 纬度] 数值）', 'The outline has invalid coordinates (expected [longitude, latitude] numbers)')];
  }
  const outside = ring.filter(
    ([lng, lat]) => lng < CHINA_BOUNDS.minLng || lng > CHINA_BOUNDS.maxLng || lat < CHINA_BOUNDS.minLat || lat > CHINA_BOUNDS.maxLat,
  );
  if (outside.length > 0) {
    const [lng, lat] = outside[0] as LngLat;
    const swapped = lat >= CHINA_BOUNDS.minLng && lat <= CHINA_BOUNDS.maxLng && lng >= CHINA_BOUNDS.minLat && lng <= CHINA_BOUNDS.maxLat;
    out.push(
      problem(
        'outside_china',
        'error',
        false,
        `坐标 (${lng}, ${lat}) 不在中国范围内（经度 73–136，纬度 3–54）${swapped ? '，经纬度可能写反了' : ''}`,
        `Coordinate (${lng}, ${lat}) is outside China (longitude 73–136, latitude 3–54)${swapped ? '; longitude and latitude may be swapped' : ''}`,
      ),
    );
  }
  const distinct = cleanRing(ring, DUPLICATE_EPS_DEG);
  if (distinct.length < 3) {
    out.push(
      problem('too_few_points', 'error', false, `轮廓只有 ${distinct.length} 个不同的点，至少需要 3 个`, `The outline has ${distinct.length} distinct points; at least 3 are needed`),
    );
    return out;
  }
  if ((options.mode ?? 'ring') === 'geojson') {
    const first = ring[0] as LngLat;
    const last = ring[ring.length - 1] as LngLat;
    if (first[0] !== last[0] || first[1] !== last[1]) {
      out.push(
        problem('not_closed', 'warning', true, '多边形未闭合（首尾点不同），将自动闭合', 'The polygon is not closed (first and last points differ); it will be closed automatically'),
      );
    }
  }
  const n = distinct.length;
  const origin = {
    lng: distinct.reduce((s, p) => s + p[0], 0) / n,
    lat: distinct.reduce((s, p) => s + p[1], 0) / n,
  };
  const local: Vec2[] = distinct.map((p) => toLocal(origin, p));
  const crossing = selfIntersects(local);
  if (crossing) {
    out.push(problem('self_intersection', 'error', false, '轮廓自相交（边相互交叉或重叠）', 'The outline intersects itself (edges cross or overlap)'));
  }
  const area = signedArea(local);
  if (!crossing && area < 0) {
    out.push(
      problem('wrong_winding', 'warning', true, '轮廓为顺时针方向，应为逆时针（RFC 7946），将自动反转', 'The outline is clockwise; it should be counter-clockwise (RFC 7946) and will be reversed'),
    );
  }
  // A crossing ring's shoelace area is meaningless (a bow-tie's is 0): report the crossing only.
  if (crossing) return out;
  const abs = ringArea(local);
  if (abs < MIN_FOOTPRINT_AREA_M2) {
    out.push(
      problem('zero_area', 'error', false, `轮廓面积仅 ${abs.toFixed(1)} m²（少于 10 m²）`, `The outline's area is only ${abs.toFixed(1)} m² (under 10 m²)`),
    );
  } else if (abs > MAX_FOOTPRINT_AREA_M2) {
    out.push(
      problem(
        'too_large',
        'error',
        false,
        `轮廓面积 ${(abs / 1e6).toFixed(2)} km² 超过 1 km²，请检查坐标`,
        `The outline's area is ${(abs / 1e6).toFixed(2)} km², over 1 km²; check the coordinates`,
      ),
    );
  }
  return out;
}
