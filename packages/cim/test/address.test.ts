import { describe, expect, it } from 'vitest';
import {
  AddressCodeError,
  addressCode,
  addressLabel,
  normalizeAddressQuery,
  parseAddressCode,
  type AddressParts,
} from '../src/address';
import { buildModel } from '../src/model/build';
import type { CimModel } from '../src/types';
import { COMMUNITY, community } from './model-fixtures';

const D = { districtCode: '310117', communityCode: 'FSXY' };

const allAddresses = (m: CimModel): string[] =>
  m.buildings.flatMap((b) => [
    b.address,
    ...b.units.flatMap((u) => [u.address, ...u.floors.flatMap((f) => [f.address, ...f.households.map((h) => h.address)])]),
  ]);

describe('standard address code', () => {
  it('formats the documented example, basements and prefixes', () => {
    expect(addressCode({ ...D, buildingCode: '3', unit: 1, floor: 12, room: '1203' })).toBe('310117-FSXY-B03-U01-F012-R1203');
    expect(addressCode({ ...D, buildingCode: '03', unit: 1, floor: -1, room: 'B101' })).toBe('310117-FSXY-B03-U01-FB01-RB101');
    expect(addressCode({ ...D, buildingCode: 'a2', unit: 2 })).toBe('310117-FSXY-BA2-U02');
    expect(addressCode(D)).toBe('310117-FSXY');
    // full-width registry input is the same address
    expect(addressCode({ ...D, buildingCode: '１２', unit: 1, floor: 3, room: '３０２' })).toBe('310117-FSXY-B12-U01-F003-R302');
  });

  it('rejects what cannot be an address, with bilingual messages', () => {
    const bad: AddressParts[] = [
      { ...D, districtCode: '3101' },
      { ...D, buildingCode: '3号楼' },
      { ...D, buildingCode: '3', unit: 0 },
      { ...D, buildingCode: '3', unit: 1, floor: 0 },
      { ...D, buildingCode: '3', floor: 2 },
      { ...D, buildingCode: '3', unit: 1, room: '101' },
    ];
    for (const p of bad) {
      let err: unknown;
      try {
        addressCode(p);
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(p)).toBeInstanceOf(AddressCodeError);
      expect((err as AddressCodeError).zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('parse is the inverse of format', () => {
    const samples: AddressParts[] = [
      { ...D, buildingCode: '03', unit: 1, floor: 12, room: '1203' },
      { ...D, buildingCode: 'A2', unit: 12, floor: -3, room: 'B3_01' },
      { ...D, buildingCode: '16', unit: 2, floor: 999 },
      { ...D, buildingCode: 'BX', unit: 100 },
      { ...D, buildingCode: '07' },
      { districtCode: '310117006', communityCode: 'C001' },
    ];
    for (const p of samples) {
      expect(parseAddressCode(addressCode(p))).toEqual(p);
      expect(addressCode(parseAddressCode(addressCode(p)))).toBe(addressCode(p));
    }
  });

  it('parse rejects malformed and non-canonical codes clearly', () => {
    for (const code of [
      '',
      '3101-FSXY',
      '310117',
      '310117-FSXY-U01',
      '310117-FSXY-B03-F012',
      '310117-FSXY-B03-U1',
      '310117-FSXY-B03-U01-F12',
      '310117-FSXY-B03-U01-F000',
      '310117-FSXY-B3',
      '310117-FSXY-B03-U01-F012-R1203-X',
      '310117-fsxy-B03',
    ]) {
      expect(() => parseAddressCode(code), code).toThrow(AddressCodeError);
    }
    expect(() => parseAddressCode('310117-FSXY-B3')).toThrow(/should be "310117-FSXY-B03"/);
  });

  it('unique across a generated community of 16 buildings × 2 units × 20 floors × 4 rooms', () => {
    const { buildings, households } = community(2, 20, 4);
    expect(households).toHaveLength(16 * 2 * 20 * 4);
    const m = buildModel({ level: 4, community: COMMUNITY, buildings, households });
    const codes = allAddresses(m);
    expect(codes).toHaveLength(16 + 16 * 2 + 16 * 2 * 20 + households.length);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(addressCode(parseAddressCode(c))).toBe(c);
  });

  it('stable under shuffled input order and re-build: depends only on registry identifiers', () => {
    const { buildings, households } = community(2, 5, 2);
    const first = buildModel({ level: 4, community: COMMUNITY, buildings, households });
    const rev = buildModel({ level: 4, community: COMMUNITY, buildings: [...buildings].reverse(), households: [...households].reverse() });
    expect(allAddresses(rev)).toEqual(allAddresses(first));
    // Moving a building or changing its name/footprint does not change any code.
    const moved = buildings.map((b) => ({ ...b, name: `${b.name}（新）`, footprint: b.footprint.map(([x, y]) => [x + 0.001, y] as [number, number]) }));
    const again = buildModel({ level: 4, community: COMMUNITY, buildings: moved, households });
    expect(new Set(allAddresses(again))).toEqual(new Set(allAddresses(first)));
    // A household's code follows its own identifiers, whichever rows surround it.
    const h = households[7]!;
    const alone = buildModel({ level: 4, community: COMMUNITY, buildings, households: [h] });
    const code = addressCode({ ...D, buildingCode: h.buildingCode, unit: h.unit, floor: h.floor, room: h.room });
    expect(allAddresses(alone)).toContain(code);
    expect(allAddresses(first)).toContain(code);
  });
});

describe('address labels and search normalisation', () => {
  it('labels in both languages', () => {
    const p = { buildingName: '3号楼', unit: 1, floor: 12, room: '1203' };
    expect(addressLabel(p, 'zh')).toBe('3号楼 1单元 12层 1203室');
    expect(addressLabel(p, 'zh-CN')).toBe('3号楼 1单元 12层 1203室');
    expect(addressLabel(p, 'en')).toBe('Bldg 3, Unit 1, Floor 12, Room 1203');
    expect(addressLabel({ buildingName: 'A座', unit: 2, floor: -1, room: 'B101' }, 'zh')).toBe('A座 2单元 地下1层 B101室');
    expect(addressLabel({ buildingName: 'A座', unit: 2, floor: -1, room: 'B101' }, 'en')).toBe('Bldg A, Unit 2, Floor B1, Room B101');
    expect(addressLabel({ buildingName: '幼儿园', buildingCode: 'K1' }, 'en')).toBe('Bldg K1');
    expect(addressLabel({ buildingName: '幼儿园', buildingNameEn: 'Kindergarten' }, 'en')).toBe('Kindergarten');
  });

  it('normalises queries so variants meet', () => {
    const target = normalizeAddressQuery(addressLabel({ buildingName: '3号楼', unit: 1, floor: 12, room: '1203' }, 'zh'));
    expect(target).toBe('3栋1单元12层1203室');
    for (const q of ['３号楼 １单元 １２层 １２０３室', '3栋1单元12层1203号', '3幢 1单元 12层 1203', '三号楼一单元十二层1203室', '3座1单元12层1203房']) {
      expect(normalizeAddressQuery(q).startsWith('3栋1单元12层1203'), q).toBe(true);
    }
    expect(normalizeAddressQuery('3#楼2单元')).toBe('3栋2单元');
    expect(normalizeAddressQuery('二十一号楼')).toBe('21栋');
    expect(normalizeAddressQuery('  1203 号 ')).toBe('1203室');
  });
});
