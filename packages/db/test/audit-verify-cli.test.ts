import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setupDatabase, type DatabaseSetup } from '../src/setup';
import { freePort } from '../test-support/ports';

/** Issue #9.9: `npm run audit:verify`, as documented, while the product is running. */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let dir: string;
let port: number;
let running: DatabaseSetup;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'linli-verify-'));
  chmodSync(dir, 0o755);
  port = freePort();
  // What `npm start` leaves up: the embedded cluster on its data directory.
  running = await setupDatabase({ dataDir: dir, port });
});
afterAll(async () => {
  await running?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('verifies the chain of the running instance instead of starting a second server', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'packages/db/src/cli/audit-verify.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', LINLI_DATA_DIR: dir, LINLI_PG_PORT: String(port) },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.stderr).not.toMatch(/could not run|无法校验/);
  expect(r.stdout).toMatch(/audit chain intact/);
  expect(r.status).toBe(0);
}, 90_000);
