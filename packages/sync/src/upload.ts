import { msg, type Msg } from './bilingual';
import { MAX_PHOTO_BYTES } from './photo';

export interface ByteRange {
  /** Inclusive. */
  start: number;
  /** Exclusive. */
  end: number;
}

export interface Chunk extends ByteRange {
  index: number;
}

export interface UploadPlan {
  size: number;
  chunkSize: number;
  chunks: Chunk[];
}

export const DEFAULT_CHUNK_SIZE = 256 * 1024;
export const MIN_CHUNK_SIZE = 16 * 1024;
export const MAX_CHUNK_SIZE = 4 * 1024 * 1024;

/** Splits an upload into fixed chunks (the last one shorter); both sides compute the same plan. */
export function uploadPlan(size: number, chunkSize: number = DEFAULT_CHUNK_SIZE): UploadPlan {
  if (!Number.isInteger(size) || size <= 0) throw new RangeError(`upload size must be a positive integer, got ${size}`);
  if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE)
    throw new RangeError(`chunk size must be an integer in [${MIN_CHUNK_SIZE}, ${MAX_CHUNK_SIZE}], got ${chunkSize}`);
  const chunks: Chunk[] = [];
  for (let start = 0, index = 0; start < size; start += chunkSize, index++) chunks.push({ index, start, end: Math.min(size, start + chunkSize) });
  return { size, chunkSize, chunks };
}

/** Sorted, merged, clipped to [0, size). */
export function normalizeRanges(ranges: readonly ByteRange[], size: number): ByteRange[] {
  const sorted = ranges
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(size, r.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const merged: ByteRange[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

export interface ResumeState {
  receivedBytes: number;
  complete: boolean;
  /** Chunks not fully received yet, in order. */
  missing: Chunk[];
  /** Where to continue: the first missing chunk. */
  next: Chunk | null;
}

/** What remains after an interrupted upload, given the byte ranges the server holds. */
export function resumeFrom(plan: UploadPlan, receivedRanges: readonly ByteRange[]): ResumeState {
  const ranges = normalizeRanges(receivedRanges, plan.size);
  const covered = (c: Chunk): boolean => ranges.some((r) => r.start <= c.start && r.end >= c.end);
  const missing = plan.chunks.filter((c) => !covered(c));
  const receivedBytes = ranges.reduce((n, r) => n + r.end - r.start, 0);
  return { receivedBytes, complete: missing.length === 0, missing, next: missing[0] ?? null };
}

export type ChunkCheck =
  | { ok: true; duplicate: boolean }
  | { ok: false; code: 'too_large' | 'bad_index' | 'bad_length' | 'hash_mismatch'; message: Msg };

export interface ChunkFacts {
  plan: UploadPlan;
  index: number;
  /** Bytes in this chunk as received. */
  length: number;
  /** Per-chunk checksum the tablet sent, and the one the server computed, when chunks are checksummed. */
  declaredSha256?: string;
  bytesSha256?: string;
  /** Ranges already stored, to recognise a re-sent chunk. */
  received: readonly ByteRange[];
}

/** Checks one chunk before it is stored; a chunk sent again after a lost reply is a harmless duplicate. */
export function checkPhotoChunk(c: ChunkFacts): ChunkCheck {
  if (c.plan.size > MAX_PHOTO_BYTES)
    return { ok: false, code: 'too_large', message: msg('照片过大，请压缩后重传', 'The photo is too large; compress it and upload again') };
  const chunk = c.plan.chunks[c.index];
  if (!Number.isInteger(c.index) || chunk === undefined)
    return { ok: false, code: 'bad_index', message: msg(`分片序号 ${c.index} 不存在`, `There is no chunk ${c.index} in this upload`) };
  if (c.length !== chunk.end - chunk.start)
    return {
      ok: false,
      code: 'bad_length',
      message: msg(`分片 ${c.index} 应为 ${chunk.end - chunk.start} 字节，收到 ${c.length}`, `Chunk ${c.index} should be ${chunk.end - chunk.start} bytes, got ${c.length}`),
    };
  if (c.declaredSha256 !== undefined && c.declaredSha256.toLowerCase() !== (c.bytesSha256 ?? '').toLowerCase())
    return { ok: false, code: 'hash_mismatch', message: msg(`分片 ${c.index} 校验失败，请重传该分片`, `Chunk ${c.index} failed its checksum; send it again`) };
  const duplicate = normalizeRanges(c.received, c.plan.size).some((r) => r.start <= chunk.start && r.end >= chunk.end);
  return { ok: true, duplicate };
}
