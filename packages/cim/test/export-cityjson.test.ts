import { describe, expect, test } from 'vitest';
import { toCityJSON, type CityJSON } from '../src/export';
import { cgcs2000Gk3Zone, transverseMercator } from '../src/export/gauss-kruger';
import type { CimModel, Vec2, Vec3 } from '../src/types';
import { fixtureModel } from './export-fixture';
import { cityjsonValidator } from './export-schemas';

const validate = cityjsonValidator();

const area = (ring: readonly Vec2[]) =>
  Math.abs(ring.reduce((s, a, i) => s + a[0] * ring[(i + 1) % ring.length]![1] - ring[(i + 1) % ring.length]![0] * a[1], 0)) / 2;

/** Every object of the model that the export should carry, by address code. */
function modelObjects(m: CimModel) {
  const out = new Map<string, { type: string; area: number; height: number; parent: string | null }>();
  for (const b of m.buildings) {
    out.set(b.address, { type: 'Building', area: area(b.prism.base), height: b.prism.zMax - b.prism.zMin, parent: null });
    for (const u of b.units) {
      out.set(u.address, { type: 'BuildingPart', area: area(u.outline), height: b.prism.zMax - b.prism.zMin, parent: b.address });
      for (const f of u.floors) {
        out.set(f.address, { type: 'BuildingStorey', area: area(f.block.base), height: f.block.zMax - f.block.zMin, parent: u.address });
        for (const h of f.households)
          out.set(h.address, { type: 'BuildingUnit', area: area(h.block.base), height: h.block.zMax - h.block.zMin, parent: u.address });
      }
    }
  }
  return out;
}

function real(cj: CityJSON, i: number): Vec3 {
  const v = cj.vertices[i]!;
  // Relative to `translate`: keeps the volume sums in small numbers.
  return [v[0] * cj.transform.scale[0], v[1] * cj.transform.scale[1], v[2] * cj.transform.scale[2]];
}

/** Each directed edge exactly once and its reverse exactly once: a closed, consistently oriented shell. */
function closedAndOriented(shell: number[][][]): boolean {
  const edges = new Map<string, number>();
  for (const surface of shell)
    for (const ring of surface)
      ring.forEach((a, i) => {
        const key = `${a}>${ring[(i + 1) % ring.length]}`;
        edges.set(key, (edges.get(key) ?? 0) + 1);
      });
  for (const [key, n] of edges) {
    const [a, b] = key.split('>');
    if (n !== 1 || edges.get(`${b}>${a}`) !== 1) return false;
  }
  return true;
}

/** Divergence theorem over fan triangles; positive when the normals point outwards. */
function volume(cj: CityJSON, shell: number[][][]): number {
  let v = 0;
  for (const surface of shell) {
    const ring = surface[0]!;
    const p0 = real(cj, ring[0]!);
    for (let i = 1; i + 1 < ring.length; i++) {
      const p1 = real(cj, ring[i]!);
      const p2 = real(cj, ring[i + 1]!);
      v +=
        (p0[0] * (p1[1] * p2[2] - p1[2] * p2[1]) - p0[1] * (p1[0] * p2[2] - p1[2] * p2[0]) + p0[2] * (p1[0] * p2[1] - p1[1] * p2[0])) / 6;
    }
  }
  return v;
}

describe.each(['cgcs2000-gk3', 'ecef'] as const)('CityJSON 2.0 (%s)', (crs) => {
  const model = fixtureModel();
  const cj = toCityJSON(model, { crs });
  const expected = modelObjects(model);

  test('validates against the official CityJSON 2.0 schema with 0 errors', () => {
    const ok = validate(cj);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(cj.version).toBe('2.0');
    expect(cj.vertices.every((v) => v.every(Number.isInteger))).toBe(true);
    expect(cj.transform.scale).toEqual([0.001, 0.001, 0.001]);
  });

  test('one object per building, unit, floor and household, keyed and attributed by address code', () => {
    const objects = Object.entries(cj.CityObjects);
    expect(objects.filter(([, o]) => o.type === 'Building')).toHaveLength(3);
    for (const [address, e] of expected) {
      const o = cj.CityObjects[address];
      expect(o?.type, address).toBe(e.type);
      expect(o?.attributes?.address_code).toBe(address);
      expect(o?.parents).toEqual(e.parent === null ? undefined : [e.parent]);
    }
    // Every parent lists its children and vice versa.
    for (const [id, o] of objects) {
      for (const c of o.children ?? []) expect(cj.CityObjects[c]?.parents ?? [id], `${id} → ${c}`).toContain(id);
      for (const p of o.parents ?? []) expect(cj.CityObjects[p]?.children, `${id} ← ${p}`).toContain(id);
    }
    const group = objects.find(([, o]) => o.type === 'CityObjectGroup')![1];
    expect(group.children).toEqual(model.buildings.map((b) => b.address));
    expect(group.attributes?.address_code).toBe('440104-HSY');
    const household = cj.CityObjects['440104-HSY-B01-U02-FB01-RB103']!;
    expect(household.attributes).toMatchObject({ use: 'storage', state: expect.any(String), floor: -1, storey_id: '440104-HSY-B01-U02-FB01' });
    expect(cj.CityObjects['440104-HSY-B01']!.attributes).toMatchObject({
      name: '1号楼',
      use: 'residential',
      storeysAboveGround: 6,
      storeysBelowGround: 1,
      measuredHeight: 18,
    });
  });

  test('every LoD1 solid is closed, outward oriented, with volume = footprint area × height (±0.5 %)', () => {
    let solids = 0;
    for (const [id, o] of Object.entries(cj.CityObjects)) {
      const e = expected.get(id);
      if (!e) continue;
      const g = o.geometry![0]!;
      expect(g.type).toBe('Solid');
      expect(g.lod).toBe('1');
      expect(g.boundaries).toHaveLength(1);
      const shell = g.boundaries[0]!;
      expect(closedAndOriented(shell), id).toBe(true);
      const v = volume(cj, shell);
      expect(Math.abs(v / (e.area * e.height) - 1), id).toBeLessThan(0.005);
      solids++;
    }
    expect(solids).toBe(expected.size);
  });

  test('bounding extent contains every vertex', () => {
    const [x0, y0, z0, x1, y1, z1] = cj.metadata.geographicalExtent;
    for (const v of cj.vertices) {
      const p = v.map((c, k) => c * cj.transform.scale[k]! + cj.transform.translate[k]!);
      expect(p[0]).toBeGreaterThanOrEqual(x0 - 1e-3);
      expect(p[0]).toBeLessThanOrEqual(x1 + 1e-3);
      expect(p[1]).toBeGreaterThanOrEqual(y0 - 1e-3);
      expect(p[1]).toBeLessThanOrEqual(y1 + 1e-3);
      expect(p[2]).toBeGreaterThanOrEqual(z0 - 1e-3);
      expect(p[2]).toBeLessThanOrEqual(z1 + 1e-3);
    }
  });
});

