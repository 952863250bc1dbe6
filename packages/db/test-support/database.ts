import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDb } from '../src/client';
import { APP_ROLE, BRIDGE_ROLE, ensureRoleLogin, prepareOwnedDatabase } from '../src/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    pgAppPassword: string;
    pgOwnerPassword: string;
  }
}

export interface TestDatabase {
  /** The superuser's URL of this database (cluster administration only). */
  adminUrl: string;
  /** The schema owner (`linli_owner`: not a superuser, BYPASSRLS), as in the product. */
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
  const adminUrl = url.toString();
  const ownerUrl = await prepareOwnedDatabase(adminUrl, inject('pgOwnerPassword'));
  const appUrl = await ensureRoleLogin(adminUrl, APP_ROLE, inject('pgAppPassword'));
  const bridgeUrl = await ensureRoleLogin(adminUrl, BRIDGE_ROLE, inject('pgAppPassword'));
  const owner = createDb(ownerUrl, { max: 3 });
  const app = createDb(appUrl, { max: 5 });
  return {
    adminUrl,
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
