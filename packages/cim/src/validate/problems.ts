/** Problems found before anything is written; shown bilingually in the import preview. */
export type Severity = 'error' | 'warning';

export type FootprintProblemCode =
  | 'invalid_coordinate'
  | 'too_few_points'
  | 'not_closed'
  | 'wrong_winding'
  | 'self_intersection'
  | 'zero_area'
  | 'outside_china'
  | 'too_large';

export interface Problem {
  code: FootprintProblemCode;
  severity: Severity;
  /** The importer can repair it (e.g. reverse a clockwise ring) instead of refusing the row. */
  fixable: boolean;
  zh: string;
  en: string;
}

export type RegistryProblemCode =
  | 'duplicate_building'
  | 'duplicate_household'
  | 'bad_code'
  | 'floors_not_positive'
  | 'height_not_positive'
  | 'floor_height_range'
  | 'units_not_positive'
  | 'unit_outlines_mismatch'
  | 'unknown_building'
  | 'unit_out_of_range'
  | 'floor_out_of_range'
  | 'area_not_positive'
  | `footprint_${FootprintProblemCode}`;

export interface RowProblem {
  sheet: 'buildings' | 'households';
  /** 0-based index into the list passed in. */
  row: number;
  field: string;
  code: RegistryProblemCode;
  severity: Severity;
  fixable: boolean;
  zh: string;
  en: string;
  /** The other row of a duplicate pair (its first occurrence). */
  relatedRow?: number;
}

/** Thrown by the model builder for input it cannot model at all. */
export class CimInputError extends Error {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${en} / ${zh}`);
    this.name = 'CimInputError';
  }
}
