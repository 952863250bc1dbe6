import Papa from 'papaparse';

/**
 * Spreadsheet bytes as text: UTF-8 (with or without BOM), else GB18030 — what Excel on a
 * Chinese Windows writes when it saves "CSV".
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** CSV text → rows of cells. Papa Parse tolerates ragged rows; quoting errors are reported. */
export function parseCsv(text: string): { grid: string[][]; errors: { row: number; message: string }[] } {
  const res = Papa.parse<string[]>(text, { skipEmptyLines: false });
  return { grid: res.data.map((r) => r.map((c) => String(c ?? ''))), errors: res.errors.map((e) => ({ row: (e.row ?? 0) + 1, message: e.message })) };
}

/** Cells → CSV text with a BOM, so Excel opens the Chinese headers correctly. */
export function toCsv(rows: (string | number)[][]): string {
  return `\uFEFF${Papa.unparse(rows.map((r) => r.map(String)))}\r\n`;
}
