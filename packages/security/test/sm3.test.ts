import { describe, it, expect } from 'vitest';
import { hmacSm3Hex, sm3Hex } from '../src/sm3';

describe('sm3Hex', () => {
  it('matches the GB/T 32905 "abc" test vector', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('hashes bytes the same as the equivalent string', () => {
    expect(sm3Hex(new TextEncoder().encode('abc'))).toBe(sm3Hex('abc'));
  });
});

describe('hmacSm3Hex', () => {
  it('is deterministic for the same key and data', () => {
    expect(hmacSm3Hex('k', 'data')).toBe(hmacSm3Hex('k', 'data'));
    expect(hmacSm3Hex('k', 'data')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with the key and with the data', () => {
    const base = hmacSm3Hex('k', 'data');
    expect(hmacSm3Hex('k2', 'data')).not.toBe(base);
    expect(hmacSm3Hex('k', 'data2')).not.toBe(base);
    expect(base).not.toBe(sm3Hex('data'));
  });
});
