import type { BuildingInput, HouseholdInput } from '../types';
import { BUILDING_COLUMNS, HOUSEHOLD_COLUMNS, headerOf, matchHeader, type ColumnDef } from './columns';
import { problemOf, type ImportFile, type ImportProblem } from './problems';

/** A building row of the import: the model's input plus what the 楼盘表 adds for each unit's core. */
export interface ImportBuilding extends BuildingInput {
  stairs: number;
  elevators: number;
}

export interface Table<T> {
  items: T[];
  /** Spreadsheet row number of each item (header = 1). */
  rows: number[];
  problems: ImportProblem[];
}

const BUILDING_USE: Record<string, string> = {
  住宅: 'residential', 商业: 'commercial', 商住: 'mixed', 公建: 'public', 配套: 'public', 办公: 'office', 会所: 'commercial',
  residential: 'residential', commercial: 'commercial', mixed: 'mixed', public: 'public', office: 'office',
};
const HOUSEHOLD_USE: Record<string, string> = {
  住宅: 'residential', 商业: 'commercial', 商铺: 'commercial', 出租: 'rental', 租赁: 'rental',
  residential: 'residential', commercial: 'commercial', rental: 'rental',
};
const HOUSEHOLD_STATE: Record<string, string> = {
  自住: 'occupied', 已入住: 'occupied', 入住: 'occupied', 出租: 'rented', 已出租: 'rented', 空置: 'vacant', 未知: 'unknown',
  occupied: 'occupied', rented: 'rented', vacant: 'vacant', unknown: 'unknown',
};

/** Maps the header row to column definitions; reports missing required and unknown columns. */
function mapHeader(file: ImportFile, header: string[], columns: readonly ColumnDef[], problems: ImportProblem[]): Map<string, number> | null {
  const at = new Map<string, number>();
  header.forEach((cell, i) => {
    const c = matchHeader(String(cell ?? ''), columns);
    if (c !== null && !at.has(c.key)) at.set(c.key, i);
  });
  const missing = columns.filter((c) => c.required && !at.has(c.key));
  if (missing.length > 0) {
    problems.push(
      problemOf(
        file,
        1,
        null,
        'missing_column',
        `表头缺少必填列：${missing.map((c) => c.zh).join('、')}（请使用导入模板）`,
        `The header lacks required column(s): ${missing.map((c) => headerOf(c)).join(', ')} (use the import template)`,
      ),
    );
    return null;
  }
  return at;
}

class Cells {
  constructor(
    private readonly file: ImportFile,
    private readonly row: number,
    private readonly cells: string[],
    private readonly at: Map<string, number>,
    private readonly columns: readonly ColumnDef[],
    private readonly problems: ImportProblem[],
  ) {}

  private col(key: string): ColumnDef {
    return this.columns.find((c) => c.key === key) as ColumnDef;
  }

  raw(key: string): string {
    const i = this.at.get(key);
    return i === undefined ? '' : String(this.cells[i] ?? '').normalize('NFKC').trim();
  }

  text(key: string, fallback = ''): string {
    const v = this.raw(key);
    if (v === '' && this.col(key).required) this.missing(key);
    return v === '' ? fallback : v;
  }

  private missing(key: string): void {
    const c = this.col(key);
    this.problems.push(problemOf(this.file, this.row, key, 'missing_value', `“${c.zh}”为必填项，不能为空`, `"${c.en}" is required`));
  }

  /** A number; a required empty cell or anything non-numeric is a problem (NaN goes on to validation). */
  num(key: string, fallback?: number, integer = false): number {
    const v = this.raw(key);
    const c = this.col(key);
    if (v === '') {
      if (fallback !== undefined) return fallback;
      if (c.required) this.missing(key);
      return Number.NaN;
    }
    const n = Number(v.replace(/,/g, ''));
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      this.problems.push(
        problemOf(this.file, this.row, key, 'not_a_number', `“${c.zh}”应为${integer ? '整数' : '数字'}，实际为“${v}”`, `"${c.en}" must be ${integer ? 'an integer' : 'a number'}, got "${v}"`),
      );
      return Number.NaN;
    }
    return n;
  }

  optNum(key: string): number | undefined {
    return this.raw(key) === '' ? undefined : this.num(key);
  }

  oneOf(key: string, map: Record<string, string>, fallback: string): string {
    const v = this.raw(key);
    if (v === '') return fallback;
    const hit = map[v] ?? map[v.toLowerCase()];
    if (hit === undefined) {
      const c = this.col(key);
      const allowed = [...new Set(Object.values(map))].join('/');
      this.problems.push(problemOf(this.file, this.row, key, 'bad_value', `“${c.zh}”的值“${v}”无法识别（可用：${c.hintZh || allowed}）`, `"${c.en}" value "${v}" is not recognised (allowed: ${allowed})`));
      return fallback;
    }
    return hit;
  }
}

const isBlank = (cells: string[]): boolean => cells.every((c) => String(c ?? '').trim() === '');

function readTable<T>(file: ImportFile, grid: string[][], columns: readonly ColumnDef[], make: (c: Cells) => T): Table<T> {
  const problems: ImportProblem[] = [];
  const out: Table<T> = { items: [], rows: [], problems };
  const headerIndex = grid.findIndex((r) => !isBlank(r));
  if (headerIndex < 0) {
    problems.push(problemOf(file, null, null, 'empty', '表格为空', 'The sheet is empty'));
    return out;
  }
  const at = mapHeader(file, grid[headerIndex] as string[], columns, problems);
  if (at === null) return out;
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const cells = grid[i] as string[];
    if (isBlank(cells)) continue;
    out.items.push(make(new Cells(file, i + 1, cells, at, columns, problems)));
    out.rows.push(i + 1);
  }
  if (out.items.length === 0) problems.push(problemOf(file, null, null, 'empty', '表格只有表头，没有数据行', 'The sheet has a header but no data rows'));
  return out;
}

export function readBuildingTable(grid: string[][]): Table<ImportBuilding> {
  return readTable('buildings', grid, BUILDING_COLUMNS, (c) => {
    const year = c.optNum('year');
    const structure = c.raw('structure');
    return {
      code: c.text('code'),
      name: c.text('name'),
      footprint: [],
      floorsAbove: c.num('floorsAbove', undefined, true),
      floorsBelow: c.num('floorsBelow', 0, true),
      floorHeight: c.num('floorHeight', 3),
      units: c.num('units', undefined, true),
      use: c.oneOf('use', BUILDING_USE, 'residential'),
      stairs: c.num('stairs', 1, true),
      elevators: c.num('elevators', 0, true),
      ...(year !== undefined ? { year } : {}),
      ...(structure !== '' ? { structure } : {}),
    };
  });
}

export function readHouseholdTable(grid: string[][]): Table<HouseholdInput> {
  return readTable('households', grid, HOUSEHOLD_COLUMNS, (c) => {
    const area = c.optNum('area');
    return {
      buildingCode: c.text('buildingCode'),
      unit: c.num('unit', undefined, true),
      floor: c.num('floor', undefined, true),
      room: c.text('room'),
      use: c.oneOf('use', HOUSEHOLD_USE, 'residential'),
      state: c.oneOf('state', HOUSEHOLD_STATE, 'unknown'),
      ...(area !== undefined ? { area } : {}),
    };
  });
}
