import { validateBytes, type ValidationReport } from 'gltf-validator';
import { describe, expect, test } from 'vitest';
import { buildGlb, FEATURE_CLASSES, type FeatureLevel } from '../src/export';
import type { CimModel, Prism } from '../src/types';
import { readGlb, toEnu } from './export-glb-reader';
import { fixtureModel, gridModel } from './export-fixture';
import { tiles3dValidator } from './export-schemas';

function expectedFeatures(m: CimModel, level: FeatureLevel): Array<{ address: string; prism: Prism }> {
  if (level === 'building') return m.buildings.map((b) => ({ address: b.address, prism: b.prism }));
  return m.buildings.flatMap((b) =>
    b.units.flatMap((u) =>
      u.floors.flatMap((f) =>
        level === 'floor' ? [{ address: f.address, prism: f.block }] : f.households.map((h) => ({ address: h.address, prism: h.block })),
      ),
    ),
  );
}

const area = (ring: readonly [number, number][]) =>
  Math.abs(ring.reduce((s, a, i) => s + a[0] * ring[(i + 1) % ring.length]![1] - ring[(i + 1) % ring.length]![0] * a[1], 0)) / 2;

async function validated(glb: Uint8Array): Promise<ValidationReport> {
  const report = await validateBytes(glb, { maxIssues: 1000 });
  const notable = report.issues.messages.filter((m) => m.severity <= 1);
  expect(notable, JSON.stringify(notable)).toEqual([]);
  expect(report.issues.numErrors).toBe(0);
  return report;
}

describe.each(['building', 'floor', 'household'] as const)('glb at %s level', (level) => {
  const model = fixtureModel();
  const r = buildGlb(model, { level });
  const g = readGlb(r.glb);
  const expected = expectedFeatures(model, level);

  test('gltf-validator: 0 errors, 0 warnings', async () => {
    const report = await validated(r.glb);
    expect(report.issues.numWarnings).toBe(0);
    // Only infos remain: the validator does not know the two metadata extensions, so it also
    // sees their property-table buffer views as unused.
    const infos = new Set(report.issues.messages.map((m) => m.code));
    expect([...infos].every((c) => c === 'UNSUPPORTED_EXTENSION' || c === 'UNUSED_OBJECT')).toBe(true);
  });

  test('declares EXT_mesh_features + EXT_structural_metadata; schema and table match the 3D Tiles metadata schemas', () => {
    expect(g.json.extensionsUsed).toEqual(['EXT_mesh_features', 'EXT_structural_metadata']);
    const schemaOk = tiles3dValidator('Schema/schema.schema.json');
    expect(schemaOk(g.meta.schema), JSON.stringify(schemaOk.errors)).toBe(true);
    const tableOk = tiles3dValidator('PropertyTable/propertyTable.schema.json');
    expect(tableOk(g.table), JSON.stringify(tableOk.errors)).toBe(true);
    expect(g.table.class).toBe(level);
    expect(Object.keys(g.meta.schema.classes[level].properties)).toEqual(Object.keys(FEATURE_CLASSES[level]));
    expect(Object.keys(g.table.properties)).toEqual(Object.keys(FEATURE_CLASSES[level]));
    for (const p of Object.values<any>(g.table.properties))
      for (const v of [p.values, p.stringOffsets].filter((x) => x !== undefined)) expect(g.json.bufferViews[v].byteOffset % 8).toBe(0);
  });

  test('feature ids → property table rows carrying the model address codes', () => {
    expect(g.table.count).toBe(expected.length);
    expect(g.column('address')).toEqual(expected.map((e) => e.address));
    expect(r.addresses).toEqual(expected.map((e) => e.address));
    expect(g.column('kind').every((k) => k === level)).toBe(true);
    let seen = new Set<number>();
    for (const p of g.primitives) {
      const ids = new Set(Array.from(p.ids as Float32Array));
      expect(p.featureIds).toEqual([{ featureCount: ids.size, attribute: 0, propertyTable: 0 }]);
      // Every vertex of feature i lies on the prism of the model object whose address is row i.
      for (let v = 0; v < p.ids.length; v++) {
        const id = p.ids[v]!;
        expect(Number.isInteger(id)).toBe(true);
        const { prism } = expected[id]!;
        const [x, y, z] = toEnu(p.positions, v * 3);
        expect(Math.min(...prism.base.map((q) => Math.hypot(q[0] - x, q[1] - y)))).toBeLessThan(1e-3);
        expect(Math.min(Math.abs(z - prism.zMin), Math.abs(z - prism.zMax))).toBeLessThan(1e-3);
      }
      seen = new Set([...seen, ...ids]);
    }
    expect(seen.size).toBe(expected.length);
  });

  test('triangles: 12 per box prism; outward winding agrees with the normals; volume = area × height', () => {
    const boxes = expected.filter((e) => e.prism.base.length === 4).length;
    const lShapes = expected.length - boxes; // 6-vertex ring: 2×4 cap + 6×2 wall triangles
    expect(r.triangleCount).toBe(12 * boxes + 20 * lShapes);
    const volume = new Map<number, number>();
    let triangles = 0;
    for (const p of g.primitives) {
      for (let t = 0; t < p.indices.length; t += 3) {
        const [a, b, c] = [p.indices[t]!, p.indices[t + 1]!, p.indices[t + 2]!];
        const [pa, pb, pc] = [toEnu(p.positions, a * 3), toEnu(p.positions, b * 3), toEnu(p.positions, c * 3)];
        const n = toEnu(p.normals, a * 3);
        const u = [pb[0] - pa[0], pb[1] - pa[1], pb[2] - pa[2]];
        const w = [pc[0] - pa[0], pc[1] - pa[1], pc[2] - pa[2]];
        const cross = [u[1]! * w[2]! - u[2]! * w[1]!, u[2]! * w[0]! - u[0]! * w[2]!, u[0]! * w[1]! - u[1]! * w[0]!];
        const len = Math.hypot(cross[0]!, cross[1]!, cross[2]!);
        expect((cross[0]! * n[0] + cross[1]! * n[1] + cross[2]! * n[2]) / len).toBeGreaterThan(0.999);
        const id = p.ids[a]!;
        expect(p.ids[b]).toBe(id);
        expect(p.ids[c]).toBe(id);
        const v =
          (pa[0] * (pb[1] * pc[2] - pb[2] * pc[1]) - pa[1] * (pb[0] * pc[2] - pb[2] * pc[0]) + pa[2] * (pb[0] * pc[1] - pb[1] * pc[0])) / 6;
        volume.set(id, (volume.get(id) ?? 0) + v);
        triangles++;
      }
    }
    expect(triangles).toBe(r.triangleCount);
    for (const [id, v] of volume) {
      const { prism } = expected[id]!;
      expect(Math.abs(v / (area(prism.base) * (prism.zMax - prism.zMin)) - 1), expected[id]!.address).toBeLessThan(1e-4);
    }
  });
});

