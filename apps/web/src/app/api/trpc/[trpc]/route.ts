import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter, createContext } from '@linli/api';
import { getServices } from '@/server/services';

export const dynamic = 'force-dynamic';

/** Sign-in and other credential calls go one per request (issue #9.2): a batch could hide a guessing run. */
const UNBATCHED = /^(auth\.signIn|account\.changePassword)$/;

const handler = (req: Request) => {
  const paths = decodeURIComponent(new URL(req.url).pathname.slice('/api/trpc/'.length)).split(',');
  if (paths.length > 1 && paths.some((p) => UNBATCHED.test(p))) {
    return Response.json({ error: { code: 'BAD_REQUEST', zh: '登录请求不能批量发送', en: 'Sign-in requests cannot be batched' } }, { status: 400 });
  }
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createContext(getServices(), req.headers, (cookie) => resHeaders.append('set-cookie', cookie)),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'}:`, error.cause ?? error);
    },
  });
};

export { handler as GET, handler as POST };
