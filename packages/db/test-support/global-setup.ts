import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/embedded';
import { freePort } from './ports';

export default async function setup(project: TestProject) {
  // Test processes load postgres.js after this runs: make sure its crash guard is in place
  // (npm 11 may skip the root postinstall that applies it).
  const patch = spawnSync(process.execPath, [fileURLToPath(new URL('../../../scripts/patch-postgres.mjs', import.meta.url))], { stdio: 'inherit' });
  if (patch.status !== 0) throw new Error('scripts/patch-postgres.mjs failed');
  const dir = mkdtempSync(join(tmpdir(), 'linli-test-pg-'));
  // initdb runs as the postgres user when we are root: it must be able to enter the folder.
  chmodSync(dir, 0o755);
  const port = freePort();
  const pg = await startEmbeddedPostgres({ dataDir: dir, port });
  project.provide('pgUrl', pg.url);
  project.provide('pgAppPassword', pg.secrets.appPassword);
  project.provide('pgOwnerPassword', pg.secrets.ownerPassword);
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