describe('glb details', () => {
  test('household rows carry level, use, state and area (noData −1 when unknown)', () => {
    const model = fixtureModel();
    const g = readGlb(buildGlb(model, { level: 'household' }).glb);
    const hs = model.buildings.flatMap((b) => b.units.flatMap((u) => u.floors.flatMap((f) => f.households.map((h) => ({ h, f })))));
    expect(g.column('level')).toEqual(hs.map(({ f }) => f.floor));
    expect(g.column('state')).toEqual(hs.map(({ h }) => h.state));
    expect(g.column('use')).toEqual(hs.map(({ h }) => h.use));
    expect(g.column('area')).toEqual(hs.map(({ h }) => h.area ?? -1));
    expect(g.meta.schema.classes.household.properties.area.noData).toBe(-1);
    // One material per household state.
    expect(new Set(g.primitives.map((p: any) => p.material.name))).toEqual(new Set(hs.map(({ h }) => h.state)));
  });

  test('a building subset, a model without households and an empty scene are all valid', async () => {
    const model = fixtureModel();
    const subset = buildGlb(model, { level: 'building', buildings: model.buildings.slice(1, 2) });
    expect(subset.addresses).toEqual([model.buildings[1]!.address]);
    await validated(subset.glb);
    const cim2 = gridModel(3);
    const white = buildGlb(cim2);
    expect(white.level).toBe('building');
    expect(white.featureCount).toBe(9);
    await validated(white.glb);
    const empty = buildGlb(cim2, { level: 'household' });
    expect(empty.featureCount).toBe(0);
    expect(empty.bounds).toBeNull();
    await validated(empty.glb);
  });

  test('same model → byte-identical glb', () => {
    expect(buildGlb(fixtureModel()).glb).toEqual(buildGlb(fixtureModel()).glb);
  });
});
