import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { startEmbeddedPostgres, type LocalSecrets } from './embedded';
import { APP_ROLE, BRIDGE_ROLE, ensureDatabase, ensurePartitions, ensureRoleLogin, OWNER_ROLE, prepareOwnedDatabase, runMigrations } from './migrate';

export interface DatabaseSetup {
  /** The schema owner (embedded: `linli_owner`, not a superuser; else DATABASE_URL). */
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
  /** Who creates the database and sets the service roles' passwords. */
  let adminUrl: string;
  let appPassword: string;
  let bridgePassword: string;
  let stop = async () => {};
  let localKeys: DatabaseSetup['localKeys'] = null;
  if (options.databaseUrl) {
    ownerUrl = options.databaseUrl;
    adminUrl = ownerUrl;
    await ensureDatabase(ownerUrl);
    await runMigrations(ownerUrl);
    appPassword = options.appPassword ?? randomBytes(18).toString('hex');
    bridgePassword = options.bridgePassword ?? randomBytes(18).toString('hex');
  } else {
    const pg = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.port, log: options.log });
    const u = new URL(pg.url);
    u.pathname = `/${options.databaseName ?? 'linli'}`;
    adminUrl = u.toString();
    ownerUrl = await prepareOwnedDatabase(adminUrl, pg.secrets.ownerPassword);
    appPassword = options.appPassword ?? pg.secrets.appPassword;
    bridgePassword = options.bridgePassword ?? pg.secrets.bridgeDbPassword;
    localKeys = { fieldKey: pg.secrets.fieldKey, indexKey: pg.secrets.indexKey, bridgeMqttPassword: pg.secrets.bridgeMqttPassword, devsimKey: pg.secrets.devsimKey };
    stop = pg.stop;
  }
  await ensurePartitions(ownerUrl);
  const appUrl = await ensureRoleLogin(adminUrl, APP_ROLE, appPassword);
  const bridgeUrl = await ensureRoleLogin(adminUrl, BRIDGE_ROLE, bridgePassword);
  return { ownerUrl, appUrl, bridgeUrl, embedded: !options.databaseUrl, localKeys, stop };
}

/**
 * The owner's URL of the local install for maintenance commands (`audit:verify`, backups): the
 * running instance when `npm start` has it up (issue #9.9: starting a second server on the same
 * data directory fails), otherwise the embedded cluster started just for the command.
 */
export async function connectLocalDatabase(options: { dataDir: string; port: number; databaseName?: string }): Promise<{ url: string; stop: () => Promise<void> }> {
  const root = resolve(options.dataDir);
  const secretsFile = join(root, 'secrets.json');
  if (existsSync(secretsFile) && (await portOpen(options.port))) {
    const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as Partial<LocalSecrets>;
    if (!secrets.ownerPassword) throw new Error(`${secretsFile} has no owner password: restart the product once with npm start / 请先用 npm start 重启一次`);
    const url = `postgres://${OWNER_ROLE}:${secrets.ownerPassword}@127.0.0.1:${options.port}/${options.databaseName ?? 'linli'}`;
    return { url, stop: async () => {} };
  }
  const db = await setupDatabase({ dataDir: root, port: options.port, databaseName: options.databaseName });
  return { url: db.ownerUrl, stop: db.stop };
}

/** Whether something accepts connections on a loopback port (is the embedded PostgreSQL up?). */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const finish = (open: boolean) => {
      socket.destroy();
      done(open);
    };
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.setTimeout(1000, () => finish(false));
  });
}
