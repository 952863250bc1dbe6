import { msg, type Msg } from './bilingual';

export const PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMimeType = (typeof PHOTO_MIMES)[number];

/** After on-device compression (browser-image-compression) a photo should be far below this. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export type PhotoProblem = 'bad_hash' | 'hash_mismatch' | 'empty' | 'too_large' | 'size_mismatch' | 'mime' | 'magic';
export type PhotoCheck = { ok: true } | { ok: false; code: PhotoProblem; message: Msg };

const SHA256_HEX = /^[0-9a-f]{64}$/;

const fail = (code: PhotoProblem, zh: string, en: string): PhotoCheck => ({ ok: false, code, message: msg(zh, en) });

/** Which image format the first bytes announce, if any we accept. */
export function sniffMime(head: ArrayLike<number>): PhotoMimeType | null {
  const at = (i: number): number => head[i] ?? -1;
  const ascii = (from: number, s: string): boolean => [...s].every((c, i) => at(from + i) === c.charCodeAt(0));
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b)) return 'image/png';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  return null;
}

export interface PhotoFacts {
  /** What the tablet declared in the photo's metadata. */
  declaredSha256: string;
  /** What the server computed over the bytes it received. */
  bytesSha256: string;
  /** Bytes received. */
  size: number;
  /** Size declared in the metadata, when known. */
  declaredSize?: number;
  mime: string;
  /** The first bytes of the file (≥ 12 for webp). */
  head?: ArrayLike<number>;
}

/** Checks a fully received photo against its metadata. Hashing is the caller's job. */
export function verifyPhoto(p: PhotoFacts): PhotoCheck {
  const declared = p.declaredSha256.toLowerCase();
  if (!SHA256_HEX.test(declared) || !SHA256_HEX.test(p.bytesSha256.toLowerCase()))
    return fail('bad_hash', '照片校验值格式不正确', 'The photo checksum is not a SHA-256 hex digest');
  if (!(PHOTO_MIMES as readonly string[]).includes(p.mime))
    return fail('mime', `不支持的图片格式 ${p.mime}，仅支持 JPEG、PNG、WebP`, `Unsupported image type ${p.mime}; use JPEG, PNG or WebP`);
  if (p.size <= 0) return fail('empty', '照片内容为空', 'The photo is empty');
  if (p.size > MAX_PHOTO_BYTES)
    return fail('too_large', `照片超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB，请压缩后重传`, `The photo is over ${MAX_PHOTO_BYTES / 1024 / 1024} MB; compress it and upload again`);
  if (p.declaredSize !== undefined && p.declaredSize !== p.size)
    return fail('size_mismatch', `照片大小与登记不符（登记 ${p.declaredSize}，收到 ${p.size} 字节）`, `Photo size differs from its record (${p.declaredSize} declared, ${p.size} bytes received)`);
  if (declared !== p.bytesSha256.toLowerCase())
    return fail('hash_mismatch', '照片校验值不符，文件可能已损坏，请重新上传', 'The photo checksum does not match; the file may be corrupt — upload it again');
  if (p.head !== undefined) {
    const sniffed = sniffMime(p.head);
    if (sniffed !== p.mime)
      return fail('magic', '文件内容不是所声明的图片格式', `The file content is not a ${p.mime} image`);
  }
  return { ok: true };
}
