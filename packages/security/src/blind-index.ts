import { hmacSm3Hex } from './sm3';

// Equivalent spellings of the same identifier (case of the ID check letter,
// stray spaces, dashes in phone numbers) must land on the same index value,
// otherwise exact search over encrypted columns silently misses rows.
export function normalizeForIndex(value: string): string {
  return value.normalize('NFKC').replace(/[\s\-]+/g, '').toUpperCase();
}

export function blindIndex(value: string, key: Uint8Array): string {
  return hmacSm3Hex(key, normalizeForIndex(value));
}
