// Display masking for personal data (R6.8.1.3). Every masker returns
// null/undefined/'' unchanged, and on anything unexpected fails closed with
// FALLBACK rather than throwing or echoing the raw value.

export type MaskKind = 'idNumber' | 'phone' | 'name' | 'address' | 'email';

export interface Masker {
  (value: string): string;
  <T extends null | undefined>(value: T): T;
  (value: string | null | undefined): string | null | undefined;
}

const FALLBACK = '****';
const BUILDING_MARKER = /^(.*?(?:号楼|栋|幢|座))/su;
const HAN = /\p{Script=Han}/u;

function guarded(fn: (value: string) => string): Masker {
  return ((value: unknown) => {
    if (value === null || value === undefined || value === '') return value;
    try {
      const text = String(value).trim();
      return text === '' ? value : fn(text);
    } catch {
      return FALLBACK;
    }
  }) as Masker;
}

// Code points, not UTF-16 units, so Han characters outside the BMP count as one.
function chars(value: string): string[] {
  return Array.from(value);
}

function stars(n: number): string {
  return '*'.repeat(Math.max(n, 0));
}

function keepEnds(value: string, head: number, tail: number): string {
  const c = chars(value);
  return c.slice(0, head).join('') + stars(c.length - head - tail) + (tail > 0 ? c.slice(-tail).join('') : '');
}

// Unknown formats: reveal a quarter at each end, never more than half the value.
function maskGeneric(value: string): string {
  const c = chars(value);
  const n = c.length;
  if (n === 1) return '*';
  if (n === 2) return `${c[0]}*`;
  const keep = Math.max(1, Math.floor(n / 4));
  return keepEnds(value, keep, keep);
}

// 18-digit resident IDs and 15-digit legacy IDs: first 3 + last 4, the common
// rule on Chinese government and banking sites. Passports etc. fall back to generic.
export const maskIdNumber: Masker = guarded((value) => {
  if (/^\d{17}[\dXx]$/.test(value) || /^\d{15}$/.test(value)) return keepEnds(value, 3, 4);
  return maskGeneric(value);
});

export const maskPhone: Masker = guarded((value) => {
  const compact = value.replace(/[\s-]/g, '');
  const mobile = /^(\+?86)?(1\d{10})$/.exec(compact);
  if (mobile?.[2]) return (mobile[1] ? '+86 ' : '') + keepEnds(mobile[2], 3, 4);
  // Landline: area code stays visible so the region is still recognisable.
  // Only 010 and 02x are 3-digit codes; every other area code has 4 digits.
  const landline = /^(0(?:10|2\d)|0[3-9]\d{2})(\d{7,8})$/.exec(compact);
  if (landline?.[1] && landline[2]) return `${landline[1]}-${keepEnds(landline[2], 0, 2)}`;
  return maskGeneric(compact);
});

// Han names keep the first character (the surname, compound surnames out of
// scope) and mask each remaining character; a lone character is shown as is.
// Latin names use a fixed-width mask so the length is not revealed.
export const maskName: Masker = guarded((value) => {
  const c = chars(value);
  if (HAN.test(value)) return (c[0] ?? '') + stars(c.length - 1);
  return `${c[0] ?? ''}***`;
});

// Keep text up to and including the first building marker (号楼/栋/幢/座) and
// hide unit/room details; without a marker keep at most 6 characters, and
// never more than half the address.
export const maskAddress: Masker = guarded((value) => {
  const building = BUILDING_MARKER.exec(value);
  if (building?.[1]) return `${building[1]}${FALLBACK}`;
  const c = chars(value);
  return c.slice(0, Math.min(6, Math.floor(c.length / 2))).join('') + FALLBACK;
});

export const maskEmail: Masker = guarded((value) => {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return maskGeneric(value);
  return `${chars(value)[0]}***${value.slice(at)}`;
});

const MASKERS: Record<MaskKind, Masker> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  name: maskName,
  address: maskAddress,
  email: maskEmail,
};

export function mask(kind: MaskKind, value: string): string;
export function mask<T extends null | undefined>(kind: MaskKind, value: T): T;
export function mask(kind: MaskKind, value: string | null | undefined): string | null | undefined;
export function mask(kind: MaskKind, value: string | null | undefined): string | null | undefined {
  const masker = MASKERS[kind] as Masker | undefined;
  if (!masker) return value === null || value === undefined || value === '' ? value : FALLBACK;
  return masker(value);
}
