import { randomBytes } from 'node:crypto';
import { startEmbeddedPostgres } from './embedded';
import { ensureAppRole, ensureDatabase, ensurePartitions, runMigrations } from './migrate';

export interface DatabaseSetup {
  ownerUrl: string;
  appUrl: string;
  embedded: boolean;
  /** Field keys generated for a local install (embedded only); production passes them by env. */
  localKeys: { fieldKey: string; indexKey: string } | null;
  stop: () => Promise<void>;
}

export interface SetupOptions {
  databaseUrl?: string;
  appPassword?: string;
  dataDir: string;
  port: number;
  databaseName?: string;
  log?: (line: string) => void;
}

/**
 * The one way the product and the tests get a database: the URL given (production) or an
 * embedded cluster, migrated, with the non-owner app role ready to log in.
 */
export async function setupDatabase(options: SetupOptions): Promise<DatabaseSetup> {
  let ownerUrl: string;
  let appPassword: string;
  let stop = async () => {};
  let localKeys: DatabaseSetup['localKeys'] = null;
  if (options.databaseUrl) {
    ownerUrl = options.databaseUrl;
    appPassword = options.appPassword ?? randomBytes(18).toString('hex');
  } else {
    const pg = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.port, log: options.log });
    const u = new URL(pg.url);
    u.pathname = `/${options.databaseName ?? 'linli'}`;
    ownerUrl = u.toString();
    appPassword = options.appPassword ?? pg.secrets.appPassword;
    localKeys = { fieldKey: pg.secrets.fieldKey, indexKey: pg.secrets.indexKey };
    stop = pg.stop;
  }
  await ensureDatabase(ownerUrl);
  await runMigrations(ownerUrl);
  await ensurePartitions(ownerUrl);
  const appUrl = await ensureAppRole(ownerUrl, appPassword);
  return { ownerUrl, appUrl, embedded: !options.databaseUrl, localKeys, stop };
}
