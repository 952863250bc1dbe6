/** The one error type domain code throws; the API maps `code` to tRPC/HTTP codes in one place. */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'PRECONDITION_FAILED';

export interface Bilingual {
  zh: string;
  en: string;
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly messages: Bilingual,
    readonly details?: Record<string, unknown>,
  ) {
    super(`${messages.en} / ${messages.zh}`);
    this.name = 'AppError';
  }
}

export const msg = (zh: string, en: string): Bilingual => ({ zh, en });
