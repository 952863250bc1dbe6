import { createHash, createHmac } from 'node:crypto';

// Node 20 ships OpenSSL 3, whose default provider implements SM3 natively;
// native hashing is faster than a JS implementation and needs no dependency.
export function sm3Hex(data: string | Uint8Array): string {
  return createHash('sm3').update(data).digest('hex');
}

export function hmacSm3(key: string | Uint8Array, data: string | Uint8Array): Buffer {
  return createHmac('sm3', key).update(data).digest();
}

export function hmacSm3Hex(key: string | Uint8Array, data: string | Uint8Array): string {
  return hmacSm3(key, data).toString('hex');
}
