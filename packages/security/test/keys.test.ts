import { describe, it, expect } from 'vitest';
import { loadFieldKeys } from '../src/keys';

const ENC = '00112233445566778899aabbccddeeff';
const IDX = 'ffeeddccbbaa99887766554433221100';

describe('loadFieldKeys', () => {
  it('parses both hex keys from the environment', () => {
    const keys = loadFieldKeys({ LINLI_FIELD_KEY: ENC, LINLI_INDEX_KEY: IDX, NODE_ENV: 'production' });
    expect(keys.dev).toBe(false);
    expect(keys.enc.toString('hex')).toBe(ENC);
    expect(keys.idx.toString('hex')).toBe(IDX);
  });

  it('derives deterministic, distinct 16-byte dev keys outside production', () => {
    const a = loadFieldKeys({ NODE_ENV: 'development' });
    const b = loadFieldKeys({});
    expect(a.dev).toBe(true);
    expect(a.enc).toHaveLength(16);
    expect(a.idx).toHaveLength(16);
    expect(a.enc.equals(b.enc)).toBe(true);
    expect(a.enc.equals(a.idx)).toBe(false);
  });

  it('keeps an explicitly provided key in dev', () => {
    const keys = loadFieldKeys({ LINLI_FIELD_KEY: ENC });
    expect(keys.dev).toBe(true);
    expect(keys.enc.toString('hex')).toBe(ENC);
  });

  it('names the missing variable in production, in English and Chinese', () => {
    expect(() => loadFieldKeys({ NODE_ENV: 'production', LINLI_FIELD_KEY: ENC })).toThrow(
      /LINLI_INDEX_KEY.*缺少必需的环境变量：LINLI_INDEX_KEY/,
    );
    expect(() => loadFieldKeys({ NODE_ENV: 'production', LINLI_INDEX_KEY: IDX })).toThrow(/LINLI_FIELD_KEY/);
  });

  it('rejects keys that are not 32 hex chars', () => {
    expect(() => loadFieldKeys({ LINLI_FIELD_KEY: 'abcd', LINLI_INDEX_KEY: IDX })).toThrow(/LINLI_FIELD_KEY/);
    expect(() => loadFieldKeys({ LINLI_FIELD_KEY: ENC, LINLI_INDEX_KEY: 'z'.repeat(32) })).toThrow(/LINLI_INDEX_KEY/);
  });
});
