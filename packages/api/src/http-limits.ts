import { MAX_IMPORT_FILE_BYTES } from '@linli/cim/import/problems';
import { MAX_CHUNK_SIZE } from '@linli/sync';

const MB = 1024 * 1024;

/**
 * The most a request body may carry, by path (issue #9.7). The web server applies it to every
 * request before Next reads a byte, so a route cannot forget it; the longest matching prefix
 * wins. Routes may check tighter limits of their own (a photo chunk against its Content-Range).
 */
export const BODY_LIMITS: ReadonlyArray<{ prefix: string; bytes: number }> = [
  // Two full-size registry files and the multipart framing.
  { prefix: '/api/cim/import', bytes: 2 * MAX_IMPORT_FILE_BYTES + MB },
  { prefix: '/api/field/photos/', bytes: MAX_CHUNK_SIZE + 64 * 1024 },
  // field.push carries up to 500 documents, each with the version it was based on.
  { prefix: '/api/trpc/field.push', bytes: 8 * MB },
  { prefix: '/api/trpc', bytes: MB },
];
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export function bodyLimitFor(pathname: string): number {
  let best: { prefix: string; bytes: number } | null = null;
  for (const l of BODY_LIMITS) if (pathname.startsWith(l.prefix) && (!best || l.prefix.length > best.prefix.length)) best = l;
  return best?.bytes ?? DEFAULT_BODY_LIMIT;
}

export type BodyVerdict = { ok: true } | { ok: false; status: 411 | 413; zh: string; en: string };

/**
 * Judged from the headers alone: Node's parser never delivers more than Content-Length bytes,
 * so a declared length within the limit bounds the body. A body without a length (chunked) is
 * refused rather than counted, because nothing here may buffer it.
 */
export function judgeBody(method: string, pathname: string, headers: { 'content-length'?: string; 'transfer-encoding'?: string }): BodyVerdict {
  const length = headers['content-length'];
  const bodyless = method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || method === 'DELETE';
  if (headers['transfer-encoding'] !== undefined || (length === undefined && !bodyless)) {
    return { ok: false, status: 411, zh: '请求须注明内容长度（Content-Length）', en: 'The request must state its Content-Length' };
  }
  if (length === undefined) return { ok: true };
  const limit = bodyLimitFor(pathname);
  if (!/^\d+$/.test(length) || Number(length) > limit) {
    const size = (n: number) => (n >= MB ? `${(n / MB).toFixed(0)} MB` : `${Math.ceil(n / 1024)} KB`);
    return { ok: false, status: 413, zh: `请求内容过大，此处最多 ${size(limit)}`, en: `The request is too large; at most ${size(limit)} here` };
  }
  return { ok: true };
}
