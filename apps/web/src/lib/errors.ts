import { TRPCClientError } from '@trpc/client';

interface Bilingual {
  zh: string;
  en: string;
}

type ErrorData = {
  messages?: Bilingual;
  details?: { fieldErrors?: Record<string, Bilingual> } | null;
  fieldErrors?: Record<string, string[] | undefined> | null;
  code?: string;
  httpStatus?: number;
};

function dataOf(error: unknown): ErrorData | null {
  return error instanceof TRPCClientError ? ((error.data as ErrorData | undefined) ?? null) : null;
}

const pick = (m: Bilingual, locale: string) => (locale === 'en' ? m.en : m.zh);

/** The server's message in the user's language; a network failure says so plainly. */
export function errorText(error: unknown, locale: string): string {
  const data = dataOf(error);
  if (data?.messages) return pick(data.messages, locale);
  return locale === 'en' ? 'Could not reach the server. Check the network and try again.' : '无法连接服务器，请检查网络后重试。';
}

/** Per-field messages from domain validation (bilingual) or schema validation (zod). */
export function fieldErrorsOf(error: unknown, locale: string): Record<string, string> {
  const data = dataOf(error);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data?.details?.fieldErrors ?? {})) out[k] = pick(v, locale);
  for (const [k, v] of Object.entries(data?.fieldErrors ?? {})) {
    if (v?.length && !out[k]) out[k] = locale === 'en' ? 'Invalid value' : '格式不正确';
  }
  return out;
}

export function errorCode(error: unknown): string | null {
  return dataOf(error)?.code ?? null;
}
