import type { Vec3 } from '../types';
import { enuToEcef, toLngLat, type Origin } from '../geo/projection';
import { cgcs2000Gk3Zone, transverseMercator } from './gauss-kruger';

export type ExportCrs = 'cgcs2000-gk3' | 'ecef';

export interface CrsMapper {
  /** OGC CRS URL for CityJSON's `metadata.referenceSystem`. */
  url: string;
  epsg: number;
  toCrs(v: Vec3): Vec3;
}

/**
 * `cgcs2000-gk3`: easting/northing in the 3-degree Gauss-Krüger zone of the origin, height =
 * origin height + local z. Each (x, y) is projected from its point on the ellipsoid (the inverse
 * of how footprints entered the model), so walls stay vertical.
 * `ecef`: EPSG:4978, exact rigid transform of the local frame.
 */
export function crsMapper(origin: Origin, crs: ExportCrs): CrsMapper {
  if (crs === 'ecef') {
    return { url: 'https://www.opengis.net/def/crs/EPSG/0/4978', epsg: 4978, toCrs: (v) => enuToEcef(origin, v) };
  }
  const zone = cgcs2000Gk3Zone(origin.lng);
  const cache = new Map<string, [number, number]>();
  return {
    url: `https://www.opengis.net/def/crs/EPSG/0/${zone.epsg}`,
    epsg: zone.epsg,
    toCrs: ([x, y, z]) => {
      const key = `${x},${y}`;
      let en = cache.get(key);
      if (!en) {
        const [lng, lat] = toLngLat(origin, [x, y]);
        en = transverseMercator(zone.params, lng, lat);
        cache.set(key, en);
      }
      return [en[0], en[1], (origin.height ?? 0) + z];
    },
  };
}
