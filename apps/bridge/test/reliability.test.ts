import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createDb, provisionDevices, SYSTEM_ACTOR, tenants, withScope } from '@linli/db';
import { startEmbeddedPostgres } from '@linli/db/embedded';
import { ensureRoleLogin, BRIDGE_ROLE, prepareOwnedDatabase } from '@linli/db/migrate';
import { createTestDatabase } from '@linli/db/test-support';
import { upTopic } from '@linli/iot';
import { seedReferenceData } from '@linli/seed';
import { fileURLToPath } from 'node:url';
import { killHard, spawnBridge } from './processes';
import { BRIDGE_PASSWORD, freePort } from './support';

const TENANTS_DIR = fileURLToPath(new URL('../../../tenants', import.meta.url));
/** These devices send hundreds of readings a second each, far above a device's rate limit. */
const UNTHROTTLED = '100000';

async function provisionEnv(ownerUrl: string, count: number) {
  const { db, close } = createDb(ownerUrl, { max: 2 });
  await seedReferenceData(db, { tenantsDir: TENANTS_DIR, demoPassword: 'Linli@2026-test' });
  const [tenant] = await db.select({ id: tenants.id }).from(tenants);
  const rows = Array.from({ length: count }, (_, i) => ({ code: `REL-${i}`, kind: 'environment', name: `rel ${i}` }));
  const created = await withScope(db, { tenantIds: [tenant!.id] }, (tx) => provisionDevices(tx, { tenantId: tenant!.id, rows, actor: SYSTEM_ACTOR }));
  await close();
  return { tenantId: tenant!.id, devices: created };
}

function connectDevice(port: number, d: { id: string; secret: string }): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { clientId: d.id, username: d.id, password: d.secret, reconnectPeriod: 200 });
    c.once('connect', () => resolve(c));
    c.once('error', reject);
  });
}

/** Publishes `count` readings per device with a bounded window; resolves when the broker acked them all. */
async function stream(clients: Array<{ c: MqttClient; id: string }>, tenantId: string, count: number, onProgress?: (sent: number) => void) {
  let sent = 0;
  const base = Date.now() - 10 * 60_000;
  await Promise.all(
    clients.map(async ({ c, id }) => {
      const topic = upTopic(tenantId, id, 'telemetry');
      const window: Promise<void>[] = [];
      for (let seq = 0; seq < count; seq++) {
        window.push(new Promise<void>((resolve, reject) => c.publish(topic, JSON.stringify({ ts: base + seq * 10, seq, metrics: { pm25: seq % 300, temperature: 20 } }), { qos: 1 }, (e) => (e ? reject(e) : resolve()))));
        if (window.length >= 100) await Promise.all(window.splice(0));
        onProgress?.(++sent);
      }
      await Promise.all(window);
    }),
  );
}

