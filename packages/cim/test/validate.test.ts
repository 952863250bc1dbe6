import { describe, expect, it } from 'vitest';
import type { FootprintProblemCode, RegistryProblemCode, RowProblem } from '../src/validate/problems';
import { validateFootprint } from '../src/validate/footprint';
import { validateRegistry } from '../src/validate/registry';
import type { BuildingInput, HouseholdInput, LngLat, Vec2 } from '../src/types';
import { building, households, slab, toWgs } from './model-fixtures';

const codes = (ps: { code: string }[]): string[] => ps.map((p) => p.code).sort();
const clean = toWgs(slab([0, 0], 40, 12, 20));

describe('validateFootprint', () => {
  it('a clean footprint has no problems, open or closed, in either mode', () => {
    expect(validateFootprint(clean)).toEqual([]);
    expect(validateFootprint([...clean, clean[0] as LngLat], { mode: 'geojson' })).toEqual([]);
  });

  const cases: [FootprintProblemCode, LngLat[], { mode?: 'ring' | 'geojson' }?][] = [
    ['invalid_coordinate', [[121.4, 31.2], [Number.NaN, 31.2], [121.41, 31.21]]],
    ['too_few_points', [clean[0] as LngLat, clean[1] as LngLat, clean[0] as LngLat]],
    ['not_closed', clean, { mode: 'geojson' }],
    ['wrong_winding', [...clean].reverse()],
    ['self_intersection', toWgs([[0, 0], [30, 30], [30, 0], [0, 30]])],
    ['zero_area', toWgs([[0, 0], [3, 0], [3, 3], [0, 3]])],
    ['outside_china', clean.map(([lng, lat]) => [lat, lng] as LngLat)],
    ['too_large', toWgs(slab([0, 0], 1200, 900))],
  ];
  for (const [code, ring, opts] of cases) {
    it(`reports ${code} on a crafted ring, bilingually`, () => {
      const ps = validateFootprint(ring, opts);
      const p = ps.find((x) => x.code === code);
      expect(p, JSON.stringify(ps)).toBeDefined();
      expect(p?.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p?.en).toMatch(/^[\x20-\x7e²–]+$/);
    });
  }

  it('severities: open ring and clockwise are fixable warnings, the rest errors', () => {
    const [notClosed] = validateFootprint(clean, { mode: 'geojson' });
    expect(notClosed).toMatchObject({ code: 'not_closed', severity: 'warning', fixable: true });
    expect(validateFootprint(clean)).toEqual([]); // ring mode: open is fine
    expect(validateFootprint([...clean].reverse())).toEqual([expect.objectContaining({ code: 'wrong_winding', severity: 'warning', fixable: true })]);
    expect(validateFootprint(toWgs([[0, 0], [30, 30], [30, 0], [0, 30]]))[0]).toMatchObject({ severity: 'error' });
  });

  it('suggests swapped coordinates', () => {
    const [p] = validateFootprint(clean.map(([lng, lat]) => [lat, lng] as LngLat));
    expect(p?.en).toContain('swapped');
  });
});

describe('validateRegistry', () => {
  const b1 = building('1', slab([0, 0], 40, 12), { floorsBelow: 1 });
  const b2 = building('2', slab([0, 60], 40, 12));
  const cleanHouseholds = [...households(b1, 2, [-1, 1, 2, 18]), ...households(b2, 2)];

  it('a clean registry has no problems', () => {
    expect(validateRegistry([b1, b2], cleanHouseholds)).toEqual([]);
  });

  const hh = (over: Partial<HouseholdInput>): HouseholdInput => ({ buildingCode: '1', unit: 1, floor: 3, room: '301', use: 'residential', state: 'vacant', ...over });
  const cases: [RegistryProblemCode, BuildingInput[], HouseholdInput[], Partial<RowProblem>][] = [
    ['duplicate_building', [b1, b2, { ...b2, code: '01' }], [], { sheet: 'buildings', row: 2, field: 'code', relatedRow: 0 }],
    ['duplicate_household', [b1], [hh({}), hh({ floor: 4 }), hh({ room: '302' })], { sheet: 'households', row: 1, field: 'room', relatedRow: 0 }],
    ['bad_code', [{ ...b1, code: '三号楼' }], [], { sheet: 'buildings', row: 0, field: 'code' }],
    ['bad_code', [b1], [hh({ room: '' })], { sheet: 'households', row: 0, field: 'room' }],
    ['floors_not_positive', [{ ...b1, floorsAbove: 0 }], [], { field: 'floorsAbove' }],
    ['floors_not_positive', [{ ...b1, floorsBelow: -1 }], [], { field: 'floorsBelow' }],
    ['height_not_positive', [{ ...b1, floorHeight: 0 }], [], { field: 'floorHeight' }],
    ['floor_height_range', [{ ...b1, floorHeight: 30 }], [], { field: 'floorHeight' }],
    ['floor_height_range', [{ ...b1, floorHeight: 2.1 }], [], { field: 'floorHeight' }],
    ['units_not_positive', [{ ...b1, units: 0 }], [], { field: 'units' }],
    ['unit_outlines_mismatch', [{ ...b1, unitOutlines: [b1.footprint] }], [], { field: 'unitOutlines', severity: 'warning' }],
    ['unknown_building', [b1], [hh({ buildingCode: '9' })], { sheet: 'households', field: 'buildingCode' }],
    ['unit_out_of_range', [b1], [hh({ unit: 3 })], { field: 'unit' }],
    ['unit_out_of_range', [b1], [hh({ unit: 0 })], { field: 'unit' }],
    ['floor_out_of_range', [b1], [hh({ floor: 0 })], { field: 'floor' }],
    ['floor_out_of_range', [b1], [hh({ floor: 19 })], { field: 'floor' }],
    ['floor_out_of_range', [b1], [hh({ floor: -2 })], { field: 'floor' }],
    ['area_not_positive', [b1], [hh({ area: -5 })], { field: 'area' }],
    ['footprint_self_intersection', [{ ...b1, footprint: toWgs([[0, 0], [30, 30], [30, 0], [0, 30]]) }], [], { field: 'footprint' }],
  ];
  for (const [code, bs, hs, where] of cases) {
    it(`reports ${code} ${JSON.stringify(where)}`, () => {
      const ps = validateRegistry(bs, hs);
      expect(codes(ps)).toEqual([code]);
      expect(ps[0]).toMatchObject({ code, ...where });
      expect(ps[0]?.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(ps[0]?.en.length).toBeGreaterThan(10);
    });
  }

  it('basement floor -1 is fine when the building has a basement, and floor 18 is the top', () => {
    expect(validateRegistry([b1], [hh({ floor: -1, room: 'B101' }), hh({ floor: 18, room: '1801' })])).toEqual([]);
  });
});

export type { Vec2 };
