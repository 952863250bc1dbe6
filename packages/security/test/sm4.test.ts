import { describe, it, expect } from 'vitest';
import { FieldCryptoError } from '../src/field-crypto-error';
import { decryptField, encryptField } from '../src/sm4';

const key = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
const otherKey = Buffer.from('0f0e0d0c0b0a09080706050403020100', 'hex');

function flipFirstChar(part: string): string {
  const replacement = part[0] === 'A' ? 'B' : 'A';
  return replacement + part.slice(1);
}

describe('encryptField / decryptField', () => {
  it.each(['', 'a', '11010519491231002X', '张三 北京市朝阳区幸福小区3号楼2单元501 😀', 'x'.repeat(1000)])(
    'round-trips %j',
    (plaintext) => {
      expect(decryptField(encryptField(plaintext, key), key)).toBe(plaintext);
    },
  );

  it('produces a versioned four-part token', () => {
    expect(encryptField('hello', key)).toMatch(/^sm4[gh]1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*:[A-Za-z0-9+/=]+$/);
  });

  it('uses a fresh IV so equal plaintexts encrypt differently', () => {
    const a = encryptField('same', key);
    const b = encryptField('same', key);
    expect(a).not.toBe(b);
    expect(a.split(':')[1]).not.toBe(b.split(':')[1]);
  });

  it.each([0, 1, 2, 3])('rejects tampering with part %i', (index) => {
    const parts = encryptField('secret value', key).split(':');
    parts[index] = index === 0 ? 'sm4x1' : flipFirstChar(parts[index] ?? '');
    expect(() => decryptField(parts.join(':'), key)).toThrow(FieldCryptoError);
  });

  it('rejects a single flipped bit in the ciphertext bytes', () => {
    const parts = encryptField('secret value', key).split(':');
    const ct = Buffer.from(parts[2] ?? '', 'base64');
    ct[ct.length - 1] = (ct[ct.length - 1] ?? 0) ^ 1;
    parts[2] = ct.toString('base64');
    expect(() => decryptField(parts.join(':'), key)).toThrow(FieldCryptoError);
  });

  it('rejects non-canonical base64 that would decode to the same bytes', () => {
    const token = encryptField('secret value', key);
    const parts = token.split(':');
    parts[3] = `${parts[3]}!`;
    expect(() => decryptField(parts.join(':'), key)).toThrow(FieldCryptoError);
  });

  it.each(['', 'garbage', 'sm4h1:AAAA', 'a:b:c:d:e'])('rejects malformed token %j', (token) => {
    expect(() => decryptField(token, key)).toThrow(FieldCryptoError);
  });

  it('rejects decryption with the wrong key', () => {
    const token = encryptField('secret value', key);
    expect(() => decryptField(token, otherKey)).toThrow(FieldCryptoError);
  });

  it('rejects keys that are not 16 bytes', () => {
    expect(() => encryptField('x', Buffer.alloc(32))).toThrow(RangeError);
    expect(() => decryptField('x', Buffer.alloc(8))).toThrow(RangeError);
  });
});
