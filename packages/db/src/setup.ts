import { randomBytes } from 'node:crypto';
import { startEmbeddedPostgres } from './embedded';
import { APP_ROLE, BRIDGE_ROLE, ensureDatabase, ensurePartitions, ensureRoleLogin, runMigrations } from './migrate';

export interface DatabaseSetup {
  ownerUrl: string;
  appUrl: string;
  /** The bridge's role URL. */
  bridgeUrl: string;
  embedded: boolean;
  /** Field keys generated for a local install (embedded only); production passes them by env. */
  localKeys: { fieldKey: string; indexKey: string; bridgeMqttPassword: string; devsimKey: string } | null;
  stop: () => Promise<void>;
}

export interface SetupOptions {
  databaseUrl?: string;
  appPassword?: string;
  bridgePassword?: string;
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
  let bridgePassword: string;
  let stop = async () => {};
  let localKeys: DatabaseSetup['localKeys'] = null;
  if (options.databaseUrl) {
    ownerUrl = options.databaseUrl;
    appPassword = options.appPassword ?? randomBytes(18).toString('hex');
    bridgePassword = options.bridgePassword ?? randomBytes(18).toString('hex');
  } else {
    const pg = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.port, log: options.log });
    const u = new URL(pg.url);
    u.pathname = `/${options.databaseName ?? 'linli'}`;
    ownerUrl = u.toString();
    appPassword = options.appPassword ?? pg.secrets.appPassword;
    bridgePassword = options.bridgePassword ?? pg.secrets.bridgeDbPassword;
    localKeys = { fieldKey: pg.secrets.fieldKey, indexKey: pg.secrets.indexKey, bridgeMqttPassword: pg.secrets.bridgeMqttPassword, devsimKey: pg.secrets.devsimKey };
    stop = pg.stop;
  }
  await ensureDatabase(ownerUrl);
  await runMigrations(ownerUrl);
  await ensurePartitions(ownerUrl);
  const appUrl = await ensureRoleLogin(ownerUrl, APP_ROLE, appPassword);
  const bridgeUrl = await ensureRoleLogin(ownerUrl, BRIDGE_ROLE, bridgePassword);
  return { ownerUrl, appUrl, bridgeUrl, embedded: !options.databaseUrl, localKeys, stop };
}
