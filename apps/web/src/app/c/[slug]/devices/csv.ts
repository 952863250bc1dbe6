import { checkDeviceRow, type DeviceRow } from '@linli/iot/device-row';
/** CSV for the device import and the secrets download (RFC 4180: quotes, commas and newlines in fields). */

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines (e.g. a trailing newline) are not devices.
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function toCsv(rows: unknown[][]): string {
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Saves text as a file (with a BOM so Excel reads the Chinese correctly). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const IMPORT_HEADER = ['code', 'kind', 'name', 'buildingCode', 'floor', 'lng', 'lat', 'zone'] as const;
export type ImportField = (typeof IMPORT_HEADER)[number];

export type DeviceInput = DeviceRow;

/** A problem in the file; `row` counts devices from 1 (the header is not a row), as the server does. */
export interface RowProblem {
  row: number;
  field: string;
  message: { zh: string; en: string };
}

/** Checks one device row exactly as the server will (the rule lives in @linli/iot). */
export function checkDevice(d: DeviceInput): Array<{ field: ImportField; message: { zh: string; en: string } }> {
  return checkDeviceRow(d) as Array<{ field: ImportField; message: { zh: string; en: string } }>;
}

const optNumber = (s: string | undefined): number | null => {
  const t = (s ?? '').trim();
  return t === '' ? null : Number(t);
};
const optText = (s: string | undefined): string | null => {
  const t = (s ?? '').trim();
  return t === '' ? null : t;
};

/** Parses an import file: the header must name the columns (any order; unknown columns are an error). */
export function parseDeviceCsv(text: string): { devices: DeviceInput[]; problems: RowProblem[] } {
  const rows = parseCsv(text);
  const problems: RowProblem[] = [];
  if (rows.length === 0) return { devices: [], problems: [{ row: 0, field: 'file', message: { zh: '文件是空的', en: 'The file is empty' } }] };
  const header = rows[0]!.map((h) => h.trim());
  const index = new Map(header.map((h, i) => [h, i]));
  for (const h of header) {
    if (!(IMPORT_HEADER as readonly string[]).includes(h)) problems.push({ row: 0, field: h || '—', message: { zh: `未知的列「${h}」`, en: `Unknown column "${h}"` } });
  }
  for (const required of ['code', 'kind', 'name'] as const) {
    if (!index.has(required)) problems.push({ row: 0, field: required, message: { zh: `表头缺少「${required}」列`, en: `The header lacks the "${required}" column` } });
  }
  if (problems.length) return { devices: [], problems };
  const get = (r: string[], f: ImportField) => (index.has(f) ? r[index.get(f)!] : undefined);
  const devices = rows.slice(1).map((r) => ({
    code: (get(r, 'code') ?? '').trim(),
    kind: (get(r, 'kind') ?? '').trim(),
    name: (get(r, 'name') ?? '').trim(),
    buildingCode: optText(get(r, 'buildingCode')),
    floor: optNumber(get(r, 'floor')),
    lng: optNumber(get(r, 'lng')),
    lat: optNumber(get(r, 'lat')),
    zone: optText(get(r, 'zone')),
  }));
  if (devices.length === 0) problems.push({ row: 0, field: 'file', message: { zh: '文件只有表头，没有设备', en: 'The file has a header but no devices' } });
  if (devices.length > 5000) problems.push({ row: 0, field: 'file', message: { zh: '一次最多导入 5000 台设备', en: 'At most 5,000 devices per import' } });
  const seen = new Map<string, number>();
  devices.forEach((d, i) => {
    for (const p of checkDevice(d)) problems.push({ row: i + 1, ...p });
    if (d.code && seen.has(d.code)) problems.push({ row: i + 1, field: 'code', message: { zh: `编号「${d.code}」与第 ${seen.get(d.code)} 行重复`, en: `Code "${d.code}" repeats row ${seen.get(d.code)}` } });
    else seen.set(d.code, i + 1);
  });
  return { devices, problems };
}

export const TEMPLATE_CSV = toCsv([
  [...IMPORT_HEADER],
  ['EM-1-0101', 'meter_electricity', '1号楼101电表', '1', '1', '', '', ''],
  ['WM-1-0101', 'meter_water', '1号楼101水表', '1', '1', '', '', ''],
  ['SL-001', 'street_light', '东门路灯1', '', '', '116.3975', '39.9087', 'east'],
  ['SD-1-01', 'smoke_detector', '1号楼1层烟感', '1', '1', '', '', ''],
]);
