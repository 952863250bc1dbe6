/**
 * Validation of a whole import before anything is written: the spreadsheet rows, footprints
 * and ground together, against the buildings the community already has and its quota.
 */
import { DISTRICT_CODE, normalizeBuildingCode, normalizeSegment } from './codes';
import type { HouseholdInput, LngLat } from '../types';
import { validateRegistry } from '../validate/registry';
import type { FootprintsRead, SiteRead } from './geojson';
import { problemOf, type ImportProblem } from './problems';
import type { ImportBuilding, Table } from './rows';

export interface ParsedImport {
  buildings: Table<ImportBuilding> | null;
  households: Table<HouseholdInput> | null;
  footprints: FootprintsRead | null;
  site: SiteRead | null;
  /** Problems of reading the files themselves (size, unreadable workbook, missing sheet). */
  fileProblems: ImportProblem[];
}

/** A building already in the database, as validation needs it. */
export interface ExistingBuilding {
  code: string;
  name: string;
  floorsAbove: number;
  floorsBelow: number;
  units: number;
}

export interface ImportContext {
  existing: readonly ExistingBuilding[];
  maxBuildings: number;
  /** The community's current codes; the site file may set or change them. */
  community: { code?: string; districtCode?: string };
}

export interface ImportPlan {
  problems: ImportProblem[];
  ok: boolean;
  community: { code: string; districtCode: string } | null;
  /** Sheet buildings with their footprints and unit outlines attached (only meaningful when ok). */
  buildings: ImportBuilding[];
  households: HouseholdInput[];
  /** Normalised code → footprint for buildings not in the sheet (footprint-only update). */
  footprintsOnly: Map<string, { ring: LngLat[]; unitOutlines?: LngLat[][] }>;
  counts: { buildings: number; households: number; footprints: number; roads: number; parking: number; facilities: number; boundary: boolean };
}

function ranges(ns: number[]): string {
  const out: string[] = [];
  let start = ns[0] as number;
  let prev = start;
  for (const n of [...ns.slice(1), Number.NaN]) {
    if (n === prev + 1) {
      prev = n;
      continue;
    }
    out.push(start === prev ? `${start}` : `${start}–${prev}`);
    start = n;
    prev = n;
  }
  return out.join(', ');
}

