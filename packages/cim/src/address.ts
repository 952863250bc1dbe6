/**
 * Standard address codes (标准地址 — Table 2 lists them as must-have data, R6.3; R6.6.10a
 * asks for standard address coding of houses). A code depends only on the registry's own
 * identifiers (district, community, building code, unit, floor, room), never on row order or
 * database ids, so re-importing the same 楼盘表 yields the same codes.
 *
 * Grammar (every prefix that stops after a whole segment is itself a valid code):
 *
 *   code      = district "-" community [ "-B" building [ "-U" unit [ "-F" floor [ "-R" room ] ] ] ]
 *   district  = 6DIGIT [ 3DIGIT [ 3DIGIT ] ]   GB/T 2260 county code, optionally extended to
 *                                              street (9) or community (12) statistical level
 *   community = SEG
 *   building  = SEG                           all-digit codes are written with at least two
 *                                              digits, leading zeros dropped: "3", "03" → "03"
 *   unit      = 2*3DIGIT                       1..999, at least two digits: 1 → "01"
 *   floor     = 3DIGIT                         above ground 1..999: 12 → "012"
 *             | "B" 2DIGIT                     basement 1..99: floor -1 → "B01"; there is no floor 0
 *   room      = SEG
 *   SEG       = (A-Z / DIGIT) *(A-Z / DIGIT / "_" / ".")   at most 32 characters
 *
 * SEG is taken from the registry after NFKC (full-width → half-width), trimming, upper-casing
 * and mapping runs of spaces, "-" and "/" to "_". Example: 310117-FSXY-B03-U01-F012-R1203.
 * Only the canonical spelling parses: `parseAddressCode` rejects "U1" or "F12".
 */

export interface AddressParts {
  districtCode: string;
  communityCode: string;
  buildingCode?: string;
  unit?: number;
  floor?: number;
  room?: string;
}

