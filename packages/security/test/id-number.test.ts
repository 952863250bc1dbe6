import { describe, it, expect } from 'vitest';
import { validateChineseIdNumber } from '../src/id-number';

// Independent ISO 7064 MOD 11-2 reference: weight_i = 2^(17-i) mod 11.
function referenceCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11] ?? '?';
}

const withCheck = (first17: string) => first17 + referenceCheckChar(first17);
const NOW = new Date('2025-06-01T00:00:00Z');

describe('validateChineseIdNumber', () => {
  it('accepts the well-known sample 11010519491231002X', () => {
    expect(referenceCheckChar('11010519491231002')).toBe('X');
    expect(validateChineseIdNumber('11010519491231002X', NOW)).toEqual({
      ok: true,
      birthDate: '1949-12-31',
      gender: 'female',
    });
  });

  it('accepts lowercase x and surrounding spaces', () => {
    expect(validateChineseIdNumber(' 11010519491231002x ', NOW).ok).toBe(true);
  });

  it('derives male gender from an odd sequence digit', () => {
    const id = withCheck('44030419900307001');
    expect(validateChineseIdNumber(id, NOW)).toEqual({ ok: true, birthDate: '1990-03-07', gender: 'male' });
  });

  it('accepts a valid Feb 29 in a leap year', () => {
    expect(validateChineseIdNumber(withCheck('11010520000229002'), NOW).ok).toBe(true);
  });

  it.each([
    ['bad check digit', '110105194912310021', /check digit/],
    ['Feb 30', withCheck('11010519490230002'), /birth date/],
    ['Feb 29 in a non-leap year', withCheck('11010519010229002'), /birth date/],
    ['month 13', withCheck('11010519491331002'), /birth date/],
    ['future birth date', withCheck('11010520300101002'), /birth date/],
    ['before 1900', withCheck('11010518991231002'), /birth date/],
    ['unknown region', withCheck('99010519491231002'), /region/],
    ['too short', '1101051949123100', /18 characters/],
    ['letters inside', '1101051949A231002X', /18 characters/],
    ['empty', '', /18 characters/],
  ])('rejects %s', (_label, id, enPattern) => {
    const result = validateChineseIdNumber(id, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason.en).toMatch(enPattern);
    expect(result.reason.zh).toMatch(/身份证号码/);
  });

  it('does not throw on non-string input', () => {
    expect(validateChineseIdNumber(null as unknown as string).ok).toBe(false);
  });
});
