import { TRPCError } from '@trpc/server';
import { AppError, referenceViolation, type AppErrorCode, type Bilingual } from '@linli/db';

/** The one place domain errors become tRPC (and so HTTP) errors. */
const TRPC_CODE: Record<AppErrorCode, TRPCError['code']> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
};

/**
 * The domain error a failure stands for: one a domain function threw, or a reference the
 * database refused (another tenant's id, someone who is not a member) — input, never a 500.
 */
export function domainErrorOf(cause: unknown): AppError | null {
  return cause instanceof AppError ? cause : referenceViolation(cause);
}

export function toTrpcError(error: AppError): TRPCError {
  return new TRPCError({ code: TRPC_CODE[error.code], message: error.messages.en, cause: error });
}

/** Messages for errors tRPC raises itself, so every failure reaches the user in both languages. */
export const DEFAULT_MESSAGES: Partial<Record<TRPCError['code'], Bilingual>> = {
  UNAUTHORIZED: { zh: '请先登录', en: 'Please sign in' },
  FORBIDDEN: { zh: '您没有权限执行此操作', en: 'You do not have permission to do this' },
  NOT_FOUND: { zh: '未找到', en: 'Not found' },
  BAD_REQUEST: { zh: '输入有误，请检查', en: 'The input is not valid' },
  TOO_MANY_REQUESTS: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests, try again later' },
  INTERNAL_SERVER_ERROR: { zh: '服务器出错，请稍后再试', en: 'Server error, please try again' },
};

export function bilingualOf(error: TRPCError): { messages: Bilingual; details?: Record<string, unknown> } {
  const cause = error.cause;
  if (cause instanceof AppError) return { messages: cause.messages, details: cause.details };
  return { messages: DEFAULT_MESSAGES[error.code] ?? DEFAULT_MESSAGES.INTERNAL_SERVER_ERROR! };
}