export class AddressCodeError extends Error {
  constructor(
    readonly reason: 'malformed' | 'bad_part' | 'missing_parent' | 'non_canonical',
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${en} / ${zh}`);
    this.name = 'AddressCodeError';
  }
}

const SEG = /^[A-Z0-9][A-Z0-9_.]{0,31}$/;
const DISTRICT = /^\d{6}(\d{3}(\d{3})?)?$/;

/** Registry identifier → address segment, or null when it cannot be one. */
export function normalizeSegment(raw: string): string | null {
  const s = raw
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/[\s\-/]+/g, '_');
  return SEG.test(s) ? s : null;
}

/** Building code segment: all-digit codes lose leading zeros and are padded to two digits. */
export function normalizeBuildingCode(raw: string): string | null {
  const s = normalizeSegment(raw);
  if (s === null) return null;
  if (/^\d+$/.test(s)) return String(Number.parseInt(s, 10)).padStart(2, '0');
  return s;
}

function seg(raw: string, what: { zh: string; en: string }, normalize = normalizeSegment): string {
  const s = normalize(raw);
  if (s === null) {
    throw new AddressCodeError(
      'bad_part',
      `${what.zh}“${raw}”不能用于标准地址（只允许字母、数字、下划线和点，最长 32 位）`,
      `${what.en} "${raw}" cannot be used in a standard address (letters, digits, "_" and "." only, at most 32)`,
    );
  }
  return s;
}

function floorSegment(floor: number): string {
  if (!Number.isInteger(floor) || floor === 0 || floor > 999 || floor < -99) {
    throw new AddressCodeError(
      'bad_part',
      `楼层 ${floor} 无效（地上 1–999 层，地下 -1 至 -99 层，没有 0 层）`,
      `Floor ${floor} is invalid (1–999 above ground, -1 to -99 below; there is no floor 0)`,
    );
  }
  return floor > 0 ? String(floor).padStart(3, '0') : `B${String(-floor).padStart(2, '0')}`;
}

function unitSegment(unit: number): string {
  if (!Number.isInteger(unit) || unit < 1 || unit > 999) {
    throw new AddressCodeError('bad_part', `单元 ${unit} 无效（1–999）`, `Unit ${unit} is invalid (1–999)`);
  }
  return String(unit).padStart(2, '0');
}

/** Formats a standard address code; see the grammar above. */
export function addressCode(parts: AddressParts): string {
  const { districtCode, communityCode, buildingCode, unit, floor, room } = parts;
  if (!DISTRICT.test(districtCode)) {
    throw new AddressCodeError(
      'bad_part',
      `行政区划代码“${districtCode}”应为 6、9 或 12 位数字`,
      `District code "${districtCode}" must be 6, 9 or 12 digits`,
    );
  }
  const out = [districtCode, seg(communityCode, { zh: '社区编码', en: 'Community code' })];
  const missing = (child: string, childEn: string, parent: string, parentEn: string): never => {
    throw new AddressCodeError('missing_parent', `有${child}时必须有${parent}`, `${childEn} needs a ${parentEn}`);
  };
  if (buildingCode === undefined) {
    if (unit !== undefined || floor !== undefined || room !== undefined) missing('单元/楼层/房号', 'A unit, floor or room', '楼栋', 'building');
    return out.join('-');
  }
  out.push(`B${seg(buildingCode, { zh: '楼栋编码', en: 'Building code' }, normalizeBuildingCode)}`);
  if (unit === undefined) {
    if (floor !== undefined || room !== undefined) missing('楼层/房号', 'A floor or room', '单元', 'unit');
    return out.join('-');
  }
  out.push(`U${unitSegment(unit)}`);
  if (floor === undefined) {
    if (room !== undefined) missing('房号', 'A room', '楼层', 'floor');
    return out.join('-');
  }
  out.push(`F${floorSegment(floor)}`);
  if (room !== undefined) out.push(`R${seg(room, { zh: '房号', en: 'Room' })}`);
  return out.join('-');
}

/** Inverse of `addressCode` for canonical codes; throws `AddressCodeError` on anything else. */
export function parseAddressCode(code: string): AddressParts {
  const bad = (zh: string, en: string): never => {
    throw new AddressCodeError('malformed', `标准地址“${code}”格式错误：${zh}`, `Malformed standard address "${code}": ${en}`);
  };
  if (typeof code !== 'string' || code.length === 0) bad('为空', 'empty');
  const segs = code.split('-');
  const [district, community, ...rest] = segs;
  if (district === undefined || !DISTRICT.test(district)) bad('行政区划代码应为 6、9 或 12 位数字', 'the district code must be 6, 9 or 12 digits');
  if (community === undefined || !SEG.test(community)) bad('缺少社区编码或含非法字符', 'the community code is missing or has invalid characters');
  const parts: AddressParts = { districtCode: district as string, communityCode: community as string };
  const order = ['B', 'U', 'F', 'R'] as const;
  const names = { B: ['楼栋', 'building'], U: ['单元', 'unit'], F: ['楼层', 'floor'], R: ['房号', 'room'] } as const;
  if (rest.length > order.length) bad('段数过多', 'too many segments');
  rest.forEach((s, i) => {
    const tag = order[i] as (typeof order)[number];
    const [zh, en] = names[tag];
    if (!s.startsWith(tag)) bad(`第 ${i + 3} 段应为${zh}（以 ${tag} 开头）`, `segment ${i + 3} should be the ${en} (starting with ${tag})`);
    const body = s.slice(1);
    if (tag === 'B' || tag === 'R') {
      if (!SEG.test(body)) bad(`${zh}含非法字符`, `the ${en} has invalid characters`);
      if (tag === 'B') parts.buildingCode = body;
      else parts.room = body;
    } else if (tag === 'U') {
      if (!/^\d{2,3}$/.test(body)) bad('单元应为 2–3 位数字', 'the unit must be 2–3 digits');
      parts.unit = Number.parseInt(body, 10);
    } else {
      const m = /^(B?)(\d{2,3})$/.exec(body);
      if (m === null) bad('楼层应为 3 位数字或 B 加 2 位数字', 'the floor must be 3 digits, or B and 2 digits');
      const [, basement, digits] = m as RegExpExecArray;
      const n = Number.parseInt(digits as string, 10);
      parts.floor = basement === 'B' ? -n : n;
    }
  });
  let canonical: string;
  try {
    canonical = addressCode(parts);
  } catch (e) {
    if (e instanceof AddressCodeError) bad(e.zh, e.en);
    throw e;
  }
  if (canonical !== code) {
    throw new AddressCodeError(
      'non_canonical',
      `标准地址“${code}”不是规范写法，应为“${canonical}”`,
      `Standard address "${code}" is not canonical; it should be "${canonical}"`,
    );
  }
  return parts;
}

export type AddressLocale = 'zh' | 'zh-CN' | 'en';

export interface AddressLabelParts {
  /** The building's registry name, e.g. "3号楼". */
  buildingName?: string;
  /** English building name when the registry has one. */
  buildingNameEn?: string;
  buildingCode?: string;
  unit?: number;
  floor?: number;
  room?: string;
}

const BUILDING_SUFFIX = /^([0-9A-Za-z]+)\s*(号楼|号|栋|幢|座|楼)$/;

/** "3号楼 1单元 12层 1203室" / "Bldg 3, Unit 1, Floor 12, Room 1203". */
export function addressLabel(parts: AddressLabelParts, locale: AddressLocale): string {
  const { buildingName, buildingNameEn, buildingCode, unit, floor, room } = parts;
  const out: string[] = [];
  if (locale === 'en') {
    const name = buildingName?.normalize('NFKC').trim();
    const m = name === undefined ? null : BUILDING_SUFFIX.exec(name);
    const b =
      buildingNameEn ??
      (m !== null ? `Bldg ${m[1]}` : name !== undefined && /^[\x20-\x7e]+$/.test(name) ? name : buildingCode !== undefined ? `Bldg ${buildingCode}` : name);
    if (b !== undefined) out.push(b);
    if (unit !== undefined) out.push(`Unit ${unit}`);
    if (floor !== undefined) out.push(floor > 0 ? `Floor ${floor}` : `Floor B${-floor}`);
    if (room !== undefined) out.push(`Room ${room}`);
    return out.join(', ');
  }
  const b = buildingName ?? (buildingCode !== undefined ? `${buildingCode}号楼` : undefined);
  if (b !== undefined) out.push(b);
  if (unit !== undefined) out.push(`${unit}单元`);
  if (floor !== undefined) out.push(floor > 0 ? `${floor}层` : `地下${-floor}层`);
  if (room !== undefined) out.push(/[室号]$/.test(room) ? room : `${room}室`);
  return out.join(' ');
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十 → 20, 三十五 → 35, 一二〇三 → 1203. */
function chineseNumber(s: string): number | null {
  if (s.includes('十')) {
    const [tens, ones] = s.split('十');
    if (s.split('十').length !== 2) return null;
    const t = tens === '' ? 1 : CN_DIGIT[tens as string];
    const o = ones === '' ? 0 : CN_DIGIT[ones as string];
    return t === undefined || o === undefined ? null : t * 10 + o;
  }
  let n = 0;
  for (const ch of s) {
    const d = CN_DIGIT[ch];
    if (d === undefined) return null;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Normalises free text for a trigram (pg_trgm) search over address labels. Apply it to both
 * the indexed label and the query so that "３号楼 一单元 1203号" and "3栋1单元1203室" meet:
 * NFKC (full-width digits/letters → half-width), lower case, no whitespace, Chinese numerals
 * before an address unit → digits, building markers 号楼/栋/幢/座/# → 栋, 单元 kept,
 * room markers 室/号/房 → 室.
 */
export function normalizeAddressQuery(text: string): string {
  let s = text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  s = s.replace(/([零〇一二两三四五六七八九十]+)(?=号楼|号|栋|幢|座|单元|层|楼|室)/g, (m) => {
    const n = chineseNumber(m);
    return n === null ? m : String(n);
  });
  s = s.replace(/([0-9a-z]+)(?:号楼|#楼|号栋|号幢|号座|栋|幢|座|#)/g, '$1栋');
  s = s.replace(/([0-9a-z]+)单(?!元)/g, '$1单元');
  s = s.replace(/([0-9a-z]+)(?:室|号|房)/g, '$1室');
  return s;
}
