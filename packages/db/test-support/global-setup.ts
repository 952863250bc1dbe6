import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/embedded';
import { freePort } from './ports';

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'linli-test-pg-'));
  // initdb runs as the postgres user when we are root: it must be able to enter the folder.
  chmodSync(dir, 0o755);
  const port = freePort();
  const pg = await startEmbeddedPostgres({ dataDir: dir, port });
  project.provide('pgUrl', pg.url);
  project.provide('pgAppPassword', pg.secrets.appPassword);
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
