import { normalizeBuildingCode, normalizeSegment } from '../address';
import type { BuildingInput, HouseholdInput } from '../types';
import { validateFootprint } from './footprint';
import type { RowProblem } from './problems';

/** Storey heights outside this range are almost certainly a unit mistake (mm, cm, total height). */
export const FLOOR_HEIGHT_RANGE = { min: 2.2, max: 6 } as const;

type Draft = Omit<RowProblem, 'severity' | 'fixable'> & Partial<Pick<RowProblem, 'severity' | 'fixable'>>;

const isPosInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;
const isNonNegInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/**
 * Checks a 楼盘表 (building + household rows) before import. Every problem names the sheet,
 * row and field it concerns; duplicates point at the first occurrence. Codes are compared in
 * their standard-address form, so "3" and "03" are the same building.
 */
export function validateRegistry(buildings: readonly BuildingInput[], households: readonly HouseholdInput[]): RowProblem[] {
  const out: RowProblem[] = [];
  const push = (p: Draft): void => {
    out.push({ severity: 'error', fixable: false, ...p });
  };
  const byCode = new Map<string, { row: number; b: BuildingInput }>();

  buildings.forEach((b, row) => {
    const B = { sheet: 'buildings' as const, row };
    const key = normalizeBuildingCode(String(b.code ?? ''));
    if (key === null) {
      push({ ...B, field: 'code', code: 'bad_code', zh: `楼栋编码“${b.code}”无效：只允许字母、数字、下划线和点`, en: `Building code "${b.code}" is invalid: letters, digits, "_" and "." only` });
    } else {
      const first = byCode.get(key);
      if (first !== undefined) {
        push({
          ...B,
          field: 'code',
          code: 'duplicate_building',
          relatedRow: first.row,
          zh: `楼栋编码“${b.code}”重复（与“${first.b.code}”相同）`,
          en: `Duplicate building code "${b.code}" (same as "${first.b.code}")`,
        });
      } else {
        byCode.set(key, { row, b });
      }
    }
    if (!isPosInt(b.floorsAbove)) {
      push({ ...B, field: 'floorsAbove', code: 'floors_not_positive', zh: `地上层数 ${b.floorsAbove} 无效：应为正整数`, en: `Floors above ground ${b.floorsAbove} is invalid: must be a positive integer` });
    }
    if (!isNonNegInt(b.floorsBelow)) {
      push({ ...B, field: 'floorsBelow', code: 'floors_not_positive', zh: `地下层数 ${b.floorsBelow} 无效：应为 0 或正整数`, en: `Floors below ground ${b.floorsBelow} is invalid: must be 0 or a positive integer` });
    }
    if (typeof b.floorHeight !== 'number' || !Number.isFinite(b.floorHeight) || b.floorHeight <= 0) {
      push({ ...B, field: 'floorHeight', code: 'height_not_positive', zh: `层高 ${b.floorHeight} 无效：应为正数（米）`, en: `Storey height ${b.floorHeight} is invalid: must be a positive number of metres` });
    } else if (b.floorHeight < FLOOR_HEIGHT_RANGE.min || b.floorHeight > FLOOR_HEIGHT_RANGE.max) {
      push({
        ...B,
        field: 'floorHeight',
        code: 'floor_height_range',
        zh: `层高 ${b.floorHeight} 米不在 2.2–6 米之间（单位是否写错？）`,
        en: `Storey height ${b.floorHeight} m is outside 2.2–6 m (wrong unit?)`,
      });
    }
    if (!isPosInt(b.units)) {
      push({ ...B, field: 'units', code: 'units_not_positive', zh: `单元数 ${b.units} 无效：应为正整数`, en: `Unit count ${b.units} is invalid: must be a positive integer` });
    } else if (b.unitOutlines !== undefined && b.unitOutlines.length !== b.units) {
      push({
        ...B,
        field: 'unitOutlines',
        code: 'unit_outlines_mismatch',
        severity: 'warning',
        zh: `给出 ${b.unitOutlines.length} 个单元轮廓，但单元数为 ${b.units}；将按长轴等分单元`,
        en: `${b.unitOutlines.length} unit outlines given for ${b.units} units; units will be split along the long axis instead`,
      });
    }
    for (const p of validateFootprint(b.footprint)) {
      push({ ...B, field: 'footprint', code: `footprint_${p.code}`, severity: p.severity, fixable: p.fixable, zh: `楼栋轮廓：${p.zh}`, en: `Footprint: ${p.en}` });
    }
  });

  const seen = new Map<string, number>();
  households.forEach((h, row) => {
    const H = { sheet: 'households' as const, row };
    const bKey = normalizeBuildingCode(String(h.buildingCode ?? ''));
    const building = bKey === null ? undefined : byCode.get(bKey)?.b;
    const room = normalizeSegment(String(h.room ?? ''));
    if (room === null) {
      push({ ...H, field: 'room', code: 'bad_code', zh: `房号“${h.room}”无效：只允许字母、数字、下划线和点`, en: `Room "${h.room}" is invalid: letters, digits, "_" and "." only` });
    }
    if (building === undefined) {
      push({ ...H, field: 'buildingCode', code: 'unknown_building', zh: `楼栋“${h.buildingCode}”不在楼栋表中`, en: `Building "${h.buildingCode}" is not in the building list` });
    } else {
      if (isPosInt(building.units) && (!Number.isInteger(h.unit) || h.unit < 1 || h.unit > building.units)) {
        push({
          ...H,
          field: 'unit',
          code: 'unit_out_of_range',
          zh: `单元 ${h.unit} 超出范围：${building.name} 共 ${building.units} 个单元`,
          en: `Unit ${h.unit} is out of range: ${building.code} has ${building.units} unit(s)`,
        });
      }
      const below = isNonNegInt(building.floorsBelow) ? building.floorsBelow : 0;
      const above = isPosInt(building.floorsAbove) ? building.floorsAbove : 0;
      if (!Number.isInteger(h.floor) || h.floor === 0 || h.floor < -below || h.floor > above) {
        const range = below > 0 ? `-${below}…-1, 1…${above}` : `1…${above}`;
        push({
          ...H,
          field: 'floor',
          code: 'floor_out_of_range',
          zh: `楼层 ${h.floor} 不存在：${building.name} 的楼层为 ${range}（没有 0 层）`,
          en: `Floor ${h.floor} does not exist: ${building.code} has floors ${range} (there is no floor 0)`,
        });
      }
    }
    if (h.area !== undefined && !(typeof h.area === 'number' && Number.isFinite(h.area) && h.area > 0)) {
      push({ ...H, field: 'area', code: 'area_not_positive', zh: `面积 ${h.area} 无效：应为正数（平方米）`, en: `Area ${h.area} is invalid: must be a positive number of m²` });
    }
    if (bKey !== null && room !== null) {
      const key = `${bKey}|${h.unit}|${room}`;
      const first = seen.get(key);
      if (first !== undefined) {
        push({
          ...H,
          field: 'room',
          code: 'duplicate_household',
          relatedRow: first,
          zh: `房屋重复：${h.buildingCode} 楼 ${h.unit} 单元 ${h.room} 室已出现过`,
          en: `Duplicate household: building ${h.buildingCode}, unit ${h.unit}, room ${h.room} already listed`,
        });
      } else {
        seen.set(key, row);
      }
    }
  });
  return out;
}
