import { BUILDING_COLUMNS, HOUSEHOLD_COLUMNS, headerOf } from './columns';
import { toCsv } from './csv';

export const buildingsTemplateCsv = (): string => toCsv([BUILDING_COLUMNS.map(headerOf), ...[0, 1].map((i) => BUILDING_COLUMNS.map((c) => c.example[i] ?? ''))]);
export const householdsTemplateCsv = (): string => toCsv([HOUSEHOLD_COLUMNS.map(headerOf), ...[0, 1].map((i) => HOUSEHOLD_COLUMNS.map((c) => c.example[i] ?? ''))]);

/** Example GeoJSON for the footprints and the ground, in the exact shape the import reads. */
export function footprintsTemplate(): string {
  return JSON.stringify(
    {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: 'B01' },
          geometry: { type: 'Polygon', coordinates: [[[121.2281, 31.0311], [121.2285, 31.0311], [121.2285, 31.0313], [121.2281, 31.0313], [121.2281, 31.0311]]] },
        },
      ],
    },
    null,
    1,
  );
}

export function siteTemplate(): string {
  return JSON.stringify(
    {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { layer: 'boundary', communityCode: 'FSXY', districtCode: '310117005' },
          geometry: { type: 'Polygon', coordinates: [[[121.227, 31.030], [121.230, 31.030], [121.230, 31.0325], [121.227, 31.0325], [121.227, 31.030]]] },
        },
        { type: 'Feature', properties: { layer: 'road', code: 'R01', name: '主路', width: 7 }, geometry: { type: 'LineString', coordinates: [[121.2272, 31.0305], [121.2298, 31.0305]] } },
        {
          type: 'Feature',
          properties: { layer: 'parking', code: 'P01', name: '地面停车场', spaces: 40, underground: false },
          geometry: { type: 'Polygon', coordinates: [[[121.2272, 31.0301], [121.2278, 31.0301], [121.2278, 31.0303], [121.2272, 31.0303], [121.2272, 31.0301]]] },
        },
        { type: 'Feature', properties: { layer: 'facility', code: 'HY01', kind: 'hydrant', name: '消火栓 1' }, geometry: { type: 'Point', coordinates: [121.2280, 31.0306] } },
      ],
    },
    null,
    1,
  );
}