describe('CityJSON CRS', () => {
  test('CGCS2000 3-degree Gauss-Krüger zone by the origin (Guangzhou → CM 114°E, EPSG:4547)', () => {
    const cj = toCityJSON(fixtureModel(), { lod: '1.2' });
    expect(cj.metadata.referenceSystem).toBe('https://www.opengis.net/def/crs/EPSG/0/4547');
    expect(Object.values(cj.CityObjects).every((o) => !o.geometry || o.geometry[0]!.lod === '1.2')).toBe(true);
    expect(validate(cj)).toBe(true);
    // Heights are origin height + local z: the 1-basement building starts 3 m below the origin.
    const z = cj.vertices.map((v) => v[2] * 0.001 + cj.transform.translate[2]);
    expect(Math.min(...z)).toBeCloseTo(12 - 3, 6);
    expect(Math.max(...z)).toBeCloseTo(12 + 18, 6);
    expect(toCityJSON(fixtureModel(), { crs: 'ecef' }).metadata.referenceSystem).toBe('https://www.opengis.net/def/crs/EPSG/0/4978');
  });

  test('zones and EPSG codes', () => {
    expect(cgcs2000Gk3Zone(116.39).epsg).toBe(4548); // Beijing, CM 117°E
    expect(cgcs2000Gk3Zone(121.47).epsg).toBe(4549); // Shanghai, CM 120°E
    expect(cgcs2000Gk3Zone(121.6).centralMeridian).toBe(123);
    expect(cgcs2000Gk3Zone(75).epsg).toBe(4534);
    expect(cgcs2000Gk3Zone(135).epsg).toBe(4554);
  });

  test('transverse Mercator reproduces the EPSG Guidance Note 7-2 worked example (OSGB 1936 / British National Grid)', () => {
    const osgb = {
      a: 6377563.396,
      f: 1 / 299.3249646,
      lng0: -2,
      lat0: 49,
      k0: 0.9996012717,
      falseEasting: 400000,
      falseNorthing: -100000,
    };
    // The note's figures (USGS series) are given to the centimetre; Krüger's series differs by a few mm.
    const [e, n] = transverseMercator(osgb, 0.5, 50.5);
    expect(Math.abs(e - 577274.99)).toBeLessThan(0.01);
    expect(Math.abs(n - 69740.5)).toBeLessThan(0.01);
  });

  test('on the central meridian the northing is the meridian arc (numerical integral, CGCS2000)', () => {
    const { params } = cgcs2000Gk3Zone(114);
    const e2 = params.f * (2 - params.f);
    const lat = 23.1291;
    const phi = (lat * Math.PI) / 180;
    // Simpson's rule on M(φ) = a(1−e²)/(1−e² sin²φ)^{3/2}.
    const steps = 2000;
    const M = (p: number) => (params.a * (1 - e2)) / Math.pow(1 - e2 * Math.sin(p) ** 2, 1.5);
    let s = M(0) + M(phi);
    for (let i = 1; i < steps; i++) s += (i % 2 ? 4 : 2) * M((phi * i) / steps);
    const arc = (s * phi) / steps / 3;
    const [east, north] = transverseMercator(params, 114, lat);
    expect(east).toBeCloseTo(500000, 6);
    expect(Math.abs(north - arc)).toBeLessThan(0.001);
  });
});
