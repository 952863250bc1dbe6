import { describe, expect, test } from 'vitest';
import { buildingsToGeoJSON, devicesToGeoJSON, facilitiesToGeoJSON, type GeoJsonFeatureCollection } from '../src/export';
import { toLngLat, toLocal } from '../src/geo/projection';
import type { CimModel, LngLat } from '../src/types';
import { fixtureModel, ORIGIN } from './export-fixture';

/** RFC 7946 structure checks: what a strict GeoJSON reader would reject. */
function expectRfc7946(fc: GeoJsonFeatureCollection) {
  const position = (p: unknown) => {
    expect(Array.isArray(p) && p.length >= 2 && p.length <= 3 && p.every((c) => typeof c === 'number' && Number.isFinite(c))).toBe(true);
    const [lng, lat] = p as number[];
    expect(Math.abs(lng!)).toBeLessThanOrEqual(180);
    expect(Math.abs(lat!)).toBeLessThanOrEqual(90);
  };
  expect(fc.type).toBe('FeatureCollection');
  expect(Array.isArray(fc.features)).toBe(true);
  expect(fc).not.toHaveProperty('crs');
  for (const f of fc.features) {
    expect(f.type).toBe('Feature');
    expect(typeof f.properties).toBe('object');
    expect(['string', 'number', 'undefined']).toContain(typeof f.id);
    const g = f.geometry;
    if (g.type === 'Point') position(g.coordinates);
    else if (g.type === 'LineString') {
      expect(g.coordinates.length).toBeGreaterThanOrEqual(2);
      g.coordinates.forEach(position);
    } else {
      expect(g.type).toBe('Polygon');
      for (const ring of g.coordinates) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        ring.forEach(position);
      }
      // Exterior ring counter-clockwise (right-hand rule, §3.1.6).
      const ext = g.coordinates[0]!;
      let s = 0;
      for (let i = 0; i + 1 < ext.length; i++) s += ext[i]![0] * ext[i + 1]![1] - ext[i + 1]![0] * ext[i]![1];
      expect(s).toBeGreaterThan(0);
    }
  }
  // Survives a JSON round trip unchanged (no undefined, NaN or class instances).
  expect(JSON.parse(JSON.stringify(fc))).toEqual(fc);
}

describe('GeoJSON', () => {
  test('facilities: points and lines keep their coordinates; unusable ones are skipped and counted', () => {
    const items = [
      { id: 'f1', kind: 'gate', name: '南门', lng: 113.2651234, lat: 23.1287654, props: { open: '06:00-23:00' } },
      { id: 2, kind: 'aed', name: 'AED 1', lng: 113.26401, lat: 23.12999 },
      { id: 'f3', kind: 'hydrant', name: '消防栓', lng: null, lat: 23.1 },
      { id: 'f4', kind: 'fire_lane', name: '消防通道', line: [[113.2641, 23.1281], [113.2649, 23.1283], [113.2655, 23.129]] as LngLat[] },
      { id: 'f5', kind: 'path', name: 'broken', line: [[113.2641, 23.1281]] as LngLat[] },
      { id: 'f6', kind: 'gate', name: 'bad', lng: Number.NaN, lat: 23.1 },
    ];
    const fc = facilitiesToGeoJSON(items);
    expectRfc7946(fc);
    expect(fc.skipped).toBe(3);
    expect(fc.features.map((f) => f.id)).toEqual(['f1', 2, 'f4']);
    const [gate, aed, lane] = fc.features;
    expect(gate!.geometry).toEqual({ type: 'Point', coordinates: [113.2651234, 23.1287654] });
    expect(gate!.properties).toEqual({ open: '06:00-23:00', id: 'f1', kind: 'gate', name: '南门' });
    expect(aed!.geometry.coordinates).toEqual([113.26401, 23.12999]);
    expect(lane!.geometry).toEqual({ type: 'LineString', coordinates: items[3]!.line });
  });

  test('devices: only those with coordinates, with online state and building', () => {
    const devices = [
      { id: 'd1', code: 'CAM-001', kind: 'camera', name: '1号门摄像头', lng: 113.2643, lat: 23.1292, online: true, buildingCode: '01' },
      { id: 'd2', code: 'SMK-007', kind: 'smoke', name: '烟感', lng: null, lat: null, online: false, buildingCode: '02' },
      { id: 'd3', code: 'GATE-1', kind: 'barrier', name: '道闸', lng: 113.26455, lat: 23.12875 },
      { id: 'd4', code: 'X', kind: 'meter', name: 'half', lng: 113.2, lat: null },
    ];
    const fc = devicesToGeoJSON(devices);
    expectRfc7946(fc);
    expect(fc.skipped).toBe(2);
    expect(fc.features).toHaveLength(2);
    for (const f of fc.features) {
      const d = devices.find((x) => x.id === f.id)!;
      const [lng, lat] = f.geometry.coordinates as LngLat;
      expect(Math.abs(lng - d.lng!)).toBeLessThan(1e-7);
      expect(Math.abs(lat - d.lat!)).toBeLessThan(1e-7);
    }
    expect(fc.features[0]!.properties).toEqual({ id: 'd1', code: 'CAM-001', kind: 'camera', name: '1号门摄像头', online: true, buildingCode: '01' });
    expect(fc.features[1]!.properties).toMatchObject({ online: null, buildingCode: null });
  });

  test('building footprints come back to the surveyed lng/lat within 1e-7°', () => {
    // Surveyed WGS84 corners (clockwise on purpose, as registries often are) → local ENU → export.
    const surveyed: LngLat[] = [
      [113.2631, 23.1281],
      [113.2631, 23.1286],
      [113.2639, 23.1286],
      [113.2639, 23.1281],
    ];
    const model: CimModel = fixtureModel();
    model.buildings[2]!.prism.base = surveyed.map((p) => toLocal(ORIGIN, p)).reverse();
    const fc = buildingsToGeoJSON(model);
    expectRfc7946(fc);
    expect(fc.skipped).toBe(0);
    expect(fc.features.map((f) => f.properties.address_code)).toEqual(model.buildings.map((b) => b.address));
    const ring = fc.features[2]!.geometry.coordinates as LngLat[][];
    const back = ring[0]!.slice(0, -1);
    expect(back).toHaveLength(4);
    for (const p of back) {
      const match = surveyed.find((s) => Math.abs(s[0] - p[0]) < 1e-7 && Math.abs(s[1] - p[1]) < 1e-7);
      expect(match, `${p}`).toBeDefined();
    }
    // Every footprint vertex of the fixture round-trips through the local frame.
    for (const [i, b] of model.buildings.entries()) {
      const coords = (fc.features[i]!.geometry.coordinates as LngLat[][])[0]!;
      for (const p of coords) {
        const local = toLocal(ORIGIN, p);
        const nearest = Math.min(...b.prism.base.map((q) => Math.hypot(q[0] - local[0], q[1] - local[1])));
        expect(nearest).toBeLessThan(1e-3);
      }
      const first = toLngLat(ORIGIN, b.prism.base[0]!);
      expect(coords.some((p) => Math.abs(p[0] - first[0]) < 1e-7 && Math.abs(p[1] - first[1]) < 1e-7)).toBe(true);
    }
    expect(fc.features[0]!.properties).toMatchObject({ code: '01', name: '1号楼', floorsAbove: 6, floorsBelow: 1, baseHeight: 9, height: 30 });
  });
});
