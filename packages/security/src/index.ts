export { sm3Hex, hmacSm3, hmacSm3Hex } from './sm3';
export { FieldCryptoError } from './field-crypto-error';
export { encryptField, decryptField, FIELD_KEY_BYTES } from './sm4';
export { blindIndex, normalizeForIndex } from './blind-index';
export {
  loadFieldKeys,
  DEV_ONLY_FIELD_KEY_LABEL,
  DEV_ONLY_INDEX_KEY_LABEL,
  type FieldKeys,
} from './keys';
export { generateSm2KeyPair, sm2Sign, sm2Verify, type Sm2KeyPair } from './sm2';
export {
  mask,
  maskIdNumber,
  maskPhone,
  maskName,
  maskAddress,
  maskEmail,
  type MaskKind,
  type Masker,
} from './mask';
export {
  validateChineseIdNumber,
  idNumberCheckChar,
  type IdNumberValidation,
  type LocalizedReason,
  type Gender,
} from './id-number';
