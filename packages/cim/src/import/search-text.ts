/**
 * Address search text (R6.6.10a). The stored label and the user's query go through the same
 * normalisation (`normalizeAddressQuery`: full-width → half-width, 号楼/栋/幢/座 → 栋, Chinese
 * numerals → digits), then every number gets a leading "#" so that "3栋" never matches inside
 * "13栋". Floors are dropped: the room number already carries them, and people rarely type them.
 */
import { normalizeAddressQuery } from '../address';

const markNumbers = (s: string): string => s.replace(/(^|[^0-9#])([0-9]+)/g, '$1#$2');

export interface SearchTextParts {
  community: string;
  buildingName: string;
  unit?: number;
  room?: string;
  addressCode: string;
}

export function addressSearchText(p: SearchTextParts): string {
  let label = `${p.community}${p.buildingName}`;
  if (p.unit !== undefined) label += `${p.unit}单元`;
  if (p.room !== undefined) label += `${p.room}室`;
  return `${markNumbers(normalizeAddressQuery(label))} ${markNumbers(p.addressCode.toLowerCase())}`;
}

/** "MOMA 5-1-1201" → "moma#5栋#1单元#1201室"; "３号楼二单元" → "#3栋#2单元". Empty when nothing is left. */
export function addressSearchQuery(q: string): string {
  let s = q.normalize('NFKC').trim();
  // Building-unit-room shorthand as people write it on parcels: 5-1-1201.
  s = s.replace(/(\d+)\s*[-—_/]\s*(\d+)\s*[-—_/]\s*(\d+)/g, '$1栋$2单元$3室');
  s = normalizeAddressQuery(s);
  s = s.replace(/(^|[^0-9])-?\d+层/g, '$1').replace(/地下\d+层/g, '');
  return markNumbers(s);
}