let lastCountError = '';
async function waitForRows(sql: postgres.Sql, expected: number, ms = 60_000) {
  const end = Date.now() + ms;
  let n = 0;
  while (Date.now() < end) {
    try {
      n = (await sql`select count(*)::int as n from telemetry`)[0]!.n as number;
    } catch (error) {
      lastCountError = (error as Error).message; // the database may be coming back
    }
    if (n >= expected) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return n;
}

describe('reliability (at-least-once, end to end)', () => {
  it('kill -9 of the bridge mid-stream: after restart, rows stored equal messages sent, no duplicates', async () => {
    const db = await createTestDatabase('bridge_kill');
    const { tenantId, devices } = await provisionEnv(db.ownerUrl, 10);
    const port = freePort();
    const env = { LINLI_BRIDGE_DATABASE_URL: db.bridgeUrl, LINLI_BRIDGE_MQTT_PASSWORD: BRIDGE_PASSWORD, MQTT_PORT: String(port), LINLI_BRIDGE_CLIENT_ID: 'linli-bridge-under-test', LINLI_MQTT_DEVICE_RATE: UNTHROTTLED };
    const broker = await spawnBridge(['--broker-only'], env);
    let bridge = await spawnBridge(['--no-broker'], env);
    const owner = postgres(db.ownerUrl, { max: 1, onnotice: () => {} });
    try {
      const clients = await Promise.all(devices.map(async (d) => ({ c: await connectDevice(port, d), id: d.id })));
      let killed = false;
      const perDevice = 600;
      await stream(clients, tenantId, perDevice, (sent) => {
        if (!killed && sent === 2500) {
          killed = true;
          void killHard(bridge).then(async () => {
            await new Promise((r) => setTimeout(r, 500));
            bridge = await spawnBridge(['--no-broker'], env);
          });
        }
      });
      const total = devices.length * perDevice;
      const rows = await waitForRows(owner, total);
      expect(killed).toBe(true);
      expect(rows).toBe(total);
      const [{ distinct }] = (await owner`select count(distinct (device_id, seq))::int as distinct from telemetry`) as unknown as [{ distinct: number }];
      expect(distinct).toBe(total);
      expect((await owner`select count(*)::int as n from rejected_messages`)[0]!.n).toBe(0);
      for (const { c } of clients) c.end(true);
    } finally {
      await killHard(bridge);
      await killHard(broker);
      await owner.end();
      await db.close();
    }
  }, 120_000);

  it('PostgreSQL restarted mid-stream: nothing is lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-pg-restart-'));
    chmodSync(dir, 0o755);
    const pgPort = freePort();
    let pg = await startEmbeddedPostgres({ dataDir: dir, port: pgPort });
    const url = new URL(pg.url);
    url.pathname = '/restart';
    const adminUrl = url.toString();
    const ownerUrl = await prepareOwnedDatabase(adminUrl, pg.secrets.ownerPassword);
    const bridgeUrl = await ensureRoleLogin(adminUrl, BRIDGE_ROLE, pg.secrets.bridgeDbPassword);
    const { tenantId, devices } = await provisionEnv(ownerUrl, 5);
    const mqttPort = freePort();
    // The bridge runs as its own process, as in production (it survives the database going away).
    const env = { LINLI_BRIDGE_DATABASE_URL: bridgeUrl, LINLI_BRIDGE_MQTT_PASSWORD: BRIDGE_PASSWORD, MQTT_PORT: String(mqttPort), LINLI_BRIDGE_CLIENT_ID: 'linli-bridge-pg-restart', LINLI_MQTT_DEVICE_RATE: UNTHROTTLED };
    const bridge = await spawnBridge([], env);
    let bridgeLog = '';
    bridge.stderr!.on('data', (c: Buffer) => (bridgeLog += c.toString()));
    bridge.stdout!.on('data', (c: Buffer) => (bridgeLog += c.toString()));
    try {
      const clients = await Promise.all(devices.map(async (d) => ({ c: await connectDevice(mqttPort, d), id: d.id })));
      let restarted: Promise<void> | null = null;
      const perDevice = 600;
      await stream(clients, tenantId, perDevice, (sent) => {
        if (!restarted && sent === 1000) {
          restarted = (async () => {
            await pg.stop();
            await new Promise((r) => setTimeout(r, 1500));
            pg = await startEmbeddedPostgres({ dataDir: dir, port: pgPort });
          })();
        }
      });
      await restarted;
      const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
      const rows = await waitForRows(owner, devices.length * perDevice);
      expect(rows, `last count error: ${lastCountError}\nbridge log:\n${bridgeLog.slice(-3000)}`).toBe(devices.length * perDevice);
      // It did notice the outage (and retried), and it is still the same process.
      expect(bridgeLog).toMatch(/not committed, retrying|connection lost/);
      expect(bridge.exitCode).toBeNull();
      await owner.end();
      for (const { c } of clients) c.end(true);
    } finally {
      await killHard(bridge);
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