export function planImport(parsed: ParsedImport, ctx: ImportContext): ImportPlan {
  const problems: ImportProblem[] = [...parsed.fileProblems];
  const sheet = parsed.buildings;
  const hh = parsed.households;
  for (const part of [sheet?.problems, hh?.problems, parsed.footprints?.problems, parsed.site?.problems]) if (part) problems.push(...part);

  const sheetBuildings = sheet?.items ?? [];
  const sheetCodes = new Set(sheetBuildings.map((b) => normalizeBuildingCode(String(b.code)) ?? `?${b.code}`));
  const existingByCode = new Map(ctx.existing.map((b) => [normalizeBuildingCode(b.code) ?? b.code, b]));
  // Buildings only in the database still anchor households, footprints and facilities of this import.
  const carried = ctx.existing.filter((b) => !sheetCodes.has(normalizeBuildingCode(b.code) ?? b.code));
  const reference: ImportBuilding[] = [
    ...sheetBuildings,
    ...carried.map((b) => ({ code: b.code, name: b.name, footprint: [] as LngLat[], floorsAbove: b.floorsAbove, floorsBelow: b.floorsBelow, floorHeight: 3, units: b.units, use: 'residential', stairs: 1, elevators: 0 })),
  ];

  // Attach footprints and unit outlines from the GeoJSON.
  const fp = parsed.footprints;
  const buildings = sheetBuildings.map((b) => {
    const key = normalizeBuildingCode(String(b.code)) ?? '';
    const ring = fp?.footprints.get(key)?.ring;
    const units = fp?.unitOutlines.get(key);
    const unitOutlines = units && units.size > 0 ? [...units.entries()].sort((a, c) => a[0] - c[0]).map(([, r]) => r) : undefined;
    return { ...b, footprint: ring ?? [], ...(unitOutlines ? { unitOutlines } : {}) };
  });

  const households = hh?.items ?? [];
  const parsedAt = new Set(problems.map((p) => `${p.file}|${p.row}|${p.field}`));
  if (sheet !== null || hh !== null) {
    const withFootprints = [...buildings, ...reference.slice(sheetBuildings.length)];
    for (const p of validateRegistry(withFootprints, households)) {
      if (p.code.startsWith('footprint_')) continue; // footprints are checked per GeoJSON feature
      if (p.sheet === 'buildings' && p.row >= sheetBuildings.length) continue; // a database row, not the user's
      const rows = p.sheet === 'buildings' ? sheet?.rows : hh?.rows;
      const row = rows?.[p.row] ?? p.row + 2;
      const field = p.field;
      if (parsedAt.has(`${p.sheet}|${row}|${field}`)) continue; // already reported as unreadable
      const related = p.relatedRow !== undefined ? (rows?.[p.relatedRow] ?? null) : null;
      problems.push(
        problemOf(p.sheet, row, field, p.code, related !== null ? `${p.zh}（见第 ${related} 行）` : p.zh, related !== null ? `${p.en} (see row ${related})` : p.en, p.severity),
      );
    }
  }

  // Floors with no household at all: usually rows lost when the sheet was assembled.
  if (hh !== null) {
    const floorsOf = new Map<string, Set<number>>();
    for (const h of households) {
      const key = normalizeBuildingCode(String(h.buildingCode)) ?? '';
      const set = floorsOf.get(key) ?? new Set<number>();
      set.add(h.floor);
      floorsOf.set(key, set);
    }
    sheetBuildings.forEach((b, i) => {
      const key = normalizeBuildingCode(String(b.code)) ?? '';
      const have = floorsOf.get(key);
      if (have === undefined || !Number.isInteger(b.floorsAbove)) return;
      const missing: number[] = [];
      for (let f = 1; f <= b.floorsAbove; f++) if (!have.has(f)) missing.push(f);
      if (missing.length > 0 && b.use !== 'commercial') {
        problems.push(
          problemOf(
            'buildings',
            sheet?.rows[i] ?? null,
            'floorsAbove',
            'missing_floors',
            `${b.name || b.code} 共 ${b.floorsAbove} 层，但房屋表中没有第 ${ranges(missing)} 层的房屋`,
            `${b.code} has ${b.floorsAbove} floors but the household sheet has no household on floor(s) ${ranges(missing)}`,
            'warning',
          ),
        );
      }
    });
  }

  const known = (code: string): boolean => {
    const k = normalizeBuildingCode(code);
    return k !== null && (sheetCodes.has(k) || existingByCode.has(k));
  };
  const footprintsOnly = new Map<string, { ring: LngLat[]; unitOutlines?: LngLat[][] }>();
  if (fp !== null) {
    for (const [key, f] of fp.footprints) {
      if (!known(key)) {
        problems.push(problemOf('footprints', f.row, 'code', 'unknown_building', `楼栋“${f.code}”不在楼栋表中，也不是小区已有楼栋`, `Building "${f.code}" is neither in the building sheet nor already in the community`));
      } else if (!sheetCodes.has(key)) {
        const units = fp.unitOutlines.get(key);
        footprintsOnly.set(key, { ring: f.ring, ...(units ? { unitOutlines: [...units.entries()].sort((a, c) => a[0] - c[0]).map(([, r]) => r) } : {}) });
      }
    }
    for (const key of fp.unitOutlines.keys()) {
      if (!fp.footprints.has(key)) problems.push(problemOf('footprints', null, 'unit', 'unit_without_footprint', `楼栋“${key}”有单元轮廓但没有楼栋轮廓`, `Building "${key}" has unit outlines but no footprint`));
    }
    if (sheet !== null) {
      const without = buildings.filter((b) => b.footprint.length === 0).map((b) => b.code);
      if (without.length > 0) {
        problems.push(
          problemOf(
            'footprints',
            null,
            null,
            'missing_footprint',
            `${without.length} 栋楼没有轮廓（${without.slice(0, 8).join('、')}${without.length > 8 ? '…' : ''}），只进入楼盘表（CIM1），不会显示在三维场景中`,
            `${without.length} building(s) have no footprint (${without.slice(0, 8).join(', ')}${without.length > 8 ? '…' : ''}); they enter the registry (CIM1) only and are not drawn in 3D`,
            'warning',
          ),
        );
      }
    }
  }

  const site = parsed.site;
  if (site !== null) {
    for (const item of [...site.parking, ...site.facilities]) {
      if (item.buildingCode !== undefined && !known(item.buildingCode)) {
        problems.push(problemOf('site', item.row, 'buildingCode', 'unknown_building', `所属楼栋“${item.buildingCode}”不存在`, `Building "${item.buildingCode}" does not exist`));
      }
    }
  }

  // Community codes: from the site file, else what the community already has.
  const code = site?.community.code ?? ctx.community.code;
  const districtCode = site?.community.districtCode ?? ctx.community.districtCode;
  let community: ImportPlan['community'] = null;
  if (code === undefined || districtCode === undefined) {
    problems.push(
      problemOf(
        'site',
        null,
        'communityCode',
        'missing_community_code',
        '尚未设置社区编码和行政区划代码：请在 site.geojson 的边界要素中填写 communityCode 与 districtCode',
        'The community has no community code and district code yet: give communityCode and districtCode on the boundary feature of site.geojson',
      ),
    );
  } else if (normalizeSegment(code) === null || !DISTRICT_CODE.test(districtCode)) {
    problems.push(
      problemOf('site', null, 'communityCode', 'bad_code', `社区编码“${code}”或行政区划代码“${districtCode}”无效（区划代码为 6、9 或 12 位数字）`, `Community code "${code}" or district code "${districtCode}" is invalid (district: 6, 9 or 12 digits)`),
    );
  } else {
    community = { code: normalizeSegment(code) as string, districtCode };
  }

  const total = new Set([...existingByCode.keys(), ...sheetCodes]).size;
  if (total > ctx.maxBuildings) {
    problems.push(
      problemOf('buildings', null, null, 'quota_exceeded', `导入后共 ${total} 栋楼，超过本小区的楼栋配额 ${ctx.maxBuildings} 栋`, `The import would make ${total} buildings, over the community's quota of ${ctx.maxBuildings}`),
    );
  }

  problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return {
    problems,
    ok: !problems.some((p) => p.severity === 'error'),
    community,
    buildings,
    households,
    footprintsOnly,
    counts: {
      buildings: sheetBuildings.length,
      households: households.length,
      footprints: fp?.footprints.size ?? 0,
      roads: site?.roads.length ?? 0,
      parking: site?.parking.length ?? 0,
      facilities: site?.facilities.length ?? 0,
      boundary: (site?.boundary ?? null) !== null,
    },
  };
}
