/** Things the model builder did that an operator may want to know (shown with the import result). */
export type ModelNoteCode =
  | 'footprint_reversed'
  | 'unit_split_multipart'
  | 'unit_outline_clipped'
  | 'unit_outline_fallback'
  | 'household_split_multipart'
  | 'household_slice_empty'
  | 'household_skipped'
  | 'stair_missing';

export interface ModelNote {
  code: ModelNoteCode;
  building: string;
  unit?: number;
  floor?: number;
  room?: string;
  zh: string;
  en: string;
}
