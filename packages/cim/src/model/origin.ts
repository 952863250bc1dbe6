import { centroid, cleanRing, signedArea } from '../geo/polygon';
import { ringToLocal, toLngLat, type Origin } from '../geo/projection';
import type { LngLat } from '../types';

/**
 * The area-weighted centroid of all footprints, rounded to 1e-9° (≈ 0.1 mm) so that float
 * noise from summation order cannot make two builds of the same registry differ.
 */
export function footprintsCentroid(footprints: readonly (readonly LngLat[])[]): Origin {
  const rings = footprints.map((f) => cleanRing(f)).filter((r) => r.length > 0);
  const all = rings.flat();
  if (all.length === 0) throw new Error('footprintsCentroid: no footprints');
  const provisional = {
    lng: all.reduce((s, p) => s + p[0], 0) / all.length,
    lat: all.reduce((s, p) => s + p[1], 0) / all.length,
  };
  let w = 0;
  let x = 0;
  let y = 0;
  for (const r of rings) {
    const local = ringToLocal(provisional, r);
    const a = Math.abs(signedArea(local));
    const [cx, cy] = centroid(local);
    w += a;
    x += a * cx;
    y += a * cy;
  }
  const [lng, lat] = w > 0 ? toLngLat(provisional, [x / w, y / w]) : [provisional.lng, provisional.lat];
  const round = (v: number): number => Math.round(v * 1e9) / 1e9;
  return { lng: round(lng), lat: round(lat) };
}
