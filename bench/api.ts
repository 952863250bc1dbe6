/**
 * `npm run bench`: figures for the foundation on this machine — database set-up and seed,
 * argon2id, session validation, and the main read paths through the real tRPC procedures as
 * the app role under RLS. Prints a table; asserts nothing.
 */
import { join, resolve } from 'node:path';
import { appRouter, createCallerFactory, createContext } from '@linli/api';
import { hashPassword, validateSessionToken } from '@linli/auth';
import { verifyAuditChain } from '@linli/db';
import { loadFieldKeys } from '@linli/security';
import { seedReferenceData } from '@linli/seed';
import { p50p99 } from './lib/harness';
import { withTempDatabase } from './lib/temp-database';

const ROOT = resolve(import.meta.dirname, '..');
const rows: [string, string][] = [];
const record = (name: string, value: string) => {
  rows.push([name, value]);
  console.log(`${name.padEnd(52)} ${value}`);
};

async function timeEach(n: number, fn: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

async function main() {
  let t0 = performance.now();
  await withTempDatabase('linli-bench-', 10, async ({ setup: db, owner, app }) => {
    record('embedded PostgreSQL init + start + migrate', `${(performance.now() - t0).toFixed(0)} ms`);
    process.env.LINLI_FIELD_KEY = db.localKeys!.fieldKey;
    process.env.LINLI_INDEX_KEY = db.localKeys!.indexKey;
    t0 = performance.now();
    const summary = await seedReferenceData(owner.db, { tenantsDir: join(ROOT, 'tenants'), demoPassword: 'Linli@2026' });
    const residents = Object.values(summary.tenants).reduce((n, t) => n + t.residents, 0);
    record(`seed reference tenants (${residents} residents, SM4-encrypted)`, `${(performance.now() - t0).toFixed(0)} ms`);

    record('argon2id hash (m=19456, t=2)', p50p99(await timeEach(10, () => hashPassword('Linli@2026'))));

    const services = { db: app.db, keys: loadFieldKeys(process.env), secureCookies: false };
    const caller = createCallerFactory(appRouter);
    const cookies: string[] = [];
    const anon = await createContext(services, new Headers({ host: 'bench', origin: 'http://bench' }), (c) => cookies.push(c));
    record('sign-in (throttle check + argon2 verify + session + audit)', p50p99(await timeEach(5, () => caller(anon).auth.signIn({ username: 'fs.admin', password: 'Linli@2026' }))));
    const token = cookies.at(-1)!.split(';')[0]!.split('=')[1]!;
    record('session validation (sha256 + lookup)', p50p99(await timeEach(200, () => validateSessionToken(app.db, token))));

    const ctx = () => createContext(services, new Headers({ host: 'bench', cookie: `linli_session=${token}` }), () => {});
    record('request context (session + access profile)', p50p99(await timeEach(200, ctx)));
    const api = caller(await ctx());
    record('district.overview (3 communities, live counts)', p50p99(await timeEach(100, () => api.district.overview({ district: 'fangsong', page: 1, pageSize: 20 }))));
    record('residents.list masked, 20 rows (decrypt + mask)', p50p99(await timeEach(100, () => api.residents.list({ tenant: 'fangsong-xinyuan', page: 3, pageSize: 20, full: false }))));
    record('residents.list search by full ID (blind index)', p50p99(await timeEach(100, () => api.residents.list({ tenant: 'fangsong-xinyuan', page: 1, pageSize: 20, full: false, search: '310117198001011234' }))));

    const writer = await (async () => {
      const c: string[] = [];
      const a = await createContext(services, new Headers({ host: 'bench', origin: 'http://bench' }), (x) => c.push(x));
      await caller(a).auth.signIn({ username: 'sj.manager', password: 'Linli@2026' });
      return caller(await createContext(services, new Headers({ host: 'bench', origin: 'http://bench', cookie: c.at(-1)!.split(';')[0]! }), () => {}));
    })();
    let i = 0;
    const writes = await timeEach(200, () => writer.residents.create({ tenant: 'minyi-yuan', resident: { name: `压测${i++}`, category: 'floating' } }));
    record('residents.create (validate + insert + chained audit row)', p50p99(writes));

    t0 = performance.now();
    const verified = await verifyAuditChain(owner.db);
    record(`audit verify (${verified.checked} rows)`, `${(performance.now() - t0).toFixed(0)} ms, ok=${verified.ok}`);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
