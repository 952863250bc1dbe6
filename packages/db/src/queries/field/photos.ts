import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { MAX_PHOTO_BYTES, normalizeRanges, verifyPhoto, type ByteRange, type PhotoDoc, type UploadStatus } from '@linli/sync';
import { appendAudit, type AuditActor } from '../../audit';
import type { Executor } from '../../client';
import { AppError, msg } from '../../errors';
import { fieldPhotoUploads } from '../../schema';
import { notifyFieldChanges } from './notify';
import { loadDoc, storeDoc } from './tables';
import { isUuid } from '../../scope';

/** Where photo bytes live: LINLI_PHOTO_DIR, else `<data dir>/photos`. */
export function photoDirFromEnv(env: Record<string, string | undefined>, fallbackDataDir: string): string {
  return env.LINLI_PHOTO_DIR || join(env.LINLI_DATA_DIR || fallbackDataDir, 'photos');
}

const M = {
  notFound: msg('未找到该照片记录：请先同步照片信息再上传文件', 'No such photo record: sync the photo’s details before uploading its bytes'),
  notOwner: msg('只能上传自己拍摄的照片', 'You can only upload photos you took'),
  badRange: msg('Content-Range 无效，应为 bytes 起-止/总长', 'Content-Range is not valid; expected bytes start-end/total'),
  sizeDiffers: (declared: number, total: number) => msg(`上传总长 ${total} 与照片记录的 ${declared} 字节不符`, `Upload length ${total} differs from the photo record's ${declared} bytes`),
  bodyLength: (want: number, got: number) => msg(`分片应为 ${want} 字节，收到 ${got} 字节`, `The chunk should be ${want} bytes, got ${got}`),
  tooLarge: msg('照片过大，请压缩后重传', 'The photo is too large; compress it and upload again'),
  notUploaded: msg('照片尚未上传完成', 'The photo has not been fully uploaded yet'),
};

export interface ContentRange {
  start: number;
  /** Inclusive, as in the header. */
  end: number;
  total: number;
}

/** Parses `bytes start-end/total`; null when malformed. */
export function parseContentRange(header: string | null): ContentRange | null {
  const m = /^bytes (\d{1,12})-(\d{1,12})\/(\d{1,12})$/.exec((header ?? '').trim());
  if (!m) return null;
  const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (end < start || end >= total || total <= 0) return null;
  return { start, end, total };
}

async function photoFor(tx: Executor, photoId: string): Promise<PhotoDoc> {
  if (!isUuid(photoId)) throw new AppError('NOT_FOUND', M.notFound);
  const doc = (await loadDoc(tx, 'photos', photoId)) as PhotoDoc | undefined;
  if (!doc || doc._deleted) throw new AppError('NOT_FOUND', M.notFound);
  return doc;
}

const relPath = (doc: PhotoDoc) => join(doc.tenantId, doc.id);

/** The photo document as the upload's state says: uploaded, refused (with the reason) or waiting. */
export function withUploadState(photo: PhotoDoc, uploaded: boolean, refused: { zh: string; en: string } | null): PhotoDoc {
  const { refused: _old, ...rest } = photo;
  return { ...rest, uploaded, ...(refused && !uploaded ? { refused } : {}) };
}

/** HEAD: how many bytes the server holds (the resume point). */
export async function photoUploadStatus(tx: Executor, params: { photoId: string }): Promise<UploadStatus> {
  const doc = await photoFor(tx, params.photoId);
  const [u] = await tx.select().from(fieldPhotoUploads).where(and(eq(fieldPhotoUploads.tenantId, doc.tenantId), eq(fieldPhotoUploads.id, doc.id)));
  return { photoId: doc.id, size: doc.size, received: u?.received ?? [], complete: u?.complete === true && !u.error, ...(u?.error ? { error: u.error } : {}) };
}

/**
 * PUT one chunk. Bytes go to `<dir>/<tenant>/<photo>.part` at their offset; the ranges held are
 * recorded under a row lock. When every byte is there the whole file is hashed and checked
 * against the photo record (R: checksummed): a corrupt photo is refused with a zh/en message,
 * its bytes dropped so the tablet (which keeps its copy) can send it again.
 */
