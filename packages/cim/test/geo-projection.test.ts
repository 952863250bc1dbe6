import { describe, expect, it } from 'vitest';
import {
  ecefToGeodetic,
  enuFrame,
  enuToEcef,
  geodeticToEcef,
  radiiOfCurvature,
  toLngLat,
  toLocal,
} from '../src/geo/projection';
import type { LngLat } from '../src/types';

const A = 6378137;
const F = 1 / 298.257223563;
const B = A * (1 - F);
const RAD = Math.PI / 180;

/** Vincenty's inverse formula: geodesic distance on WGS84 — an independent reference. */
function vincenty([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const L = (lng2 - lng1) * RAD;
  const U1 = Math.atan((1 - F) * Math.tan(lat1 * RAD));
  const U2 = Math.atan((1 - F) * Math.tan(lat2 * RAD));
  const [sU1, cU1, sU2, cU2] = [Math.sin(U1), Math.cos(U1), Math.sin(U2), Math.cos(U2)];
  let λ = L;
  let sσ = 0, cσ = 0, σ = 0, c2α = 0, c2σm = 0;
  for (let i = 0; i < 200; i++) {
    const sλ = Math.sin(λ), cλ = Math.cos(λ);
    sσ = Math.hypot(cU2 * sλ, cU1 * sU2 - sU1 * cU2 * cλ);
    if (sσ === 0) return 0;
    cσ = sU1 * sU2 + cU1 * cU2 * cλ;
    σ = Math.atan2(sσ, cσ);
    const sα = (cU1 * cU2 * sλ) / sσ;
    c2α = 1 - sα * sα;
    c2σm = c2α === 0 ? 0 : cσ - (2 * sU1 * sU2) / c2α;
    const C = (F / 16) * c2α * (4 + F * (4 - 3 * c2α));
    const prev = λ;
    λ = L + (1 - C) * F * sα * (σ + C * sσ * (c2σm + C * cσ * (-1 + 2 * c2σm * c2σm)));
    if (Math.abs(λ - prev) < 1e-13) break;
  }
  const u2 = (c2α * (A * A - B * B)) / (B * B);
  const kA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const kB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  const dσ = kB * sσ * (c2σm + (kB / 4) * (cσ * (-1 + 2 * c2σm * c2σm) - (kB / 6) * c2σm * (-3 + 4 * sσ * sσ) * (-3 + 4 * c2σm * c2σm)));
  return B * kA * (σ - dσ);
}

/** Latitude reached 1 km north along the meridian, by integrating the meridional radius. */
function latAfterMeridianArc(lat0: number, metres: number): number {
  let lat = lat0;
  const steps = 1000;
  const ds = metres / steps;
  for (let i = 0; i < steps; i++) {
    // Midpoint rule on dφ/ds = 1/M(φ).
    const mid = lat + (ds / radiiOfCurvature(lat).meridional / RAD) / 2;
    lat += ds / radiiOfCurvature(mid).meridional / RAD;
  }
  return lat;
}

const dist = (a: [number, number], b: [number, number]): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

describe('local ENU projection', () => {
  for (const lat of [31, 40]) {
    const origin = { lng: 116.4, lat };

    it(`1 km along the meridian at ${lat}°N is 1 km in the local frame`, () => {
      const north: LngLat = [origin.lng, latAfterMeridianArc(lat, 1000)];
      const p = toLocal(origin, north);
      expect(Math.abs(p[0])).toBeLessThan(1e-6);
      expect(Math.abs(p[1] - 1000)).toBeLessThan(0.01);
      expect(Math.abs(vincenty([origin.lng, lat], north) - 1000)).toBeLessThan(0.01);
    });

    it(`1 km along the parallel at ${lat}°N is 1 km in the local frame`, () => {
      const dLng = 1000 / (radiiOfCurvature(lat).primeVertical * Math.cos(lat * RAD) * RAD);
      const east: LngLat = [origin.lng + dLng, lat];
      const p = toLocal(origin, east);
      // Arc along the parallel vs. chord in the tangent plane: differ by far under a millimetre.
      expect(Math.abs(Math.hypot(p[0], p[1]) - 1000)).toBeLessThan(0.01);
      // A parallel is a small circle: it bends poleward off the east axis by ≈ d² tanφ / 2N.
      const bend = (1000 * 1000 * Math.tan(lat * RAD)) / (2 * radiiOfCurvature(lat).primeVertical);
      expect(Math.abs(p[1] - bend)).toBeLessThan(0.001);
    });

    it(`distances within 2 km match the geodesic to < 0.1 m at ${lat}°N, round trip exact`, () => {
      const pts: LngLat[] = [];
      for (let k = 0; k < 24; k++) {
        const az = (k * 15 * Math.PI) / 180;
        const r = 2000 * ((k % 4) + 1) / 4;
        pts.push(toLngLat(origin, [r * Math.sin(az), r * Math.cos(az)]));
      }
      for (const p of pts) {
        const local = toLocal(origin, p);
        expect(Math.abs(Math.hypot(local[0], local[1]) - vincenty([origin.lng, origin.lat], p))).toBeLessThan(0.1);
        const back = toLngLat(origin, local);
        expect(Math.abs(back[0] - p[0])).toBeLessThan(1e-10);
        expect(Math.abs(back[1] - p[1])).toBeLessThan(1e-10);
      }
      // Between two arbitrary points, not just from the origin.
      for (let k = 0; k + 7 < pts.length; k++) {
        const a = pts[k] as LngLat;
        const b = pts[k + 7] as LngLat;
        expect(Math.abs(dist(toLocal(origin, a), toLocal(origin, b)) - vincenty(a, b))).toBeLessThan(0.1);
      }
    });
  }

  it('the ENU frame is orthonormal, right-handed and sits on the ellipsoid', () => {
    const origin = { lng: 121.47, lat: 31.23, height: 12 };
    const m = enuFrame(origin);
    expect(m).toHaveLength(16);
    const col = (i: number): number[] => m.slice(i * 4, i * 4 + 3);
    const dot = (a: number[], b: number[]): number => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0);
    const [e, n, u] = [col(0), col(1), col(2)];
    for (const v of [e, n, u]) expect(dot(v, v)).toBeCloseTo(1, 12);
    expect(dot(e, n)).toBeCloseTo(0, 12);
    expect(dot(e, u)).toBeCloseTo(0, 12);
    expect(dot(n, u)).toBeCloseTo(0, 12);
    // e × n = u
    const cx = [(e[1] ?? 0) * (n[2] ?? 0) - (e[2] ?? 0) * (n[1] ?? 0), (e[2] ?? 0) * (n[0] ?? 0) - (e[0] ?? 0) * (n[2] ?? 0), (e[0] ?? 0) * (n[1] ?? 0) - (e[1] ?? 0) * (n[0] ?? 0)];
    cx.forEach((v, i) => expect(v).toBeCloseTo(u[i] ?? NaN, 12));
    expect([m[3], m[7], m[11], m[15]]).toEqual([0, 0, 0, 1]);
    const o = geodeticToEcef(origin.lng, origin.lat, origin.height);
    expect(m.slice(12, 15)).toEqual(o);
    const g = ecefToGeodetic(o);
    expect(g.lng).toBeCloseTo(origin.lng, 10);
    expect(g.lat).toBeCloseTo(origin.lat, 10);
    expect(g.height).toBeCloseTo(12, 6);
  });

  it('enuToEcef agrees with the matrix and with geodetic positions', () => {
    const origin = { lng: 121.47, lat: 31.23 };
    const m = enuFrame(origin);
    const p: [number, number, number] = [150, -80, 45];
    const viaMatrix = [0, 1, 2].map((r) => (m[r] ?? 0) * p[0] + (m[4 + r] ?? 0) * p[1] + (m[8 + r] ?? 0) * p[2] + (m[12 + r] ?? 0));
    const direct = enuToEcef(origin, p);
    direct.forEach((v, i) => expect(v).toBeCloseTo(viaMatrix[i] ?? NaN, 6));
    // A ground point lifted by its local drop lands on the ellipsoid at its lng/lat.
    const ll = toLngLat(origin, [300, 400]);
    const onEllipsoid = geodeticToEcef(ll[0], ll[1], 0);
    const g = ecefToGeodetic(enuToEcef(origin, [300, 400, 0]));
    expect(g.lng).toBeCloseTo(ll[0], 8);
    expect(g.lat).toBeCloseTo(ll[1], 8);
    // 500 m out, the tangent plane is ≈ 500²/2R ≈ 2 cm above the ellipsoid.
    expect(g.height).toBeGreaterThan(0.015);
    expect(g.height).toBeLessThan(0.025);
    expect(onEllipsoid).toHaveLength(3);
  });
});
