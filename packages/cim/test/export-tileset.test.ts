import { validateBytes } from 'gltf-validator';
import { describe, expect, test } from 'vitest';
import { buildGlb, buildTileset, contentHash, type Tile } from '../src/export';
import { enuFrame } from '../src/geo/projection';
import { fixtureModel, gridModel } from './export-fixture';
import { readGlb, toEnu } from './export-glb-reader';
import { tiles3dValidator } from './export-schemas';

const validate = tiles3dValidator();

function tiles(t: Tile, depth = 0, out: Array<{ tile: Tile; depth: number }> = []) {
  out.push({ tile: t, depth });
  for (const c of t.children ?? []) tiles(c, depth + 1, out);
  return out;
}

/** Axis-aligned box (no rotation is ever written) as [min, max]. */
function bounds(t: Tile): [number[], number[]] {
  const b = t.boundingVolume.box;
  expect([b[4], b[5], b[6], b[8], b[9], b[10]]).toEqual([0, 0, 0, 0, 0, 0]);
  const c = [b[0]!, b[1]!, b[2]!];
  const h = [b[3]!, b[7]!, b[11]!];
  return [c.map((x, k) => x - h[k]!), c.map((x, k) => x + h[k]!)];
}

const inside = (p: readonly number[], [lo, hi]: [number[], number[]], eps = 1e-9) => p.every((x, k) => x >= lo[k]! - eps && x <= hi[k]! + eps);

describe('3D Tiles 1.1 tileset', () => {
  const model = gridModel(6); // 36 buildings
  const { tileset, files } = buildTileset(model, { level: 'building', maxFeaturesPerTile: 5, tilesetVersion: 'registry-v42' });
  const all = tiles(tileset.root);

  test('validates against the official 3D Tiles 1.1 schemas with 0 errors', () => {
    const ok = validate(tileset);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(tileset.asset).toEqual({ version: '1.1', generator: 'linli-cim export', tilesetVersion: 'registry-v42' });
    expect(tileset.root.refine).toBe('ADD');
    expect(tileset.root.transform).toEqual(enuFrame(model.origin));
    // Geometric error shrinks towards the leaves.
    for (const { tile } of all) for (const c of tile.children ?? []) expect(c.geometricError).toBeLessThanOrEqual(tile.geometricError);
    expect(tileset.geometricError).toBeGreaterThanOrEqual(tileset.root.geometricError);
  });

  test('split into leaves of ≤ maxFeaturesPerTile; every building in exactly one leaf; every uri in files', () => {
    const leaves = all.filter(({ tile }) => tile.content);
    expect(leaves.length).toBeGreaterThanOrEqual(36 / 5);
    expect(all.some(({ depth }) => depth >= 2)).toBe(true);
    expect(leaves.every(({ tile }) => !tile.children && tile.geometricError === 0)).toBe(true);
    expect(all.filter(({ tile }) => !tile.content).every(({ tile }) => (tile.children?.length ?? 0) >= 2)).toBe(true);
    const addresses: string[] = [];
    for (const { tile } of leaves) {
      const bytes = files.get(tile.content!.uri);
      expect(bytes, tile.content!.uri).toBeDefined();
      const rows = readGlb(bytes!).column('address') as string[];
      expect(rows.length).toBeLessThanOrEqual(5);
      addresses.push(...rows);
    }
    expect(addresses.sort()).toEqual(model.buildings.map((b) => b.address).sort());
    expect([...files.keys()].sort()).toEqual(leaves.map(({ tile }) => tile.content!.uri).sort());
  });

  test('content names are content hashes (stable per registry version, new on change)', () => {
    for (const [uri, bytes] of files) expect(uri).toBe(`content/${contentHash(bytes)}.glb`);
    const again = buildTileset(gridModel(6), { level: 'building', maxFeaturesPerTile: 5, tilesetVersion: 'registry-v42' });
    expect(again.tileset).toEqual(tileset);
    const changed = gridModel(6);
    changed.buildings[0]!.use = 'office';
    const next = buildTileset(changed, { level: 'building', maxFeaturesPerTile: 5 });
    const before = new Set(files.keys());
    const after = [...next.files.keys()];
    expect(after.filter((u) => !before.has(u))).toHaveLength(1);
  });

  test("each tile's box contains its content's vertices, and each parent box its children's boxes", () => {
    for (const { tile } of all) {
      const box = bounds(tile);
      for (const c of tile.children ?? []) {
        const cb = bounds(c);
        expect(inside(cb[0], box) && inside(cb[1], box)).toBe(true);
      }
      if (!tile.content) continue;
      const g = readGlb(files.get(tile.content.uri)!);
      let n = 0;
      for (const p of g.primitives)
        for (let v = 0; v < p.positions.length; v += 3) {
          expect(inside(toEnu(p.positions, v), box, 0)).toBe(true);
          n++;
        }
      expect(n).toBeGreaterThan(0);
    }
  });

  test('every tile glb passes gltf-validator with 0 errors and 0 warnings', async () => {
    for (const bytes of files.values()) {
      const report = await validateBytes(bytes, { maxIssues: 100 });
      expect(report.issues.numErrors).toBe(0);
      expect(report.issues.numWarnings).toBe(0);
    }
  });
});

describe('small scenes', () => {
  test('a community that fits one tile: the root carries the content', async () => {
    const model = fixtureModel();
    const { tileset, files } = buildTileset(model);
    expect(validate(tileset), JSON.stringify(validate.errors)).toBe(true);
    expect(tileset.root.children).toBeUndefined();
    expect(tileset.root.geometricError).toBeGreaterThan(0);
    expect(files.size).toBe(1);
    const bytes = files.get(tileset.root.content!.uri)!;
    // Default level follows the model: CIM4 → households.
    expect(readGlb(bytes).table.class).toBe('household');
    expect(bytes).toEqual(buildGlb(model, { level: 'household' }).glb);
    expect((await validateBytes(bytes)).issues.numErrors).toBe(0);
  });

  test('household tiles never split a building, and an empty scene is still a valid tileset', () => {
    const model = fixtureModel();
    const { tileset, files } = buildTileset(model, { level: 'household', maxFeaturesPerTile: 10, contentDir: 'glb/' });
    expect(validate(tileset), JSON.stringify(validate.errors)).toBe(true);
    const leaves = tiles(tileset.root).filter(({ tile }) => tile.content);
    // B01 (28 households) alone exceeds 10 but stays whole; B02 (4); B03 has no households.
    expect(leaves).toHaveLength(2);
    expect([...files.keys()].every((u) => /^glb\/[0-9a-f]{16}\.glb$/.test(u))).toBe(true);
    const empty = buildTileset(gridModel(2), { level: 'household' });
    expect(validate(empty.tileset), JSON.stringify(validate.errors)).toBe(true);
    expect(empty.files.size).toBe(0);
  });
});
