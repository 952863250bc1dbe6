import { validateBytes } from 'gltf-validator';
import { describe, expect, test } from 'vitest';
import { buildGlb, collectFeatures, crc32, siteToGeoJSON, unzipStore, zipStore } from '../src/export';
import { buildModel } from '../src/model/build';
import type { SiteInput } from '../src/site/types';
import { community, COMMUNITY } from './model-fixtures';

describe('stored zip (3D Tiles download)', () => {
  test('CRC-32 matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  test('round trip keeps names (UTF-8) and bytes; the layout is a valid ZIP', () => {
    const a = new TextEncoder().encode('{"asset":{"version":"1.1"}}');
    const b = new Uint8Array(70_000).map((_, i) => (i * 31) & 0xff);
    const zip = zipStore([
      { name: 'tileset.json', data: a },
      { name: 'content/模型.glb', data: b },
    ]);
    const back = unzipStore(zip);
    expect([...back.keys()]).toEqual(['tileset.json', 'content/模型.glb']);
    expect(Buffer.from(back.get('content/模型.glb')!).equals(Buffer.from(b))).toBe(true);
    // End-of-central-directory record: 2 entries, and its offset points at a central header.
    const v = new DataView(zip.buffer, zip.byteOffset);
    const eocd = zip.length - 22;
    expect(v.getUint32(eocd, true)).toBe(0x06054b50);
    expect(v.getUint16(eocd + 10, true)).toBe(2);
    expect(v.getUint32(v.getUint32(eocd + 16, true), true)).toBe(0x02014b50);
  });
});

describe('site GeoJSON (facilities, roads, parking, boundary)', () => {
  const site: SiteInput = {
    // Clockwise and open: the export must close it and wind it counter-clockwise (RFC 7946).
    boundary: [
      [121.47, 31.23],
      [121.47, 31.231],
      [121.471, 31.231],
      [121.471, 31.23],
    ],
    roads: [{ code: 'R1', name: '主路', centerline: [[121.4701, 31.2301], [121.4709, 31.2301]], width: 7 }],
    parking: [{ code: 'P1', name: '地面停车', outline: [[121.4702, 31.2302], [121.4704, 31.2302], [121.4704, 31.2304], [121.4702, 31.2302]], spaces: 12, underground: false }],
    facilities: [
      { code: 'H1', kind: 'hydrant', name: '消火栓1', geometry: { type: 'Point', coordinates: [121.4705, 31.2305] }, level: 3 },
      { code: 'W1', kind: 'water_pipe', name: '给水干管', geometry: { type: 'LineString', coordinates: [[121.4701, 31.2303], [121.4708, 31.2303]] }, level: 3 },
      { code: 'BAD', kind: 'manhole', name: '坐标错误', geometry: { type: 'Point', coordinates: [400, 31.23] }, level: 3 },
    ],
  };
  const fc = siteToGeoJSON(site, COMMUNITY);

  test('every valid object is a feature with its layer; bad coordinates are counted, not written', () => {
    expect(fc.features.map((f) => `${f.properties.layer}:${f.id}`)).toEqual(['boundary:boundary', 'road:R1', 'parking:P1', 'facility:H1', 'facility:W1']);
    expect(fc.skipped).toBe(1);
    expect(fc.features.find((f) => f.id === 'R1')!.properties.width).toBe(7);
    expect(fc.features.find((f) => f.id === 'H1')!.properties).toMatchObject({ kind: 'hydrant', community: 'FSXY' });
  });

  test('polygon rings are closed and counter-clockwise', () => {
    const ring = (fc.features[0]!.geometry as { coordinates: [number, number][][] }).coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    let area = 0;
    for (let i = 0; i + 1 < ring.length; i++) area += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
    expect(area).toBeGreaterThan(0);
  });
});

describe('stair cores in the glb (CIM3/CIM4)', () => {
  const { buildings, households } = community(2, 6, 2);
  const cim3 = buildModel({ level: 3, community: COMMUNITY, buildings, households });
  const cim4 = buildModel({ level: 4, community: COMMUNITY, buildings, households });

  test('one stair feature per unit, rising above the roof, carrying the unit address', () => {
    const units = cim3.buildings.reduce((s, b) => s + b.units.length, 0);
    const stairs = collectFeatures(cim3.buildings, 'floor').filter((f) => f.values.kind === 'stair');
    expect(stairs).toHaveLength(units);
    const b = cim3.buildings[0]!;
    expect(stairs[0]!.address).toBe(b.units[0]!.address);
    expect(stairs[0]!.prism.zMax).toBeGreaterThan(b.prism.zMax);
  });

  test('CIM4 glb with stairs and households validates with 0 errors', async () => {
    const r = buildGlb(cim4, { level: 'household' });
    const hh = cim4.buildings.flatMap((b) => b.units.flatMap((u) => u.floors.flatMap((f) => f.households))).length;
    const units = cim4.buildings.reduce((s, b) => s + b.units.length, 0);
    expect(r.featureCount).toBe(hh + units);
    const report = await validateBytes(r.glb, { maxIssues: 100 });
    expect(report.issues.numErrors).toBe(0);
  });
});
