/**
 * The 楼盘表 template: one column definition per field, with the Chinese and English header
 * the template writes and every spelling the reader accepts ("楼栋编码", "code", "楼栋编码 code").
 */
export interface ColumnDef {
  key: string;
  zh: string;
  en: string;
  required: boolean;
  /** One example value per template row. */
  example: string[];
  hintZh: string;
  hintEn: string;
}

export const BUILDING_COLUMNS: readonly ColumnDef[] = [
  { key: 'code', zh: '楼栋编码', en: 'code', required: true, example: ['B01', 'B02'], hintZh: '小区内唯一，字母数字', hintEn: 'unique in the community' },
  { key: 'name', zh: '楼栋名称', en: 'name', required: true, example: ['1号楼', '2号楼'], hintZh: '', hintEn: '' },
  { key: 'floorsAbove', zh: '地上层数', en: 'floors_above', required: true, example: ['18', '6'], hintZh: '正整数', hintEn: 'positive integer' },
  { key: 'floorsBelow', zh: '地下层数', en: 'floors_below', required: false, example: ['2', '0'], hintZh: '默认 0', hintEn: 'default 0' },
  { key: 'floorHeight', zh: '层高(米)', en: 'floor_height_m', required: false, example: ['3.0', '2.9'], hintZh: '2.2–6，默认 3', hintEn: '2.2–6, default 3' },
  { key: 'units', zh: '单元数', en: 'units', required: true, example: ['2', '3'], hintZh: '正整数', hintEn: 'positive integer' },
  { key: 'use', zh: '用途', en: 'use', required: false, example: ['住宅', 'residential'], hintZh: '住宅/商业/商住/公建/办公', hintEn: 'residential/commercial/mixed/public/office' },
  { key: 'year', zh: '建成年份', en: 'year', required: false, example: ['2008', '1998'], hintZh: '', hintEn: '' },
  { key: 'structure', zh: '结构', en: 'structure', required: false, example: ['钢筋混凝土', '砖混'], hintZh: '', hintEn: '' },
  { key: 'stairs', zh: '每单元楼梯数', en: 'stairs_per_unit', required: false, example: ['2', '1'], hintZh: '默认 1', hintEn: 'default 1' },
  { key: 'elevators', zh: '每单元电梯数', en: 'elevators_per_unit', required: false, example: ['2', '0'], hintZh: '默认 0', hintEn: 'default 0' },
];

export const HOUSEHOLD_COLUMNS: readonly ColumnDef[] = [
  { key: 'buildingCode', zh: '楼栋编码', en: 'building_code', required: true, example: ['B01', 'B01'], hintZh: '须在楼栋表中', hintEn: 'must be in the building sheet' },
  { key: 'unit', zh: '单元', en: 'unit', required: true, example: ['1', '1'], hintZh: '1..单元数', hintEn: '1..units' },
  { key: 'floor', zh: '楼层', en: 'floor', required: true, example: ['12', '-1'], hintZh: '地上 1..层数，地下为负数', hintEn: '1..floors, basements negative' },
  { key: 'room', zh: '房号', en: 'room', required: true, example: ['1201', 'B101'], hintZh: '', hintEn: '' },
  { key: 'area', zh: '面积(平方米)', en: 'area_m2', required: false, example: ['98.5', '35'], hintZh: '', hintEn: '' },
  { key: 'use', zh: '用途', en: 'use', required: false, example: ['住宅', 'commercial'], hintZh: '住宅/商业/出租', hintEn: 'residential/commercial/rental' },
  { key: 'state', zh: '状态', en: 'state', required: false, example: ['自住', 'vacant'], hintZh: '自住/出租/空置/未知', hintEn: 'occupied/rented/vacant/unknown' },
];

/** Header cell as the template writes it. */
export const headerOf = (c: ColumnDef): string => `${c.zh} ${c.en}`;

const norm = (s: string): string => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

/** Which column a header cell names, or null. Accepts "楼栋编码", "code", "楼栋编码 code", "楼栋编码(code)". */
export function matchHeader(cell: string, columns: readonly ColumnDef[]): ColumnDef | null {
  const h = norm(cell);
  if (h === '') return null;
  for (const c of columns) {
    const zh = norm(c.zh);
    const zhBare = zh.replace(/\(.*\)$/, '');
    const en = c.en.toLowerCase();
    const words = h.split(/[^a-z0-9_]+/).filter(Boolean);
    if (h === zh || h === zhBare || h === en || h.startsWith(`${zh} `) || h.startsWith(`${zhBare} `) || h.startsWith(`${zhBare}(`)) return c;
    if (!/[\u4e00-\u9fff]/.test(h) && words.includes(en)) return c;
    if (words.length > 0 && words[words.length - 1] === en && (h.startsWith(zhBare) || h.startsWith(zh))) return c;
  }
  return null;
}
