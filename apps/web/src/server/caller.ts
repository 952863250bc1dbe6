import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { forbidden, notFound, redirect } from 'next/navigation';
import { TRPCError } from '@trpc/server';
import { appRouter, createCallerFactory, createContext } from '@linli/api';
import { getServices } from './services';

const createCaller = createCallerFactory(appRouter);

/**
 * The API called from server components: same procedures and checks as over HTTP. Server
 * components cannot set cookies, so session renewal happens on the client's API calls.
 */
export const getCaller = cache(async () => {
  const ctx = await createContext(getServices(), await headers(), () => {});
  return createCaller({ ...ctx, req: { ...ctx.req, host: null } });
});

/** Runs a server-side call and turns auth errors into the matching page (login, 403, 404). */
export async function load<T>(fn: (caller: Awaited<ReturnType<typeof getCaller>>) => Promise<T>, here?: string): Promise<T> {
  try {
    return await fn(await getCaller());
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === 'UNAUTHORIZED') redirect(here ? `/login?next=${encodeURIComponent(here)}` : '/login');
      if (error.code === 'FORBIDDEN') forbidden();
      if (error.code === 'NOT_FOUND') notFound();
    }
    throw error;
  }
}

/** The signed-in user, or a redirect to sign in. */
export async function requireMe(here: string) {
  const me = await (await getCaller()).auth.me();
  if (!me) redirect(`/login?next=${encodeURIComponent(here)}`);
  return me;
}
