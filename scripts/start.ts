/**
 * `npm start`: embedded PostgreSQL (or DATABASE_URL), migrations, reference tenants, then the
 * web app on port 3000. `--dev` runs `next dev` instead of a production build.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { setupDatabase } from '@linli/db/setup';
import { createDb } from '@linli/db';
import { seedReferenceData } from '@linli/seed';
import { loadFieldKeys } from '@linli/security';

const ROOT = resolve(import.meta.dirname, '..');
const WEB = join(ROOT, 'apps/web');
// Next's own entry, run with node directly so signals reach the server (npx would swallow them).
const NEXT_BIN = createRequire(join(WEB, 'package.json')).resolve('next/dist/bin/next');
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const t0 = Date.now();
const log = (s: string) => console.log(`[linli] ${s}`);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.next' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app when there is no build yet or a source file is newer than it. */
function ensureBuild() {
  const buildId = join(WEB, '.next/BUILD_ID');
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const sources = Math.max(newestMtime(WEB), newestMtime(join(ROOT, 'packages')));
  if (built > sources && process.env.LINLI_REBUILD !== '1') return;
  log('building the web app (first start or changed sources; about a minute)…');
  const r = spawnSync(process.execPath, [NEXT_BIN, 'build'], { cwd: WEB, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error('next build failed / 构建失败');
}

async function main() {
  // An external database is production: its field keys must come from the environment, or
  // stored ID numbers would be encrypted with keys nobody keeps.
  if (process.env.DATABASE_URL) loadFieldKeys({ ...process.env, NODE_ENV: 'production' });
  const db = await setupDatabase({
    databaseUrl: process.env.DATABASE_URL,
    appPassword: process.env.LINLI_APP_DB_PASSWORD,
    dataDir: process.env.LINLI_DATA_DIR ?? join(ROOT, '.data'),
    port: Number(process.env.LINLI_PG_PORT ?? 54320),
  });
  // The seed and the web app must encrypt with the same keys: local ones unless given by env.
  if (db.localKeys) {
    process.env.LINLI_FIELD_KEY ??= db.localKeys.fieldKey;
    process.env.LINLI_INDEX_KEY ??= db.localKeys.indexKey;
  }
  log(`database ready (${db.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}) in ${Date.now() - t0} ms`);

  let accounts: { username: string; role: string; displayName: string }[] = [];
  const demoPassword = process.env.LINLI_DEMO_PASSWORD ?? 'Linli@2026';
  if (process.env.LINLI_SEED !== '0') {
    const owner = createDb(db.ownerUrl, { max: 2 });
    try {
      const summary = await seedReferenceData(owner.db, { tenantsDir: join(ROOT, 'tenants'), demoPassword, log });
      accounts = summary.demoAccounts;
    } finally {
      await owner.close();
    }
    log(`reference tenants seeded (${Date.now() - t0} ms since start)`);
  }

  if (!dev) ensureBuild();
  const env = { ...process.env, LINLI_APP_DATABASE_URL: db.appUrl, NEXT_TELEMETRY_DISABLED: '1', PORT: String(port) };
  const web: ChildProcess = spawn(process.execPath, [NEXT_BIN, dev ? 'dev' : 'start', '-p', String(port), '-H', process.env.HOST ?? '127.0.0.1'], { cwd: WEB, stdio: ['ignore', 'pipe', 'inherit'], env });
  let announced = false;
  web.stdout?.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready|started server|Local:/i.test(chunk.toString())) {
      announced = true;
      log(`Linli is up in ${((Date.now() - t0) / 1000).toFixed(1)} s: http://localhost:${port}`);
      if (accounts.length) {
        log(`demo accounts (password "${demoPassword}"):`);
        for (const a of accounts) console.log(`   ${a.username.padEnd(14)} ${a.role.padEnd(18)} ${a.displayName}`);
      }
    }
  });

  const stop = async () => {
    web.kill('SIGTERM');
    await db.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  web.on('exit', async (code) => {
    await db.stop();
    process.exit(code ?? 1);
  });
}

main().catch((error) => {
  console.error(`[linli] start failed / 启动失败: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
