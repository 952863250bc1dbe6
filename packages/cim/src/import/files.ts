/**
 * Uploaded files → ParsedImport. Server-only (reads .xlsx through exceljs); imported by path as
 * `@linli/cim/import/files`. Each file is size-checked before it is read; a broken file becomes
 * a problem of its own, never an exception.
 */
import { decodeText, parseCsv } from './csv';
import { readFootprints, readSite } from './geojson';
import { MAX_IMPORT_FILE_BYTES, problemOf, type ImportProblem } from './problems';
import { readBuildingTable, readHouseholdTable } from './rows';
import type { ParsedImport } from './validate';
import { readWorkbook } from './xlsx';

export type ImportRole = 'workbook' | 'buildings' | 'households' | 'footprints' | 'site';

export interface ImportFileInput {
  /** What the user said the file is (the upload form's field); guessed from the name when absent. */
  role?: ImportRole;
  name: string;
  bytes: Uint8Array;
}

/** Guesses a file's role from its name (and, for GeoJSON, its content). */
export function roleOf(f: ImportFileInput): ImportRole | null {
  if (f.role) return f.role;
  const n = f.name.toLowerCase();
  if (n.endsWith('.xlsx')) return 'workbook';
  if (n.endsWith('.csv')) return /household|房屋|住户|户/.test(n) ? 'households' : 'buildings';
  if (n.endsWith('.geojson') || n.endsWith('.json')) return /site|场地|设施|ground/.test(n) ? 'site' : 'footprints';
  return null;
}

const MB = (n: number): string => (n / 1024 / 1024).toFixed(1);

/** `onFile(done, total)` is called after each file, for the upload page's progress. */
export async function parseImportFiles(files: readonly ImportFileInput[], onFile?: (done: number, total: number) => void): Promise<ParsedImport> {
  const out: ParsedImport = { buildings: null, households: null, footprints: null, site: null, fileProblems: [] };
  const fail = (zh: string, en: string, code = 'unreadable'): void => {
    out.fileProblems.push(problemOf('upload', null, null, code, zh, en));
  };
  const seen = new Set<ImportRole>();
  let done = 0;
  for (const f of files) {
    if (done > 0) onFile?.(done, files.length);
    done++;
    if (f.bytes.byteLength > MAX_IMPORT_FILE_BYTES) {
      fail(
        `文件“${f.name}”有 ${MB(f.bytes.byteLength)} MB，超过 ${MB(MAX_IMPORT_FILE_BYTES)} MB 的上限；请拆分后分批导入`,
        `File "${f.name}" is ${MB(f.bytes.byteLength)} MB, over the ${MB(MAX_IMPORT_FILE_BYTES)} MB limit; split it and import in parts`,
        'file_too_large',
      );
      continue;
    }
    const role = roleOf(f);
    if (role === null) {
      fail(`无法识别文件“${f.name}”：请上传 .xlsx、.csv 或 .geojson`, `Cannot tell what "${f.name}" is: upload .xlsx, .csv or .geojson`, 'unknown_file');
      continue;
    }
    if (seen.has(role)) {
      fail(`“${f.name}”与另一个文件重复（同为 ${role}）`, `"${f.name}" duplicates another ${role} file`, 'duplicate_file');
      continue;
    }
    seen.add(role);
    if (role === 'workbook') {
      if (!f.name.toLowerCase().endsWith('.xlsx')) {
        fail(`“${f.name}”不是 .xlsx 工作簿`, `"${f.name}" is not an .xlsx workbook`);
        continue;
      }
      try {
        const wb = await readWorkbook(f.bytes);
        if (wb.buildings) out.buildings = readBuildingTable(wb.buildings);
        if (wb.households) out.households = readHouseholdTable(wb.households);
        if (!wb.buildings) fail(`工作簿“${f.name}”中没有工作表`, `Workbook "${f.name}" has no worksheet`);
      } catch (e) {
        fail(
          `无法读取工作簿“${f.name}”：文件已损坏或不是 Excel 2007+ (.xlsx) 格式（${(e as Error).message.slice(0, 120)}）`,
          `Cannot read workbook "${f.name}": the file is damaged or not Excel 2007+ (.xlsx) (${(e as Error).message.slice(0, 120)})`,
        );
      }
      continue;
    }
    const text = decodeText(f.bytes);
    if (role === 'buildings' || role === 'households') {
      if (f.bytes.subarray(0, 4).every((b, i) => b === [0x50, 0x4b, 0x03, 0x04][i])) {
        fail(`“${f.name}”是 Excel 工作簿而不是 CSV：请以 .xlsx 上传`, `"${f.name}" is an Excel workbook, not CSV: upload it as .xlsx`);
        continue;
      }
      const { grid, errors } = parseCsv(text);
      const problems: ImportProblem[] = errors.slice(0, 20).map((e) => problemOf(role, e.row, null, 'csv_syntax', `CSV 格式错误：${e.message}`, `CSV syntax error: ${e.message}`));
      const table = role === 'buildings' ? readBuildingTable(grid) : readHouseholdTable(grid);
      table.problems.unshift(...problems);
      if (role === 'buildings') out.buildings = table as typeof out.buildings;
      else out.households = table as typeof out.households;
      continue;
    }
    if (role === 'footprints') out.footprints = readFootprints(text);
    else out.site = readSite(text);
  }
  onFile?.(files.length, files.length);
  return out;
}
