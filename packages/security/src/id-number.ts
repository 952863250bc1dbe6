// GB 11643-1999 citizen identity number: 6-digit region, 8-digit birth date,
// 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character.

export type Gender = 'male' | 'female';

export interface LocalizedReason {
  zh: string;
  en: string;
}

export type IdNumberValidation =
  | { ok: true; birthDate: string; gender: Gender }
  | { ok: false; reason: LocalizedReason };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
// Mainland provinces plus 81/82/83, used by HK/Macau/Taiwan residence permits.
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

const fail = (zh: string, en: string): IdNumberValidation => ({ ok: false, reason: { zh, en } });

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

// `now` is injectable so "birth date in the future" is testable deterministically.
export function validateChineseIdNumber(id: string, now: Date = new Date()): IdNumberValidation {
  const value = typeof id === 'string' ? id.trim().toUpperCase() : '';
  if (!/^\d{17}[\dX]$/.test(value)) {
    return fail('身份证号码须为18位，前17位为数字，最后一位为数字或X', 'ID number must be 18 characters: 17 digits followed by a digit or X');
  }
  if (!PROVINCES.has(Number(value.slice(0, 2)))) {
    return fail('身份证号码地区码无效', 'ID number has an invalid region code');
  }
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const realDate =
    birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!realDate || year < 1900 || birth.getTime() > now.getTime()) {
    return fail('身份证号码中的出生日期无效', 'ID number contains an invalid birth date');
  }
  if (idNumberCheckChar(value) !== value[17]) {
    return fail('身份证号码校验位错误', 'ID number check digit is incorrect');
  }
  return {
    ok: true,
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
  };
}
