/**
 * What the registry import reports before anything is written: one message per row (zh + en),
 * naming the file, the row as the user sees it (spreadsheet row incl. the header; GeoJSON
 * feature number from 1) and the column.
 */
import type { Severity } from '../validate/problems';

export type ImportFile = 'upload' | 'buildings' | 'households' | 'footprints' | 'site';

export interface ImportProblem {
  file: ImportFile;
  /** Spreadsheet row (header = 1, first data row = 2) or GeoJSON feature number (1-based); null for the whole file. */
  row: number | null;
  field: string | null;
  code: string;
  severity: Severity;
  zh: string;
  en: string;
}

export const problemOf = (
  file: ImportFile,
  row: number | null,
  field: string | null,
  code: string,
  zh: string,
  en: string,
  severity: Severity = 'error',
): ImportProblem => ({ file, row, field, code, severity, zh, en });

export const hasErrors = (problems: readonly ImportProblem[]): boolean => problems.some((p) => p.severity === 'error');

/** Files larger than this are refused before they are read (one registry of 200,000 rows is ≈ 12 MB as CSV). */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;
