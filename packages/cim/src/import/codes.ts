export { normalizeBuildingCode, normalizeSegment } from '../address';
/** GB/T 2260 county code, optionally extended to street (9) or community (12) level. */
export const DISTRICT_CODE = /^\d{6}(\d{3}(\d{3})?)?$/;
