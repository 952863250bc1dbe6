import { deviceKind } from './catalog/index';

/** One device of a provisioning form or CSV import (R6.4.1 ledger). */
export interface DeviceRow {
  code: string;
  kind: string;
  name: string;
  buildingCode?: string | null;
  floor?: number | null;
  lng?: number | null;
  lat?: number | null;
  zone?: string | null;
}

export type DeviceRowField = keyof DeviceRow;

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,47}$/;

/**
 * The checks a device row must pass, shared by the browser (import preview) and the server
 * (which also knows the community's buildings), so both say the same thing in both languages.
 */
export function checkDeviceRow(row: DeviceRow, context: { buildingCodes?: Set<string> } = {}): Array<{ field: DeviceRowField; message: { zh: string; en: string } }> {
  const out: Array<{ field: DeviceRowField; message: { zh: string; en: string } }> = [];
  const add = (field: DeviceRowField, zh: string, en: string) => out.push({ field, message: { zh, en } });
  if (!CODE.test(row.code ?? '')) add('code', '编号为 1–48 位字母、数字或 _ . -', 'Code: 1–48 letters, digits or _ . -');
  if (!row.kind) add('kind', '请填写设备类型', 'Kind is required');
  else if (!deviceKind(row.kind)) add('kind', `未知的设备类型「${row.kind}」`, `Unknown device kind "${row.kind}"`);
  const name = row.name?.trim() ?? '';
  if (!name) add('name', '请填写名称', 'Name is required');
  else if (name.length > 80) add('name', '名称最多 80 个字符', 'Name: at most 80 characters');
  if (row.buildingCode) {
    if (row.buildingCode.length > 20) add('buildingCode', '楼栋编号最多 20 个字符', 'Building code: at most 20 characters');
    else if (context.buildingCodes && !context.buildingCodes.has(row.buildingCode)) add('buildingCode', `楼栋「${row.buildingCode}」不存在`, `Building "${row.buildingCode}" does not exist`);
  }
  if (row.floor != null && (!Number.isInteger(row.floor) || row.floor < -5 || row.floor > 200)) add('floor', '楼层应为 -5 到 200 的整数', 'Floor must be an integer from -5 to 200');
  if (row.lng != null && (!Number.isFinite(row.lng) || row.lng < 73 || row.lng > 136)) add('lng', '经度不在中国范围内（73–136）', 'Longitude is outside China (73–136)');
  if (row.lat != null && (!Number.isFinite(row.lat) || row.lat < 3 || row.lat > 54)) add('lat', '纬度不在中国范围内（3–54）', 'Latitude is outside China (3–54)');
  if (row.zone && row.zone.length > 40) add('zone', '分区最多 40 个字符', 'Zone: at most 40 characters');
  return out;
}
