/** A synthetic community as the four files a registry import takes (CSV + GeoJSON). */
import type { ImportFileInput } from '@linli/cim/import/files';
import { BUILDING_COLUMNS, HOUSEHOLD_COLUMNS, headerOf, toCsv } from '@linli/cim/import/index';
import type { SyntheticCommunity } from '@linli/cim/synthetic/district';

const enc = (s: string) => new TextEncoder().encode(s);

export function registryFiles(c: SyntheticCommunity): ImportFileInput[] {
  const b = toCsv([
    BUILDING_COLUMNS.map(headerOf),
    ...c.buildings.map((x) => [x.code, x.name, x.floorsAbove, x.floorsBelow, x.floorHeight, x.units, x.use, x.year ?? '', x.structure ?? '', x.stairs, x.elevators]),
  ]);
  const h = toCsv([HOUSEHOLD_COLUMNS.map(headerOf), ...c.households.map((x) => [x.buildingCode, x.unit, x.floor, x.room, x.area ?? '', x.use, x.state])]);
  const fp = JSON.stringify({
    type: 'FeatureCollection',
    features: c.buildings.map((x) => ({ type: 'Feature', properties: { code: x.code }, geometry: { type: 'Polygon', coordinates: [[...x.footprint, x.footprint[0]]] } })),
  });
  const site = JSON.stringify({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { layer: 'boundary', communityCode: c.code, districtCode: c.districtCode }, geometry: { type: 'Polygon', coordinates: [[...c.boundary, c.boundary[0]]] } }],
  });
  return [
    { role: 'buildings', name: 'buildings.csv', bytes: enc(b) },
    { role: 'households', name: 'households.csv', bytes: enc(h) },
    { role: 'footprints', name: 'footprints.geojson', bytes: enc(fp) },
    { role: 'site', name: 'site.geojson', bytes: enc(site) },
  ];
}
