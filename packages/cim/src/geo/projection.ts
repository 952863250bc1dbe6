import type { LngLat, Vec2, Vec3 } from '../types';

/**
 * Local East-North-Up frame around an origin on the WGS84 ellipsoid. Model coordinates are
 * metres in this frame (x east, y north, z up). `toLocal` is the exact tangent-plane ENU of a
 * point on the ellipsoid (via ECEF), so distances within a few kilometres are true to
 * millimetres; `toLngLat` inverts it by Newton iteration so round trips are exact.
 */
export interface Origin {
  lng: number;
  lat: number;
  height?: number;
}

export const WGS84 = {
  a: 6378137,
  f: 1 / 298.257223563,
} as const;
const E2 = WGS84.f * (2 - WGS84.f);
const DEG = Math.PI / 180;

/** Radii of curvature at a latitude: meridional (M, north-south) and prime vertical (N). */
export function radiiOfCurvature(latDeg: number): { meridional: number; primeVertical: number } {
  const s = Math.sin(latDeg * DEG);
  const w = 1 - E2 * s * s;
  return { meridional: (WGS84.a * (1 - E2)) / (w * Math.sqrt(w)), primeVertical: WGS84.a / Math.sqrt(w) };
}

export function geodeticToEcef(lng: number, lat: number, height = 0): Vec3 {
  const φ = lat * DEG;
  const λ = lng * DEG;
  const sφ = Math.sin(φ);
  const cφ = Math.cos(φ);
  const n = WGS84.a / Math.sqrt(1 - E2 * sφ * sφ);
  return [(n + height) * cφ * Math.cos(λ), (n + height) * cφ * Math.sin(λ), (n * (1 - E2) + height) * sφ];
}

/** ECEF → { lng, lat, height } (Bowring's iteration; converges to < 1e-12 rad in a few steps). */
export function ecefToGeodetic([x, y, z]: Vec3): { lng: number; lat: number; height: number } {
  const p = Math.hypot(x, y);
  const lng = Math.atan2(y, x);
  let φ = Math.atan2(z, p * (1 - E2));
  let h = 0;
  for (let i = 0; i < 8; i++) {
    const s = Math.sin(φ);
    const n = WGS84.a / Math.sqrt(1 - E2 * s * s);
    h = Math.abs(Math.cos(φ)) > 1e-9 ? p / Math.cos(φ) - n : Math.abs(z) - n * (1 - E2);
    const next = Math.atan2(z, p * (1 - (E2 * n) / (n + h)));
    if (Math.abs(next - φ) < 1e-14) {
      φ = next;
      break;
    }
    φ = next;
  }
  return { lng: lng / DEG, lat: φ / DEG, height: h };
}

interface Basis {
  e: Vec3;
  n: Vec3;
  u: Vec3;
  o: Vec3;
}

function basis(origin: Origin): Basis {
  const φ = origin.lat * DEG;
  const λ = origin.lng * DEG;
  const sφ = Math.sin(φ);
  const cφ = Math.cos(φ);
  const sλ = Math.sin(λ);
  const cλ = Math.cos(λ);
  return {
    e: [-sλ, cλ, 0],
    n: [-sφ * cλ, -sφ * sλ, cφ],
    u: [cφ * cλ, cφ * sλ, sφ],
    o: geodeticToEcef(origin.lng, origin.lat, origin.height ?? 0),
  };
}

/** ENU metres around `origin` → ECEF metres. */
export function enuToEcef(origin: Origin, [x, y, z]: Vec3): Vec3 {
  const { e, n, u, o } = basis(origin);
  return [
    o[0] + x * e[0] + y * n[0] + z * u[0],
    o[1] + x * e[1] + y * n[1] + z * u[1],
    o[2] + x * e[2] + y * n[2] + z * u[2],
  ];
}

/** ECEF metres → ENU metres around `origin`. */
export function ecefToEnu(origin: Origin, p: Vec3): Vec3 {
  const { e, n, u, o } = basis(origin);
  const d: Vec3 = [p[0] - o[0], p[1] - o[1], p[2] - o[2]];
  const dot = (a: Vec3): number => a[0] * d[0] + a[1] * d[1] + a[2] * d[2];
  return [dot(e), dot(n), dot(u)];
}

/**
 * The ENU → ECEF transform as a 4×4 column-major matrix (glTF / 3D Tiles `transform`):
 * columns are east, north, up and the origin in ECEF.
 */
export function enuFrame(origin: Origin): number[] {
  const { e, n, u, o } = basis(origin);
  return [e[0], e[1], e[2], 0, n[0], n[1], n[2], 0, u[0], u[1], u[2], 0, o[0], o[1], o[2], 1];
}

/** Longitude/latitude (on the ellipsoid, height 0) → local ENU x/y in metres. */
export function toLocal(origin: Origin, [lng, lat]: LngLat): Vec2 {
  const [x, y] = ecefToEnu(origin, geodeticToEcef(lng, lat, 0));
  return [x, y];
}

/**
 * Local x/y → longitude/latitude: the point on the ellipsoid whose ENU projection is (x, y).
 * Starts from the radii-of-curvature approximation and refines with Newton steps using the
 * same local scale, so `toLocal(o, toLngLat(o, p))` reproduces `p` to well under a millimetre.
 */
export function toLngLat(origin: Origin, [x, y]: Vec2): LngLat {
  const { meridional, primeVertical } = radiiOfCurvature(origin.lat);
  const kLat = 1 / (meridional * DEG);
  const kLng = 1 / (primeVertical * Math.cos(origin.lat * DEG) * DEG);
  let lng = origin.lng + x * kLng;
  let lat = origin.lat + y * kLat;
  for (let i = 0; i < 6; i++) {
    const [px, py] = toLocal(origin, [lng, lat]);
    const dx = x - px;
    const dy = y - py;
    if (Math.abs(dx) < 1e-7 && Math.abs(dy) < 1e-7) break;
    lng += dx * kLng;
    lat += dy * kLat;
  }
  return [lng, lat];
}

/** A whole ring to local coordinates. */
export function ringToLocal(origin: Origin, ring: readonly LngLat[]): Vec2[] {
  return ring.map((p) => toLocal(origin, p));
}
