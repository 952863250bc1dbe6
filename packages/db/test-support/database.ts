import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDb } from '../src/client';
import { APP_ROLE, BRIDGE_ROLE, ensureDatabase, ensureRoleLogin, runMigrations } from '../src/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    pgAppPassword: string;
  }
}

export interface TestDatabase {
  ownerUrl: string;
  appUrl: string;
  bridgeUrl: string;
  owner: ReturnType<typeof createDb>;
  app: ReturnType<typeof createDb>;
  close: () => Promise<void>;
}

/** A fresh, migrated database in the run's PostgreSQL, with owner and app-role connections. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const url = new URL(inject('pgUrl'));
  url.pathname = `/t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(3).toString('hex')}`;
  const ownerUrl = url.toString();
  await ensureDatabase(ownerUrl);
  await runMigrations(ownerUrl);
  const appUrl = await ensureRoleLogin(ownerUrl, APP_ROLE, inject('pgAppPassword'));
  const bridgeUrl = await ensureRoleLogin(ownerUrl, BRIDGE_ROLE, inject('pgAppPassword'));
  const owner = createDb(ownerUrl, { max: 3 });
  const app = createDb(appUrl, { max: 5 });
  return {
    ownerUrl,
    appUrl,
    bridgeUrl,
    owner,
    app,
    close: async () => {
      await app.close();
      await owner.close();
    },
  };
}
