import 'server-only';
import { AppError } from '@linli/db';
import { cimImportAccess, createContext } from '@linli/api';
import { getServices } from '@/server/services';

const STATUS: Record<string, number> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 400, PAYLOAD_TOO_LARGE: 413 };

export function errorResponse(code: string, zh: string, en: string): Response {
  return Response.json({ error: { code, zh, en } }, { status: STATUS[code] ?? 400 });
}

/** Session + `registry.import` in the tenant (same rule as the tRPC procedures), or an error response. */
export async function importAccess(req: Request, tenant: string | null, opts: { checkOrigin: boolean }) {
  const ctx = await createContext(getServices(), req.headers, () => {});
  try {
    if (!tenant) throw new AppError('BAD_REQUEST', { zh: '缺少社区参数', en: 'The community is missing' });
    // Downloads (GET) come from plain links without an Origin header; only writes need the check.
    const checked = opts.checkOrigin ? ctx : { ...ctx, req: { ...ctx.req, origin: null, secFetchSite: 'same-origin' } };
    return { ok: true as const, ctx, ...cimImportAccess(checked, tenant) };
  } catch (e) {
    if (e instanceof AppError) return { ok: false as const, response: errorResponse(e.code, e.messages.zh, e.messages.en) };
    throw e;
  }
}
