import { describe, expect, it } from 'vitest';
import { containsPrism, prismArea, prismVolume } from '../src/geo/measure';
import { orientation, ringArea, ringInRing } from '../src/geo/polygon';
import { toLocal } from '../src/geo/projection';
import { buildModel, buildModelReport } from '../src/model/build';
import type { BuildingModel, Vec2 } from '../src/types';
import { COMMUNITY, SITE, building, community, households, slab, toWgs } from './model-fixtures';

const within = (actual: number, expected: number, rel: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * rel);
};

const L: Vec2[] = [[0, 0], [48, 0], [48, 14], [14, 14], [14, 40], [0, 40]];

describe('CIM1/CIM2', () => {
  const b = building('3', slab([20, -10], 54, 13, 25), { floorsAbove: 18, floorHeight: 2.9, floorsBelow: 2 });

  it('CIM1 is the registry with addresses and a prism, no units', () => {
    const m = buildModel({ level: 1, community: COMMUNITY, buildings: [b], households: households(b, 2) });
    expect(m.level).toBe(1);
    expect(m.buildings[0]).toMatchObject({ code: '3', address: '310117-FSXY-B03', floorsAbove: 18, floorsBelow: 2, units: [] });
    expect(m.buildings[0]?.prism.zMax).toBeCloseTo(18 * 2.9, 9);
  });

  it('CIM2 prism: height = floors × storey height, volume = footprint area × height (±0.5 %)', () => {
    const m = buildModel({ level: 2, community: COMMUNITY, buildings: [b], households: [] });
    const bm = m.buildings[0] as BuildingModel;
    expect(bm.units).toEqual([]);
    expect(bm.prism.zMin).toBe(0); // basements are not in the white model
    expect(bm.prism.zMax).toBeCloseTo(52.2, 9);
    expect(orientation(bm.prism.base)).toBe('ccw');
    within(prismArea(bm.prism), 54 * 13, 0.005);
    within(prismVolume(bm.prism), 54 * 13 * 52.2, 0.005);
  });

  it('a clockwise footprint is reversed and noted; the origin defaults to the footprints centroid', () => {
    const cw = { ...b, footprint: [...b.footprint].reverse() };
    const { model, notes } = buildModelReport({ level: 2, community: COMMUNITY, buildings: [cw], households: [] });
    expect(orientation(model.buildings[0]?.prism.base ?? [])).toBe('ccw');
    expect(notes.map((n) => n.code)).toEqual(['footprint_reversed']);
    // The slab is centred at (20, -10) m from SITE: the default origin sits on it.
    const o = toLocal(SITE, [model.origin.lng, model.origin.lat]);
    expect(Math.hypot(o[0] - 20, o[1] + 10)).toBeLessThan(0.01);
    expect(model.origin.height).toBe(0);
  });
});

