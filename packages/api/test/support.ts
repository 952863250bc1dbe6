import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@linli/db/test-support';
import { loadFieldKeys } from '@linli/security';
import { seedReferenceData } from '@linli/seed';
import { fileURLToPath } from 'node:url';
import { appRouter, createCallerFactory, createContext, type Services } from '../src';

export const DEMO_PASSWORD = 'Linli@2026-test';
export const ORIGIN = 'http://linli.test';
const TENANTS_DIR = fileURLToPath(new URL('../../../tenants', import.meta.url));
const createCaller = createCallerFactory(appRouter);

export interface ApiTest {
  db: TestDatabase;
  services: Services;
  /** A caller for a browser request with these headers, going through the real context. */
  caller: (headers?: Record<string, string>) => Promise<{ api: ReturnType<typeof createCaller>; cookies: string[] }>;
  /** Signs in through auth.signIn and returns a caller carrying the session cookie. */
  as: (username: string, extra?: Record<string, string>) => Promise<ReturnType<typeof createCaller>>;
  sessionCookieOf: (username: string) => Promise<string>;
}

/** Per test file: a fresh database seeded with the reference tenants; the API talks to it as the app role. */
export function useApiTest(label: string): ApiTest {
  const t = {} as ApiTest;
  beforeAll(async () => {
    t.db = await createTestDatabase(label);
    await seedReferenceData(t.db.owner.db, { tenantsDir: TENANTS_DIR, demoPassword: DEMO_PASSWORD });
    t.services = { db: t.db.app.db, keys: loadFieldKeys({}), secureCookies: false };
  });
  afterAll(async () => {
    await t.db?.close();
  });
  t.caller = async (headers = {}) => {
    const cookies: string[] = [];
    const h = new Headers({ host: 'linli.test', origin: ORIGIN, 'user-agent': 'vitest', 'x-linli-peer': '10.0.0.1', ...headers });
    const ctx = await createContext(t.services, h, (c) => cookies.push(c));
    return { api: createCaller(ctx), cookies };
  };
  t.sessionCookieOf = async (username: string) => {
    const { api, cookies } = await t.caller({ 'x-linli-peer': `10.1.${username.length}.${username.charCodeAt(0)}` });
    await api.auth.signIn({ username, password: DEMO_PASSWORD });
    const token = cookies.find((c) => c.startsWith('linli_session='))!.split(';')[0]!;
    return token;
  };
  t.as = async (username, extra = {}) => (await t.caller({ cookie: await t.sessionCookieOf(username), ...extra })).api;
  return t;
}

/** The tRPC error code a call fails with, or 'OK'. */
export async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (error) {
    return (error as { code?: string }).code ?? 'UNKNOWN';
  }
}
