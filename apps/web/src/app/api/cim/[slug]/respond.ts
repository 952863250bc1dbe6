import 'server-only';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { AppError } from '@linli/db';

/** A tRPC failure of a file route as a plain HTTP answer with the bilingual message. */
export function errorResponse(error: unknown): Response {
  if (error instanceof TRPCError) {
    const status = getHTTPStatusCodeFromError(error);
    const messages = error.cause instanceof AppError ? error.cause.messages : { zh: error.message, en: error.message };
    return Response.json({ error: error.code, message: `${messages.zh} / ${messages.en}`, messages }, { status, headers: { 'Cache-Control': 'no-store' } });
  }
  console.error(error);
  return Response.json({ error: 'INTERNAL_SERVER_ERROR', message: '服务器错误 / Server error' }, { status: 500 });
}

export function levelOf(raw: string): number | null {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 4 ? n : null;
}