describe('CIM3 units and floors', () => {
  const b = building('5', slab([0, 0], 60, 12, 33), { units: 3, floorsAbove: 11, floorsBelow: 2, floorHeight: 3 });
  const m = buildModel({ level: 3, community: COMMUNITY, buildings: [b], households: households(b, 2) });
  const bm = m.buildings[0] as BuildingModel;

  it('units tile the footprint (sum of areas ±0.5 %) and are equal for a rectangle (±1 %)', () => {
    expect(bm.units.map((u) => u.unit)).toEqual([1, 2, 3]);
    const areas = bm.units.map((u) => ringArea(u.outline));
    within(areas.reduce((s, a) => s + a, 0), prismArea(bm.prism), 0.005);
    for (const a of areas) within(a, 240, 0.01);
    for (const u of bm.units) expect(ringInRing(bm.prism.base, u.outline)).toBe(true);
  });

  it('unit 1 is at the west end of the long axis', () => {
    const cx = bm.units.map((u) => u.outline.reduce((s, p) => s + p[0], 0) / u.outline.length);
    expect(cx[0]).toBeLessThan(cx[1] ?? NaN);
    expect(cx[1]).toBeLessThan(cx[2] ?? NaN);
  });

  it('every above-ground floor block lies in the building prism; basements lie below z = 0', () => {
    for (const u of bm.units) {
      expect(u.floors.map((f) => f.floor)).toEqual([-2, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      for (const f of u.floors) {
        expect(f.households).toEqual([]); // CIM3 has no households
        expect(f.block.zMax - f.block.zMin).toBeCloseTo(3, 9);
        if (f.floor > 0) {
          expect(containsPrism(bm.prism, f.block)).toBe(true);
          expect(f.block.zMin).toBeCloseTo((f.floor - 1) * 3, 9);
        } else {
          expect(f.block.zMax).toBeLessThanOrEqual(0);
          expect(containsPrism({ ...bm.prism, zMin: -6, zMax: 0 }, f.block)).toBe(true);
        }
      }
      expect(u.floors.find((f) => f.floor === -1)?.block).toMatchObject({ zMin: -3, zMax: 0 });
      expect(u.floors.find((f) => f.floor === -2)?.block).toMatchObject({ zMin: -6, zMax: -3 });
    }
  });

  it('a stair core per unit, inside the unit, full height, ≈ 2.6 × 5 m', () => {
    for (const u of bm.units) {
      expect(u.stair).not.toBeNull();
      const s = u.stair!;
      expect(ringInRing(u.outline, s.base)).toBe(true);
      expect(prismArea(s)).toBeCloseTo(13, 6);
      expect(s.zMin).toBe(-6);
      expect(s.zMax).toBe(33);
    }
  });

  it('the stair core shrinks in a small unit', () => {
    const small = building('6', slab([0, 0], 12, 6), { units: 2, floorsAbove: 3 });
    const u = buildModel({ level: 3, community: COMMUNITY, buildings: [small], households: [] }).buildings[0]?.units[0];
    expect(u?.stair).not.toBeNull();
    expect(ringInRing(u!.outline, u!.stair!.base)).toBe(true);
    expect(prismArea(u!.stair!)).toBeLessThan(13);
  });

  it('an L-shaped footprint splits without crashing; units stay inside and stairs inside units', () => {
    const lb = building('7', L, { units: 3, floorsAbove: 6 });
    const { model } = buildModelReport({ level: 3, community: COMMUNITY, buildings: [lb], households: [] });
    const bl = model.buildings[0] as BuildingModel;
    expect(bl.units).toHaveLength(3);
    const areas = bl.units.map((u) => ringArea(u.outline));
    // slices of a connected L are connected: nothing dropped, so they still tile the footprint
    within(areas.reduce((s, a) => s + a, 0), ringArea(L), 0.005);
    for (const u of bl.units) {
      expect(ringInRing(bl.prism.base, u.outline)).toBe(true);
      if (u.stair) expect(ringInRing(u.outline, u.stair.base)).toBe(true);
    }
  });

  it('a U-shaped footprint keeps the largest piece and notes it', () => {
    const U: Vec2[] = [[0, 0], [30, 0], [30, 40], [20, 40], [20, 12], [10, 12], [10, 40], [0, 40]];
    const ub = building('8', U, { units: 2, floorsAbove: 6 });
    const { model, notes } = buildModelReport({ level: 3, community: COMMUNITY, buildings: [ub], households: [] });
    const units = model.buildings[0]?.units ?? [];
    expect(units).toHaveLength(2);
    expect(notes.some((n) => n.code === 'unit_split_multipart')).toBe(true);
    for (const u of units) expect(ringInRing(model.buildings[0]!.prism.base, u.outline)).toBe(true);
  });

  it('registry unit outlines are used and clipped to the footprint', () => {
    const fp = slab([0, 0], 40, 12);
    const outlines = [toWgs([[-20, -6], [0, -6], [0, 6], [-20, 6]]), toWgs([[0, -6], [25, -6], [25, 6], [0, 6]])];
    const ob = building('9', fp, { units: 2, unitOutlines: outlines });
    const { model, notes } = buildModelReport({ level: 3, community: COMMUNITY, buildings: [ob], households: [] });
    const units = model.buildings[0]?.units ?? [];
    within(ringArea(units[0]?.outline ?? []), 240, 0.005);
    within(ringArea(units[1]?.outline ?? []), 240, 0.005); // 25 m clipped to 20 m
    expect(notes.map((n) => [n.code, n.unit])).toEqual([['unit_outline_clipped', 2]]);
  });
});

describe('CIM4 households', () => {
  const b = building('2', slab([0, 0], 52, 12.5, -12), { units: 2, floorsAbove: 12, floorsBelow: 1 });
  // 4 per floor on most floors, 3 on floor 5 of unit 1, none on floor 12, 1 in the basement
  const rows = households(b, 4, [1, 2, 3, 4, 6, 7, 8, 9, 10, 11])
    .concat(households(b, 3, [5]).filter((h) => h.unit === 1))
    .concat(households(b, 4, [5]).filter((h) => h.unit === 2))
    .concat(households(b, 1, [-1]).filter((h) => h.unit === 2));
  const m = buildModel({ level: 4, community: COMMUNITY, buildings: [b], households: rows });
  const bm = m.buildings[0] as BuildingModel;

  it('household count per unit-floor equals the registry', () => {
    for (const u of bm.units) {
      for (const f of u.floors) {
        const expected = rows.filter((r) => r.unit === u.unit && r.floor === f.floor).length;
        expect(f.households, `unit ${u.unit} floor ${f.floor}`).toHaveLength(expected);
      }
    }
    expect(bm.units.flatMap((u) => u.floors.flatMap((f) => f.households))).toHaveLength(rows.length);
  });

  it('household blocks lie in their unit-floor block, tile it, and sit at the right heights', () => {
    for (const u of bm.units) {
      for (const f of u.floors) {
        if (f.households.length === 0) continue;
        for (const h of f.households) {
          expect(containsPrism(f.block, h.block)).toBe(true);
          expect(h.block.zMin).toBe(f.block.zMin);
          expect(h.block.zMax).toBe(f.block.zMax);
        }
        within(f.households.reduce((s, h) => s + prismArea(h.block), 0), prismArea(f.block), 0.005);
        const areas = f.households.map((h) => prismArea(h.block));
        for (const a of areas) within(a, prismArea(f.block) / areas.length, 0.01);
      }
    }
  });

  it('rooms are in room-number order along the unit; registry area kept as data; basement below 0', () => {
    const f5 = bm.units[0]?.floors.find((f) => f.floor === 5);
    expect(f5?.households.map((h) => h.room)).toEqual(['501', '502', '503']);
    expect(f5?.households[0]).toMatchObject({ area: 89.5, use: 'residential', state: 'occupied', address: '310117-FSXY-B02-U01-F005-R501' });
    const basement = bm.units[1]?.floors.find((f) => f.floor === -1);
    expect(basement?.households).toHaveLength(1);
    expect(basement?.households[0]?.block.zMax).toBe(0);
    expect(basement?.households[0]?.block.zMin).toBe(-3);
    expect(basement?.households[0]?.address).toBe('310117-FSXY-B02-U02-FB01-RB102');
    expect(bm.units[0]?.floors.find((f) => f.floor === 12)?.households).toEqual([]);
  });

  it('households of unknown buildings or missing floors are skipped with a note, not invented', () => {
    const extra = [
      { buildingCode: '99', unit: 1, floor: 1, room: '101', use: 'residential', state: 'vacant' },
      { buildingCode: '2', unit: 1, floor: 30, room: '3001', use: 'residential', state: 'vacant' },
    ];
    const { model, notes } = buildModelReport({ level: 4, community: COMMUNITY, buildings: [b], households: [...rows, ...extra] });
    expect(notes.filter((n) => n.code === 'household_skipped')).toHaveLength(2);
    expect(model.buildings[0]?.units.flatMap((u) => u.floors.flatMap((f) => f.households))).toHaveLength(rows.length);
  });

  it('CIM4 on an L-shaped building still yields contained household blocks', () => {
    const lb = building('7', L, { units: 2, floorsAbove: 3 });
    const mm = buildModel({ level: 4, community: COMMUNITY, buildings: [lb], households: households(lb, 3) });
    for (const u of mm.buildings[0]?.units ?? []) {
      for (const f of u.floors) {
        expect(f.households).toHaveLength(3);
        for (const h of f.households) expect(containsPrism(f.block, h.block)).toBe(true);
      }
    }
  });
});

describe('determinism', () => {
  it('shuffled input gives the identical model', () => {
    const { buildings, households: hs } = community(2, 6, 3);
    const a = buildModel({ level: 4, community: COMMUNITY, buildings, households: hs });
    const shuffle = <T>(xs: T[]): T[] => xs.map((x, i) => [x, (i * 7919) % 104729] as const).sort((p, q) => p[1] - q[1]).map((p) => p[0]).reverse();
    const b = buildModel({ level: 4, community: COMMUNITY, buildings: shuffle(buildings), households: shuffle(hs) });
    expect(b).toEqual(a);
    expect(a.buildings.map((x) => x.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16']);
  });

  it('refuses what it cannot model: duplicate codes, degenerate footprints', () => {
    const b = building('1', slab([0, 0], 30, 12));
    expect(() => buildModel({ level: 2, community: COMMUNITY, buildings: [b, { ...b, code: '01' }], households: [] })).toThrow(/Duplicate building/);
    expect(() => buildModel({ level: 2, community: COMMUNITY, buildings: [{ ...b, footprint: b.footprint.slice(0, 2) }], households: [] })).toThrow(/fewer than 3/);
  });
});
