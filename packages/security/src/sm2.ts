import { sm2 } from 'sm-crypto-v2';

export interface Sm2KeyPair {
  /** 64 hex chars */
  privateKey: string;
  /** uncompressed point, 130 hex chars starting with 04 */
  publicKey: string;
}

// hash: true computes SM3(Z_A || M) with the default user id (1234567812345678),
// as GB/T 32918 requires; DER output matches what OpenSSL, BouncyCastle and
// GM/T 0009 verifiers expect, so signatures are portable outside this library.
const SIGN_OPTIONS = { hash: true, der: true } as const;

export function generateSm2KeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKey, publicKey };
}

export function sm2Sign(message: string, privateKeyHex: string): string {
  return sm2.doSignature(message, privateKeyHex, SIGN_OPTIONS);
}

export function sm2Verify(message: string, signatureHex: string, publicKeyHex: string): boolean {
  // Malformed signatures or keys make the library throw; to a caller that is
  // simply "not verified".
  try {
    return sm2.doVerifySignature(message, signatureHex, publicKeyHex, SIGN_OPTIONS);
  } catch {
    return false;
  }
}
