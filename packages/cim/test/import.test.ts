import { describe, expect, it } from 'vitest';
import {
  addressSearchQuery,
  addressSearchText,
  BUILDING_COLUMNS,
  decodeText,
  matchHeader,
  parseCsv,
  planImport,
  readBuildingTable,
  readFootprints,
  readHouseholdTable,
  readSite,
  type ParsedImport,
} from '../src/import/index';
import { syntheticDistrict } from '../src/synthetic/district';
import { validateRegistry } from '../src/validate/registry';
import { signedArea } from '../src/geo/polygon';

const sq = (lng: number, lat: number, d = 0.0003) => [[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]];
const fc = (features: unknown[], extra: object = {}) => JSON.stringify({ type: 'FeatureCollection', ...extra, features });
const f = (properties: object, geometry: object) => ({ type: 'Feature', properties, geometry });
const parsed = (over: Partial<ParsedImport>): ParsedImport => ({ buildings: null, households: null, footprints: null, site: null, fileProblems: [], ...over });
const ctx = { existing: [], maxBuildings: 10, community: { code: 'T', districtCode: '310117' } };

describe('template headers', () => {
  it('accepts the template header, the Chinese or English name alone, and the Chinese with a unit', () => {
    const code = BUILDING_COLUMNS.find((c) => c.key === 'code');
    expect(matchHeader('楼栋编码 code', BUILDING_COLUMNS)).toBe(code);
    expect(matchHeader('楼栋编码', BUILDING_COLUMNS)).toBe(code);
    expect(matchHeader(' CODE ', BUILDING_COLUMNS)).toBe(code);
    expect(matchHeader('层高', BUILDING_COLUMNS)?.key).toBe('floorHeight');
    expect(matchHeader('层高(米)', BUILDING_COLUMNS)?.key).toBe('floorHeight');
    expect(matchHeader('备注', BUILDING_COLUMNS)).toBeNull();
  });
});

describe('spreadsheet rows', () => {
  it('reads values, defaults and Chinese enum spellings; reports unreadable cells by row and column', () => {
    const { grid } = parseCsv('楼栋编码,楼栋名称,地上层数,单元数,用途\nB01,1号楼,6,3,住宅\nB02,2号楼,六,2,别墅\nB03,,6,x,\n');
    const t = readBuildingTable(grid);
    expect(t.items[0]).toMatchObject({ code: 'B01', floorsAbove: 6, floorsBelow: 0, floorHeight: 3, units: 3, use: 'residential', stairs: 1, elevators: 0 });
    expect(t.rows).toEqual([2, 3, 4]);
    const codes = t.problems.map((p) => `${p.row}:${p.field}:${p.code}`);
    expect(codes).toEqual(expect.arrayContaining(['3:floorsAbove:not_a_number', '3:use:bad_value', '4:name:missing_value', '4:units:not_a_number']));
    const h = readHouseholdTable(parseCsv('楼栋编码,单元,楼层,房号,状态\nB01,1,2,201,出租\n').grid);
    expect(h.items[0]).toMatchObject({ buildingCode: 'B01', unit: 1, floor: 2, room: '201', state: 'rented', use: 'residential' });
  });

  it('names the missing required columns and decodes GB18030 CSV from Excel', () => {
    const t = readBuildingTable(parseCsv('name\nx\n').grid);
    expect(t.problems[0]?.code).toBe('missing_column');
    expect(t.problems[0]?.zh).toContain('楼栋编码');
    const gbk = new Uint8Array([0xc2, 0xa5, 0xb6, 0xb0]); // "楼栋" in GBK
    expect(decodeText(gbk)).toBe('楼栋');
    expect(decodeText(new TextEncoder().encode('\uFEFF楼栋'))).toBe('楼栋');
  });
});

