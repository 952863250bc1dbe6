import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, sniffMime, verifyPhoto, type PhotoFacts } from '../src/photo';
import { checkPhotoChunk, normalizeRanges, resumeFrom, uploadPlan } from '../src/upload';

const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d];
const WEBP = [...'RIFF'].map((c) => c.charCodeAt(0)).concat([0x24, 0x00, 0x00, 0x00], [...'WEBP'].map((c) => c.charCodeAt(0)));
const H = 'ab'.repeat(32);
const good: PhotoFacts = { declaredSha256: H, bytesSha256: H, size: 200_000, declaredSize: 200_000, mime: 'image/jpeg', head: JPEG };

const code = (p: PhotoFacts) => {
  const r = verifyPhoto(p);
  return r.ok ? 'ok' : r.code;
};

describe('photo checks', () => {
  it('accepts a JPEG whose bytes match its declared checksum and size', () => {
    expect(verifyPhoto(good)).toEqual({ ok: true });
    expect(code({ ...good, declaredSha256: H.toUpperCase() })).toBe('ok');
  });

  it('rejects a corrupt photo: checksum mismatch, with a message saying to upload again', () => {
    const r = verifyPhoto({ ...good, bytesSha256: 'cd'.repeat(32) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('hash_mismatch');
      expect(r.message.zh).toContain('重新上传');
      expect(r.message.en).toContain('upload it again');
    }
    expect(code({ ...good, declaredSha256: 'xyz' })).toBe('bad_hash');
    expect(code({ ...good, declaredSha256: H.slice(2) })).toBe('bad_hash');
  });

  it('rejects content that is not the declared image type (magic bytes)', () => {
    expect(code({ ...good, head: PNG })).toBe('magic');
    expect(code({ ...good, head: [0x25, 0x50, 0x44, 0x46] })).toBe('magic'); // %PDF
    expect(code({ ...good, mime: 'image/png', head: PNG })).toBe('ok');
    expect(code({ ...good, mime: 'image/webp', head: WEBP })).toBe('ok');
    expect(sniffMime(WEBP.slice(0, 8))).toBeNull(); // too short to tell
  });

  it('rejects unsupported types, empty files, oversize files and size mismatches', () => {
    expect(code({ ...good, mime: 'image/gif' })).toBe('mime');
    expect(code({ ...good, size: 0, declaredSize: 0 })).toBe('empty');
    expect(code({ ...good, size: MAX_PHOTO_BYTES, declaredSize: MAX_PHOTO_BYTES })).toBe('ok');
    expect(code({ ...good, size: MAX_PHOTO_BYTES + 1, declaredSize: MAX_PHOTO_BYTES + 1 })).toBe('too_large');
    expect(code({ ...good, size: 199_999 })).toBe('size_mismatch');
  });
});

describe('resumable upload', () => {
  const KB = 1024;
  const plan = uploadPlan(1000 * KB, 256 * KB);

  it('splits into fixed chunks with a shorter last one that cover the file exactly', () => {
    expect(plan.chunks.map((c) => [c.start, c.end])).toEqual([
      [0, 256 * KB],
      [256 * KB, 512 * KB],
      [512 * KB, 768 * KB],
      [768 * KB, 1000 * KB],
    ]);
    expect(uploadPlan(512 * KB, 256 * KB).chunks).toHaveLength(2);
    expect(() => uploadPlan(0)).toThrow(RangeError);
    expect(() => uploadPlan(10, 10)).toThrow(RangeError);
  });

  it('resumes from the first chunk the server does not fully hold', () => {
    const fresh = resumeFrom(plan, []);
    expect(fresh).toMatchObject({ receivedBytes: 0, complete: false });
    expect(fresh.next?.index).toBe(0);
    // chunk 0 complete, chunk 1 half-written when the connection dropped
    const cut = resumeFrom(plan, [{ start: 0, end: 256 * KB }, { start: 256 * KB, end: 384 * KB }]);
    expect(cut.missing.map((c) => c.index)).toEqual([1, 2, 3]);
    expect(cut.next?.index).toBe(1);
    expect(cut.receivedBytes).toBe(384 * KB);
    // out of order and overlapping ranges (a chunk sent twice)
    const scattered = resumeFrom(plan, [{ start: 768 * KB, end: 1000 * KB }, { start: 0, end: 256 * KB }, { start: 0, end: 256 * KB }]);
    expect(scattered.missing.map((c) => c.index)).toEqual([1, 2]);
    expect(scattered.receivedBytes).toBe(488 * KB);
    const done = resumeFrom(plan, plan.chunks);
    expect(done).toMatchObject({ complete: true, missing: [], next: null, receivedBytes: 1000 * KB });
    expect(normalizeRanges([{ start: -5, end: 3 }, { start: 3, end: 9 }, { start: 20, end: 2_000_000 }], 100)).toEqual([{ start: 0, end: 9 }, { start: 20, end: 100 }]);
  });

  it('checks each chunk: index, length, checksum; a re-sent chunk is a harmless duplicate', () => {
    const c1 = { plan, index: 1, length: 256 * KB, received: [] };
    expect(checkPhotoChunk(c1)).toEqual({ ok: true, duplicate: false });
    expect(checkPhotoChunk({ ...c1, received: [{ start: 0, end: 512 * KB }] })).toEqual({ ok: true, duplicate: true });
    expect(checkPhotoChunk({ ...c1, index: 4 })).toMatchObject({ ok: false, code: 'bad_index' });
    expect(checkPhotoChunk({ ...c1, length: 100 })).toMatchObject({ ok: false, code: 'bad_length' });
    expect(checkPhotoChunk({ ...c1, index: 3, length: 232 * KB })).toEqual({ ok: true, duplicate: false });
    expect(checkPhotoChunk({ ...c1, declaredSha256: H, bytesSha256: 'cd'.repeat(32) })).toMatchObject({ ok: false, code: 'hash_mismatch' });
    expect(checkPhotoChunk({ ...c1, declaredSha256: H, bytesSha256: H })).toMatchObject({ ok: true });
    expect(checkPhotoChunk({ ...c1, plan: uploadPlan(MAX_PHOTO_BYTES + 1, 256 * KB) })).toMatchObject({ ok: false, code: 'too_large' });
  });
});
