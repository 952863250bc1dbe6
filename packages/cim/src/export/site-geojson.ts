import type { CommunityRegistry, SiteInput } from '../site/types';
import type { LngLat } from '../types';
import type { GeoJsonFeature, GeoJsonFeatureCollection, GeoJsonGeometry } from './geojson';

/**
 * The community's ground and facilities as one GeoJSON layer set (R6.2.1): the boundary, roads
 * (centre lines with their width), parking outlines and every facility with its kind. Each
 * feature's `layer` says which of the four it is, so GIS tools can split them by attribute.
 */
export function siteToGeoJSON(site: SiteInput, community?: CommunityRegistry['community']): GeoJsonFeatureCollection {
  const features: GeoJsonFeature[] = [];
  let skipped = 0;
  const push = (id: string, geometry: GeoJsonGeometry | null, properties: Record<string, unknown>) => {
    if (!geometry) {
      skipped++;
      return;
    }
    features.push({ type: 'Feature', id, geometry, properties: { id, ...properties, ...(community ? { community: community.code } : {}) } });
  };
  if (site.boundary.length >= 3) push('boundary', polygon([site.boundary]), { layer: 'boundary' });
  for (const r of site.roads) push(r.code, line(r.centerline), { layer: 'road', code: r.code, name: r.name, width: r.width });
  for (const p of site.parking)
    push(p.code, polygon([p.outline]), { layer: 'parking', code: p.code, name: p.name, spaces: p.spaces, underground: p.underground, buildingCode: p.buildingCode ?? null });
  for (const f of site.facilities) {
    const g = f.geometry;
    const geometry = g.type === 'Point' ? point(g.coordinates) : g.type === 'LineString' ? line(g.coordinates) : polygon(g.coordinates);
    push(f.code, geometry, { layer: 'facility', code: f.code, kind: f.kind, name: f.name, level: f.level, height: f.height ?? null, buildingCode: f.buildingCode ?? null });
  }
  return { type: 'FeatureCollection', features, skipped };
}

const ok = (p: LngLat | undefined): p is LngLat =>
  !!p && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;

function point(p: LngLat): GeoJsonGeometry | null {
  return ok(p) ? { type: 'Point', coordinates: [p[0], p[1]] } : null;
}

function line(ps: LngLat[]): GeoJsonGeometry | null {
  return ps.length >= 2 && ps.every(ok) ? { type: 'LineString', coordinates: ps.map((p) => [p[0], p[1]] as LngLat) } : null;
}

/** RFC 7946: rings closed; the exterior counter-clockwise, holes clockwise. */
function polygon(rings: LngLat[][]): GeoJsonGeometry | null {
  const out: LngLat[][] = [];
  for (const [i, ring] of rings.entries()) {
    if (!ring.every(ok)) return null;
    const r = ring.map((p) => [p[0], p[1]] as LngLat);
    const first = r[0];
    const last = r[r.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) r.push([first[0], first[1]]);
    if (r.length < 4) return null;
    const ccw = signedArea(r) > 0;
    if ((i === 0) !== ccw) r.reverse();
    out.push(r);
  }
  return out.length ? { type: 'Polygon', coordinates: out } : null;
}

function signedArea(r: LngLat[]): number {
  let s = 0;
  for (let i = 0; i + 1 < r.length; i++) s += r[i]![0] * r[i + 1]![1] - r[i + 1]![0] * r[i]![1];
  return s / 2;
}
