import type { CimModel, LngLat } from '../types';
import { toLngLat } from '../geo/projection';
import { normalizeRing } from './prism';

/** RFC 7946 shapes, narrowed to what these exports emit. */
export type GeoJsonGeometry =
  | { type: 'Point'; coordinates: LngLat }
  | { type: 'LineString'; coordinates: LngLat[] }
  | { type: 'Polygon'; coordinates: LngLat[][] };

export interface GeoJsonFeature<P = Record<string, unknown>> {
  type: 'Feature';
  id?: string | number;
  geometry: GeoJsonGeometry;
  properties: P;
}

/** `skipped` is an RFC 7946 §6.1 foreign member: inputs left out for lack of coordinates. */
export interface GeoJsonFeatureCollection<P = Record<string, unknown>> {
  type: 'FeatureCollection';
  features: GeoJsonFeature<P>[];
  skipped: number;
}

type Id = string | number;
export interface FacilityPoint {
  id: Id;
  kind: string;
  name: string;
  lng: number | null;
  lat: number | null;
  props?: Record<string, unknown>;
}
export interface FacilityLine {
  id: Id;
  kind: string;
  name: string;
  line: LngLat[];
  props?: Record<string, unknown>;
}
export type FacilityItem = FacilityPoint | FacilityLine;

export interface DeviceItem {
  id: Id;
  code: string;
  kind: string;
  name: string;
  lng: number | null;
  lat: number | null;
  online?: boolean;
  buildingCode?: string | null;
}

function validLngLat(lng: unknown, lat: unknown): [number, number] | null {
  if (typeof lng !== 'number' || typeof lat !== 'number') return null;
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return null;
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) return null;
  return [lng, lat];
}

export function facilitiesToGeoJSON(items: readonly FacilityItem[]): GeoJsonFeatureCollection {
  const features: GeoJsonFeature[] = [];
  let skipped = 0;
  for (const item of items) {
    let geometry: GeoJsonGeometry | null = null;
    if ('line' in item) {
      const pts = item.line.map(([lng, lat]) => validLngLat(lng, lat));
      if (pts.length >= 2 && pts.every((p) => p !== null)) {
        geometry = { type: 'LineString', coordinates: pts as LngLat[] };
      }
    } else {
      const p = validLngLat(item.lng, item.lat);
      if (p) geometry = { type: 'Point', coordinates: p };
    }
    if (!geometry) {
      skipped++;
      continue;
    }
    features.push({
      type: 'Feature',
      id: item.id,
      geometry,
      properties: { ...item.props, id: item.id, kind: item.kind, name: item.name },
    });
  }
  return { type: 'FeatureCollection', features, skipped };
}

export function devicesToGeoJSON(devices: readonly DeviceItem[]): GeoJsonFeatureCollection {
  const features: GeoJsonFeature[] = [];
  let skipped = 0;
  for (const d of devices) {
    const p = validLngLat(d.lng, d.lat);
    if (!p) {
      skipped++;
      continue;
    }
    features.push({
      type: 'Feature',
      id: d.id,
      geometry: { type: 'Point', coordinates: p },
      properties: {
        id: d.id,
        code: d.code,
        kind: d.kind,
        name: d.name,
        online: d.online ?? null,
        buildingCode: d.buildingCode ?? null,
      },
    });
  }
  return { type: 'FeatureCollection', features, skipped };
}

/** Footprints back in WGS84; exterior rings counter-clockwise and closed (RFC 7946 §3.1.6). */
export function buildingsToGeoJSON(model: CimModel): GeoJsonFeatureCollection {
  const features: GeoJsonFeature[] = [];
  let skipped = 0;
  for (const b of model.buildings) {
    const ring = normalizeRing(b.prism.base);
    if (ring.length < 3) {
      skipped++;
      continue;
    }
    const coords = ring.map(([x, y]): LngLat => {
      const [lng, lat] = toLngLat(model.origin, [x, y]);
      return [round9(lng), round9(lat)];
    });
    coords.push([coords[0]![0], coords[0]![1]]);
    features.push({
      type: 'Feature',
      id: b.address || b.code,
      geometry: { type: 'Polygon', coordinates: [coords] },
      properties: {
        code: b.code,
        name: b.name,
        address_code: b.address,
        use: b.use,
        floorsAbove: b.floorsAbove,
        floorsBelow: b.floorsBelow,
        floorHeight: b.floorHeight,
        baseHeight: model.origin.height + b.prism.zMin,
        height: model.origin.height + b.prism.zMax,
      },
    });
  }
  return { type: 'FeatureCollection', features, skipped };
}

/** 1e-9° ≈ 0.1 mm: well below the registry's precision, keeps the output readable. */
function round9(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
