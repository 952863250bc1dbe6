import { actingOrganization, canInTenant } from '@linli/auth';
import { parseContentRange, photoUploadStatus, putPhotoChunk, readPhoto, withScope, type AppErrorCode } from '@linli/db';
import { MAX_CHUNK_SIZE } from '@linli/sync';
import { createContext, type Services } from './context';
import { domainErrorOf } from './errors';

const STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  PRECONDITION_FAILED: 412,
};

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } });
const fail = (status: number, zh: string, en: string) => json({ error: { zh, en } }, status);

/**
 * `/api/field/photos/{photoId}` (protocol.ts): HEAD resume point, PUT one chunk, GET the image.
 * Session cookie like the tRPC calls; RLS scope = the communities where the user may do field
 * work (PUT, HEAD) or read field records (GET). Errors are JSON `{ error: { zh, en } }`.
 */
export async function handleFieldPhoto(services: Services, req: Request, photoId: string, dir: string): Promise<Response> {
  const ctx = await createContext(services, req.headers, () => {});
  if (!ctx.user || !ctx.profile) return fail(401, '登录已失效，请重新登录', 'Your session has ended, please sign in again');
  const method = req.method.toUpperCase();
  if (method === 'PUT') {
    const { origin, host, secFetchSite } = ctx.req;
    const sameOrigin = origin ? safeHost(origin) === host : secFetchSite === 'same-origin';
    if (!sameOrigin) return fail(403, '请求来源不被允许', 'Request origin not allowed');
  }
  const permission = method === 'GET' ? 'field.read' : 'field.work';
  const profile = ctx.profile;
  const tenantIds = [...new Set(profile.tenants.filter((a) => canInTenant(profile, a.tenantId, permission)).map((a) => a.tenantId))];
  if (tenantIds.length === 0) return fail(403, '您没有外勤作业权限', 'You do not have field-work access');
  const user = ctx.user;
  try {
    return await withScope(services.db, { tenantIds, userId: user.id }, async (tx) => {
      if (method === 'HEAD') {
        const s = await photoUploadStatus(tx, { photoId });
        const received = s.received.reduce((n, r) => n + r.end - r.start, 0);
        return new Response(null, {
          status: 200,
          headers: { 'Upload-Length': String(s.size), 'Upload-Received': JSON.stringify(s.received), 'Upload-Received-Bytes': String(received), 'Upload-Complete': String(s.complete), 'cache-control': 'no-store' },
        });
      }
      if (method === 'PUT') {
        const range = parseContentRange(req.headers.get('content-range'));
        if (!range) return fail(400, 'Content-Range 无效，应为 bytes 起-止/总长', 'Content-Range is not valid; expected bytes start-end/total');
        if (range.end - range.start + 1 > MAX_CHUNK_SIZE) return fail(413, '分片过大', 'The chunk is too large');
        // The body is read only for a known upload, and never past the declared chunk, so an
        // unknown id or a lying range costs nothing (issue #9.7).
        await photoUploadStatus(tx, { photoId });
        const bytes = await readAtMost(req, range.end - range.start + 1);
        if (!bytes) return fail(413, '分片比 Content-Range 声明的更大', 'The chunk is larger than its Content-Range says');
        const tenantOf = profile.tenants.find((a) => tenantIds.includes(a.tenantId))!.tenantId;
        const actor = { userId: user.id, name: user.username, organizationId: actingOrganization(profile, tenantOf, 'field.work'), ip: ctx.req.ip, userAgent: ctx.req.userAgent };
        const status = await putPhotoChunk(tx, { photoId, range, bytes, dir, userId: user.id, actor });
        return json(status, status.error ? 422 : 200);
      }
      if (method === 'GET') {
        const photo = await readPhoto(tx, { photoId, dir });
        return new Response(new Uint8Array(photo.data), {
          status: 200,
          headers: { 'content-type': photo.mime, 'content-length': String(photo.data.byteLength), etag: `"${photo.sha256}"`, 'cache-control': 'private, max-age=31536000, immutable' },
        });
      }
      return fail(405, '不支持的请求方法', 'Method not allowed');
    });
  } catch (thrown) {
    const error = domainErrorOf(thrown);
    if (error) return json({ error: error.messages, details: error.details ?? null }, STATUS[error.code]);
    console.error('field photo:', thrown);
    return fail(500, '服务器出错，请稍后再试', 'Server error, please try again');
  }
}

/** The request body, or null as soon as it passes `max` bytes (the rest is never read). */
async function readAtMost(req: Request, max: number): Promise<Uint8Array | null> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