describe('GeoJSON footprints and site', () => {
  it('refuses a projected CRS and projected coordinates; accepts EPSG:4326 and CRS84', () => {
    expect(readFootprints(fc([], { crs: { type: 'name', properties: { name: 'EPSG:4547' } } })).problems[0]?.code).toBe('wrong_crs');
    expect(readFootprints(fc([], { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } })).problems).toEqual([]);
    expect(readFootprints(fc([], { crs: { type: 'name', properties: { name: 'EPSG:4326' } } })).problems).toEqual([]);
    const p = readFootprints(fc([f({ code: 'B01' }, { type: 'Polygon', coordinates: [[[500000, 3400000], [500050, 3400000], [500050, 3400030], [500000, 3400000]]] })]));
    expect(p.problems.map((x) => x.code)).toEqual(['projected_coordinates']);
    expect(p.footprints.size).toBe(0);
  });

  it('closes open rings and reverses clockwise ones (warnings), refuses bow-ties and places abroad', () => {
    const cw = sq(121.2, 31.0).slice(0, 4).reverse();
    const r = readFootprints(fc([f({ code: '3' }, { type: 'Polygon', coordinates: [cw] })]));
    expect(r.problems.map((x) => `${x.code}:${x.severity}`).sort()).toEqual(['footprint_not_closed:warning', 'footprint_wrong_winding:warning']);
    const ring = r.footprints.get('03')!.ring;
    expect(ring).toHaveLength(4);
    expect(signedArea(ring)).toBeGreaterThan(0);
    const bow = readFootprints(fc([f({ code: 'B1' }, { type: 'Polygon', coordinates: [[[121.2, 31], [121.2003, 31.0003], [121.2003, 31], [121.2, 31.0003], [121.2, 31]]] })]));
    expect(bow.problems.map((x) => x.code)).toEqual(['footprint_self_intersection']);
    const abroad = readFootprints(fc([f({ code: 'B1' }, { type: 'Polygon', coordinates: [sq(-73.98, 40.75)] })]));
    expect(abroad.problems.map((x) => x.code)).toEqual(['outside_china']);
    const dup = readFootprints(fc([f({ code: 'B1' }, { type: 'Polygon', coordinates: [sq(121.2, 31)] }), f({ code: 'b1' }, { type: 'Polygon', coordinates: [sq(121.21, 31)] })]));
    expect(dup.problems).toMatchObject([{ code: 'duplicate_building', row: 2 }]);
  });

  it('reads boundary codes, roads, parking and facilities by kind; reports bad features by number', () => {
    const s = readSite(
      fc([
        f({ layer: 'boundary', communityCode: 'fsxy', districtCode: '310117' }, { type: 'Polygon', coordinates: [sq(121.2, 31, 0.003)] }),
        f({ layer: 'road', code: 'R1', width: 7 }, { type: 'LineString', coordinates: [[121.2001, 31.0001], [121.2020, 31.0001]] }),
        f({ layer: 'parking', code: 'P1', spaces: 20 }, { type: 'Polygon', coordinates: [sq(121.2005, 31.0005, 0.0002)] }),
        f({ kind: 'hydrant', code: 'H1' }, { type: 'Point', coordinates: [121.201, 31.001] }),
        f({ kind: 'rocket', code: 'X1' }, { type: 'Point', coordinates: [121.201, 31.001] }),
        f({ kind: 'hydrant', code: 'H1' }, { type: 'Point', coordinates: [121.201, 31.001] }),
      ]),
    );
    expect(s.community).toEqual({ code: 'fsxy', districtCode: '310117' });
    expect(s.roads).toHaveLength(1);
    expect(s.parking[0]).toMatchObject({ code: 'P1', spaces: 20, underground: false });
    expect(s.facilities).toMatchObject([{ code: 'H1', kind: 'hydrant', level: 3 }]);
    expect(s.problems.map((p) => `${p.row}:${p.code}`)).toEqual(['5:bad_value', '6:duplicate_code']);
  });
});

describe('planImport', () => {
  const b = readBuildingTable(parseCsv('code,name,floors_above,units\nB01,1号楼,3,1\nB02,2号楼,2,1\n').grid);
  it('warns about floors without households and refuses households outside the building', () => {
    const h = readHouseholdTable(parseCsv('building_code,unit,floor,room\nB01,1,1,101\nB01,1,3,301\nB01,2,1,1201\n').grid);
    const plan = planImport(parsed({ buildings: b, households: h }), ctx);
    expect(plan.ok).toBe(false);
    expect(plan.problems.find((p) => p.code === 'unit_out_of_range')).toMatchObject({ file: 'households', row: 4, field: 'unit' });
    expect(plan.problems.find((p) => p.code === 'missing_floors')).toMatchObject({ severity: 'warning', row: 2 });
  });

  it('checks the quota against existing plus new buildings, and needs community codes', () => {
    const plan = planImport(parsed({ buildings: b }), { existing: [{ code: 'B09', name: '9', floorsAbove: 6, floorsBelow: 0, units: 1 }], maxBuildings: 2, community: {} });
    expect(plan.problems.map((p) => p.code).sort()).toEqual(['missing_community_code', 'quota_exceeded']);
  });

  it('attaches footprints to sheet buildings and refuses footprints of unknown buildings', () => {
    const fp = readFootprints(fc([f({ code: 'B01' }, { type: 'Polygon', coordinates: [sq(121.2, 31)] }), f({ code: 'B77' }, { type: 'Polygon', coordinates: [sq(121.21, 31)] })]));
    const plan = planImport(parsed({ buildings: b, footprints: fp }), ctx);
    expect(plan.buildings[0]!.footprint).toHaveLength(4);
    expect(plan.problems.map((p) => p.code).sort()).toEqual(['missing_footprint', 'unknown_building']);
  });
});

describe('address search normalisation', () => {
  it('makes typed addresses meet stored labels, without 3 matching 13', () => {
    const text = addressSearchText({ community: '当代MOMA', buildingName: '13号楼', unit: 2, room: '1201', addressCode: '110101-MOMA-BB13-U02-F012-R1201' });
    expect(text).toContain('#13栋#2单元#1201室');
    expect(text).not.toContain(addressSearchQuery('3号楼2单元'));
    expect(addressSearchQuery('MOMA 5-1-1201')).toBe('moma#5栋#1单元#1201室');
    expect(addressSearchQuery('三号楼二单元')).toBe('#3栋#2单元');
    expect(addressSearchQuery('３栋１２层１２０１')).toBe('#3栋#1201');
  });
});

describe('syntheticDistrict', () => {
  it('is 100 communities, 2,000 buildings, 200,000 valid households, deterministic', () => {
    const d = syntheticDistrict();
    expect(d).toHaveLength(100);
    expect(d.reduce((n, c) => n + c.buildings.length, 0)).toBe(2000);
    expect(d.reduce((n, c) => n + c.households.length, 0)).toBe(200_000);
    expect(validateRegistry(d[0]!.buildings, d[0]!.households).filter((p) => p.severity === 'error')).toEqual([]);
    expect(validateRegistry(d[99]!.buildings, d[99]!.households).filter((p) => p.severity === 'error')).toEqual([]);
    expect(syntheticDistrict({ communities: 2 })[1]).toEqual(syntheticDistrict({ communities: 2 })[1]);
  });
});