export async function putPhotoChunk(
  tx: Executor,
  params: { photoId: string; range: ContentRange; bytes: Uint8Array; dir: string; userId: string; actor: AuditActor; now?: number },
): Promise<UploadStatus> {
  const { range, bytes, dir } = params;
  const doc = await photoFor(tx, params.photoId);
  if (doc.takenBy !== params.userId) throw new AppError('FORBIDDEN', M.notOwner);
  if (range.total > MAX_PHOTO_BYTES) throw new AppError('BAD_REQUEST', M.tooLarge);
  if (range.total !== doc.size) throw new AppError('BAD_REQUEST', M.sizeDiffers(doc.size, range.total));
  const want = range.end - range.start + 1;
  if (bytes.byteLength !== want) throw new AppError('BAD_REQUEST', M.bodyLength(want, bytes.byteLength));

  await tx
    .insert(fieldPhotoUploads)
    .values({ tenantId: doc.tenantId, id: doc.id, size: doc.size, path: relPath(doc), uploadedBy: params.userId })
    .onConflictDoNothing();
  const [u] = await tx
    .select()
    .from(fieldPhotoUploads)
    .where(and(eq(fieldPhotoUploads.tenantId, doc.tenantId), eq(fieldPhotoUploads.id, doc.id)))
    .for('update');
  if (u!.complete && !u!.error) return { photoId: doc.id, size: doc.size, received: u!.received, complete: true };

  const partPath = join(dir, `${relPath(doc)}.part`);
  await mkdir(dirname(partPath), { recursive: true });
  const fh = await open(partPath, u!.error || u!.received.length === 0 ? 'w' : 'r+').catch(() => open(partPath, 'w'));
  try {
    await fh.write(bytes, 0, bytes.byteLength, range.start);
  } finally {
    await fh.close();
  }
  const base = u!.error ? [] : u!.received;
  const received: ByteRange[] = normalizeRanges([...base, { start: range.start, end: range.end + 1 }], doc.size);
  const full = received.length === 1 && received[0]!.start === 0 && received[0]!.end === doc.size;
  if (!full) {
    await tx.update(fieldPhotoUploads).set({ received, error: null, updatedAt: new Date() }).where(and(eq(fieldPhotoUploads.tenantId, doc.tenantId), eq(fieldPhotoUploads.id, doc.id)));
    return { photoId: doc.id, size: doc.size, received, complete: false };
  }

  const data = await readFile(partPath);
  const bytesSha256 = createHash('sha256').update(data).digest('hex');
  const check = verifyPhoto({ declaredSha256: doc.sha256, bytesSha256, size: data.byteLength, declaredSize: doc.size, mime: doc.mime, head: data.subarray(0, 16) });
  if (!check.ok) {
    await rm(partPath, { force: true });
    await tx
      .update(fieldPhotoUploads)
      .set({ received: [], complete: false, error: check.message, sha256: bytesSha256, updatedAt: new Date() })
      .where(and(eq(fieldPhotoUploads.tenantId, doc.tenantId), eq(fieldPhotoUploads.id, doc.id)));
    // Every tablet of the worker learns that this photo is refused, not waiting (issue #10).
    const refused = await storeDoc(tx, 'photos', withUploadState(doc, false, check.message), params.now);
    await appendAudit(tx, params.actor, { action: 'field.photo.rejected', tenantId: doc.tenantId, targetType: 'photo', targetId: doc.id, summary: check.code, after: refused });
    await notifyFieldChanges(tx, [{ tenantId: refused.tenantId, collection: 'photos', updatedAt: refused.updatedAt, id: refused.id }]);
    return { photoId: doc.id, size: doc.size, received: [], complete: false, error: check.message };
  }
  await rename(partPath, join(dir, relPath(doc)));
  await tx
    .update(fieldPhotoUploads)
    .set({ received, complete: true, error: null, sha256: bytesSha256, updatedAt: new Date() })
    .where(and(eq(fieldPhotoUploads.tenantId, doc.tenantId), eq(fieldPhotoUploads.id, doc.id)));
  const stored = await storeDoc(tx, 'photos', withUploadState(doc, true, null), params.now);
  await appendAudit(tx, params.actor, { action: 'field.photo.uploaded', tenantId: doc.tenantId, targetType: 'photo', targetId: doc.id, summary: `${doc.mime} ${doc.size} B`, after: { sha256: bytesSha256 } });
  await notifyFieldChanges(tx, [{ tenantId: stored.tenantId, collection: 'photos', updatedAt: stored.updatedAt, id: stored.id }]);
  return { photoId: doc.id, size: doc.size, received, complete: true };
}

/** GET: the stored image of a photo the scope may see (any field record reader of the tenant). */
export async function readPhoto(tx: Executor, params: { photoId: string; dir: string }): Promise<{ data: Buffer; mime: string; sha256: string }> {
  const doc = await photoFor(tx, params.photoId);
  const [u] = await tx.select().from(fieldPhotoUploads).where(and(eq(fieldPhotoUploads.tenantId, doc.tenantId), eq(fieldPhotoUploads.id, doc.id)));
  if (!u?.complete || u.error) throw new AppError('NOT_FOUND', M.notUploaded);
  return { data: await readFile(join(params.dir, u.path)), mime: doc.mime, sha256: doc.sha256 };
}

