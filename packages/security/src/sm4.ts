import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { FieldCryptoError } from './field-crypto-error';
import { hmacSm3 } from './sm3';

export const FIELD_KEY_BYTES = 16;

// The version prefix is part of every token so the format (or algorithm) can
// change later while old rows stay readable. SM4-CBC + HMAC-SM3 is used everywhere because
// Node 20's OpenSSL has no sm4-gcm, and rows must decrypt on every runtime we deploy.
const CBC_VERSION = 'sm4h1';
const CBC_IV_BYTES = 16;

export function encryptField(plaintext: string, key: Uint8Array): string {
  assertKey(key);
  return encryptCbcHmac(plaintext, key);
}

export function decryptField(token: string, key: Uint8Array): string {
  assertKey(key);
  const parts = typeof token === 'string' ? token.split(':') : [];
  if (parts.length !== 4) throw new FieldCryptoError('malformed field ciphertext');
  const [version, ivB64, ctB64, tagB64] = parts as [string, string, string, string];
  const iv = decodeB64(ivB64);
  const ct = decodeB64(ctB64);
  const tag = decodeB64(tagB64);
  if (version === CBC_VERSION) return decryptCbcHmac(iv, ct, tag, key);
  throw new FieldCryptoError(`unsupported field ciphertext version "${version}"`);
}

// Encrypt-then-MAC with independent sub-keys: reusing one key for both SM4 and
// HMAC would tie the two primitives together, which is a known anti-pattern.
function encryptCbcHmac(plaintext: string, key: Uint8Array): string {
  const { encKey, macKey } = cbcSubKeys(key);
  const iv = randomBytes(CBC_IV_BYTES);
  const cipher = createCipheriv('sm4-cbc', encKey, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return join(CBC_VERSION, iv, ct, cbcTag(macKey, iv, ct));
}

function decryptCbcHmac(iv: Buffer, ct: Buffer, tag: Buffer, key: Uint8Array): string {
  const { encKey, macKey } = cbcSubKeys(key);
  if (iv.length !== CBC_IV_BYTES) throw new FieldCryptoError('malformed field ciphertext');
  const expected = cbcTag(macKey, iv, ct);
  // The MAC is checked before any decryption so padding errors can never act as an oracle.
  if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) {
    throw new FieldCryptoError('field ciphertext failed authentication (tampered or wrong key)');
  }
  try {
    const decipher = createDecipheriv('sm4-cbc', encKey, iv);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  } catch {
    throw new FieldCryptoError('field ciphertext could not be decrypted');
  }
}

function cbcSubKeys(key: Uint8Array): { encKey: Buffer; macKey: Buffer } {
  return {
    encKey: hmacSm3(key, 'linli/sm4h1/enc').subarray(0, FIELD_KEY_BYTES),
    macKey: hmacSm3(key, 'linli/sm4h1/mac'),
  };
}

// The IV has a fixed length, so version || iv || ct is an unambiguous encoding.
function cbcTag(macKey: Buffer, iv: Buffer, ct: Buffer): Buffer {
  return hmacSm3(macKey, Buffer.concat([Buffer.from(CBC_VERSION), iv, ct]));
}

function assertKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== FIELD_KEY_BYTES) {
    throw new RangeError(`SM4 field key must be ${FIELD_KEY_BYTES} bytes`);
  }
}

function join(version: string, iv: Buffer, ct: Buffer, tag: Buffer): string {
  return [version, iv.toString('base64'), ct.toString('base64'), tag.toString('base64')].join(':');
}

// Buffer.from(…, 'base64') silently skips junk characters; requiring a canonical
// round trip makes every edit to the token text detectable.
function decodeB64(s: string): Buffer {
  const buf = Buffer.from(s, 'base64');
  if (buf.toString('base64') !== s) throw new FieldCryptoError('malformed field ciphertext');
  return buf;
}
