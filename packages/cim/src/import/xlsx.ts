/**
 * .xlsx reading and the template workbook (exceljs). Imported by path
 * (`@linli/cim/import/xlsx`) from server code only: exceljs is large and Node-only.
 */
import ExcelJS from 'exceljs';
import { BUILDING_COLUMNS, HOUSEHOLD_COLUMNS, headerOf } from './columns';

export interface WorkbookSheets {
  buildings: string[][] | null;
  households: string[][] | null;
}

function grid(ws: ExcelJS.Worksheet): string[][] {
  const out: string[][] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      const v = cell.value;
      cells.push(v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : cell.text);
    }
    out[n - 1] = cells;
  });
  for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = [];
  return out;
}

/** Reads the 楼栋 / 房屋 sheets by name (Chinese or English), else the first two sheets. Throws on a broken file. */
export async function readWorkbook(bytes: Uint8Array): Promise<WorkbookSheets> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = wb.worksheets.filter((w) => !/说明|readme/i.test(w.name));
  const byName = (re: RegExp) => sheets.find((w) => re.test(w.name));
  const b = byName(/楼栋|楼盘|building/i) ?? sheets[0];
  const h = byName(/房屋|住户|户|household/i) ?? sheets.find((w) => w !== b);
  return { buildings: b ? grid(b) : null, households: h && h !== b ? grid(h) : null };
}

/** The import template: 楼栋 and 房屋 sheets with bilingual headers and two example rows, plus 说明. */
export async function templateWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli';
  for (const [name, cols] of [
    ['楼栋 buildings', BUILDING_COLUMNS],
    ['房屋 households', HOUSEHOLD_COLUMNS],
  ] as const) {
    const ws = wb.addWorksheet(name);
    ws.addRow(cols.map(headerOf)).font = { bold: true };
    for (let i = 0; i < 2; i++) ws.addRow(cols.map((c) => c.example[i] ?? ''));
    ws.columns.forEach((c) => {
      c.width = 18;
    });
  }
  const help = wb.addWorksheet('说明 readme');
  help.addRow(['列 column', '必填 required', '说明', 'notes']).font = { bold: true };
  for (const c of [...BUILDING_COLUMNS, ...HOUSEHOLD_COLUMNS]) help.addRow([headerOf(c), c.required ? '是 yes' : '否 no', c.hintZh, c.hintEn]);
  help.addRow([]);
  help.addRow(['楼栋轮廓请另传 footprints.geojson（WGS84，properties.code = 楼栋编码）', 'Footprints: upload footprints.geojson (WGS84, properties.code = building code)']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
