/**
 * Transverse Mercator by Krüger's n-series (4th order: sub-millimetre within a few degrees of
 * the central meridian), used for CGCS2000 3-degree Gauss-Krüger, the national projected CRS
 * that CIM deliverables in China are expected to use.
 */
const DEG = Math.PI / 180;

export interface TransverseMercator {
  a: number;
  f: number;
  /** Central meridian and latitude of origin, degrees. */
  lng0: number;
  lat0: number;
  k0: number;
  falseEasting: number;
  falseNorthing: number;
}

export const CGCS2000_ELLIPSOID = { a: 6378137, f: 1 / 298.257222101 } as const;

function series(f: number) {
  const n = f / (2 - f);
  const n2 = n * n;
  const n3 = n2 * n;
  const n4 = n3 * n;
  const rect = (1 + n2 / 4 + n4 / 64) / (1 + n);
  const alpha = [
    n / 2 - (2 * n2) / 3 + (5 * n3) / 16 + (41 * n4) / 180,
    (13 * n2) / 48 - (3 * n3) / 5 + (557 * n4) / 1440,
    (61 * n3) / 240 - (103 * n4) / 140,
    (49561 * n4) / 161280,
  ];
  return { e: Math.sqrt(f * (2 - f)), rect, alpha };
}

/** Unscaled (ξ·A, η·A) for a point; ξ·A on the central meridian is the meridian arc. */
function gauss(p: TransverseMercator, lng: number, lat: number): [number, number] {
  const { e, rect, alpha } = series(p.f);
  const phi = lat * DEG;
  const dl = (lng - p.lng0) * DEG;
  const s = Math.sin(phi);
  const t = Math.sinh(Math.atanh(s) - e * Math.atanh(e * s));
  const xi1 = Math.atan2(t, Math.cos(dl));
  const eta1 = Math.atanh(Math.sin(dl) / Math.sqrt(1 + t * t));
  let xi = xi1;
  let eta = eta1;
  alpha.forEach((aj, i) => {
    const k = 2 * (i + 1);
    xi += aj * Math.sin(k * xi1) * Math.cosh(k * eta1);
    eta += aj * Math.cos(k * xi1) * Math.sinh(k * eta1);
  });
  const A = p.a * rect;
  return [A * xi, A * eta];
}

/** [easting, northing] in metres. */
export function transverseMercator(p: TransverseMercator, lng: number, lat: number): [number, number] {
  const [x, y] = gauss(p, lng, lat);
  const [x0] = gauss(p, p.lng0, p.lat0);
  return [p.falseEasting + p.k0 * y, p.falseNorthing + p.k0 * (x - x0)];
}

export interface GkZone {
  centralMeridian: number;
  /** EPSG code of "CGCS2000 / 3-degree Gauss-Kruger CM <n>E" (no zone prefix in the easting). */
  epsg: number;
  params: TransverseMercator;
}

/** The 3-degree zone whose central meridian is nearest to `lng` (zones CM 75E … 135E, EPSG:4534–4554). */
export function cgcs2000Gk3Zone(lng: number): GkZone {
  const cm = Math.min(135, Math.max(75, Math.round(lng / 3) * 3));
  return {
    centralMeridian: cm,
    epsg: 4534 + (cm - 75) / 3,
    params: { ...CGCS2000_ELLIPSOID, lng0: cm, lat0: 0, k0: 1, falseEasting: 500000, falseNorthing: 0 },
  };
}
