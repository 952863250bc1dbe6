/**
 * Resumable, checksummed photo upload through `/api/field/photos/{id}` (see `@linli/sync`
 * protocol): HEAD tells which byte ranges the server already holds, then the missing chunks go
 * up one PUT each with `Content-Range`; the server assembles them and checks the SHA-256 the
 * photo's record declared. A dropped connection costs at most one chunk. Pure apart from the
 * injected `fetch`, so it is unit-tested without a browser.
 */
import { PHOTO_ROUTE, resumeFrom, uploadPlan, DEFAULT_CHUNK_SIZE, type ByteRange, type Msg, type UploadStatus } from '@linli/sync';

export type UploadOutcome =
  | { kind: 'done' }
  /** The photo's record has not reached the server yet (it travels by replication): try later. */
  | { kind: 'not_registered' }
  /** The server refused the assembled bytes; the tablet keeps its copy. */
  | { kind: 'refused'; message: Msg }
  | { kind: 'failed'; status: number };

export interface UploadInput {
  photoId: string;
  bytes: Blob;
  chunkSize?: number;
  fetchFn?: typeof fetch;
  onProgress?: (sent: number, size: number) => void;
  /** Per-chunk checksum (hex SHA-256), sent as `X-Chunk-Sha256` so a corrupted chunk is refused at once. */
  chunkSha256?: (chunk: Blob) => Promise<string>;
}

/** `Upload-Received` is a JSON array of `{start, end}` (end exclusive); anything else counts as nothing. */
export function parseReceived(header: string | null): ByteRange[] {
  if (!header) return [];
  try {
    const value = JSON.parse(header) as unknown;
    if (!Array.isArray(value)) return [];
    return value.filter((r): r is ByteRange => typeof r?.start === 'number' && typeof r?.end === 'number' && r.end > r.start);
  } catch {
    return [];
  }
}

/** HTTP Content-Range has an inclusive end. */
export const contentRange = (start: number, end: number, total: number): string => `bytes ${start}-${end - 1}/${total}`;

export async function uploadPhoto(input: UploadInput): Promise<UploadOutcome> {
  const fetchFn = input.fetchFn ?? fetch;
  const url = `${PHOTO_ROUTE}/${input.photoId}`;
  const size = input.bytes.size;
  const head = await fetchFn(url, { method: 'HEAD', credentials: 'same-origin' });
  if (head.status === 404) return { kind: 'not_registered' };
  if (!head.ok) return { kind: 'failed', status: head.status };
  const plan = uploadPlan(size, input.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const state = resumeFrom(plan, parseReceived(head.headers.get('Upload-Received')));
  let sent = state.receivedBytes;
  input.onProgress?.(sent, size);
  // Every byte already there: the server assembled and checked them; its verdict comes by pull.
  if (state.complete) return { kind: 'done' };
  for (const chunk of state.missing) {
    const body = input.bytes.slice(chunk.start, chunk.end);
    const headers: Record<string, string> = { 'Content-Range': contentRange(chunk.start, chunk.end, size), 'Content-Type': 'application/octet-stream' };
    if (input.chunkSha256) headers['X-Chunk-Sha256'] = await input.chunkSha256(body);
    const res = await fetchFn(url, { method: 'PUT', body, headers, credentials: 'same-origin' });
    if (res.status === 404) return { kind: 'not_registered' };
    let status: UploadStatus | null = null;
    try {
      status = (await res.json()) as UploadStatus;
    } catch {
      status = null;
    }
    if (status?.error) return { kind: 'refused', message: status.error };
    if (!res.ok) return { kind: 'failed', status: res.status };
    sent = Math.max(sent, chunk.end);
    input.onProgress?.(sent, size);
    if (status?.complete) return { kind: 'done' };
  }
  return { kind: 'done' };
}
