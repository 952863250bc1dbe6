import { describe, it, expect } from 'vitest';
import { blindIndex, normalizeForIndex } from '../src/blind-index';

const key = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const otherKey = Buffer.from('ffeeddccbbaa99887766554433221100', 'hex');

describe('normalizeForIndex', () => {
  it.each([
    ['11010519491231002x', '11010519491231002X'],
    [' 11010519491231002X ', '11010519491231002X'],
    ['138-1234 5678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeForIndex(input)).toBe(expected);
  });
});

describe('blindIndex', () => {
  it('is equal for equivalent spellings of the same ID number', () => {
    expect(blindIndex('11010519491231002x', key)).toBe(blindIndex('11010519491231002X ', key));
  });

  it('differs for different values', () => {
    expect(blindIndex('11010519491231002X', key)).not.toBe(blindIndex('110105194912310029', key));
  });

  it('differs for different keys', () => {
    expect(blindIndex('11010519491231002X', key)).not.toBe(blindIndex('11010519491231002X', otherKey));
  });

  it('returns 64 hex chars and does not contain the value', () => {
    const index = blindIndex('13812345678', key);
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(index).not.toContain('13812345678');
  });
});
