export { toCityJSON, CITYJSON_TYPES } from './cityjson';
export type { CityJSON, CityJSONObject, CityJSONGeometry, CityJSONOptions, CityJsonLod } from './cityjson';
export type { ExportCrs } from './crs';
export { facilitiesToGeoJSON, devicesToGeoJSON, buildingsToGeoJSON } from './geojson';
export type {
  FacilityItem,
  FacilityPoint,
  FacilityLine,
  DeviceItem,
  GeoJsonFeature,
  GeoJsonFeatureCollection,
  GeoJsonGeometry,
} from './geojson';
export { toGlb, buildGlb, metadataSchema, METADATA_SCHEMA_ID } from './gltf';
export type { GlbOptions, GlbResult } from './gltf';
export { FEATURE_CLASSES, defaultFeatureLevel, collectFeatures } from './features';
export type { FeatureLevel, MetadataProperty } from './features';
export { decodeGlb } from './glb';
export { buildTileset } from './tileset';
export type { Tile, Tileset, TilesetOptions, TilesetResult } from './tileset';
export { contentHash } from './hash';
export { cgcs2000Gk3Zone, transverseMercator } from './gauss-kruger';
export type { TransverseMercator, GkZone } from './gauss-kruger';
export { zipStore, unzipStore, crc32 } from './zip';
export type { ZipEntry } from './zip';
export { siteToGeoJSON } from './site-geojson';
