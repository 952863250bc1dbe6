import { afterAll, beforeAll } from 'vitest';
import mqtt from 'mqtt';
import postgres from 'postgres';
import { createTestDatabase, type TestDatabase } from '@linli/db/test-support';
import { provisionDevices, SYSTEM_ACTOR, withScope, tenants } from '@linli/db';
import { eq } from 'drizzle-orm';
import { seedReferenceData } from '@linli/seed';
import { fileURLToPath } from 'node:url';
import { startBridge, type Bridge, type BridgeConfig } from '../src';

const TENANTS_DIR = fileURLToPath(new URL('../../../tenants', import.meta.url));
export const BRIDGE_PASSWORD = 'bridge-test-password';

export interface ProvisionedDevice {
  id: string;
  code: string;
  secret: string;
}

export interface BridgeTest {
  db: TestDatabase;
  /** Owner connection for checking what was stored (bypasses nothing the test asserts about). */
  owner: postgres.Sql;
  bridge: Bridge;
  port: number;
  tenantId: (slug: string) => Promise<string>;
  provision: (slug: string, rows: Array<{ code: string; kind: string; name: string; buildingCode?: string; zone?: string }>) => Promise<ProvisionedDevice[]>;
  device: (tenantId: string, d: { id: string; secret: string }, opts?: mqtt.IClientOptions) => Promise<mqtt.MqttClient>;
  restartBridge: () => Promise<void>;
  /** What the bridge logged (connections, reconnects). */
  logs: string[];
  /** Waits until the bridge has received and committed everything in flight. */
  settle: () => Promise<void>;
}

import { freePort } from '@linli/db/test-support/ports';

export { freePort };

/** A seeded database, the bridge with its embedded broker, and helpers to act as devices. */
export function useBridgeTest(label: string, options: { seed?: boolean; bridge?: Partial<BridgeConfig> } = {}): BridgeTest {
  const t = { logs: [] } as unknown as BridgeTest;
  const log = (l: string) => {
    t.logs.push(l);
    if (process.env.DEBUG_BRIDGE) console.log(`[bridge] ${l}`);
  };
  const start = () => startBridge({ databaseUrl: t.db.bridgeUrl, broker: { port: t.port }, bridgePassword: BRIDGE_PASSWORD, log, ...options.bridge });
  beforeAll(async () => {
    t.db = await createTestDatabase(label);
    t.owner = postgres(t.db.ownerUrl, { max: 2, onnotice: () => {} });
    if (options.seed !== false) await seedReferenceData(t.db.owner.db, { tenantsDir: TENANTS_DIR, demoPassword: 'Linli@2026-test' });
    t.port = freePort();
    t.bridge = await start();
  });
  afterAll(async () => {
    await t.bridge?.stop();
    await t.owner?.end();
    await t.db?.close();
  });
  t.tenantId = async (slug) => (await t.db.owner.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)))[0]!.id;
  t.provision = async (slug, rows) => {
    const tenantId = await t.tenantId(slug);
    const created = await withScope(t.db.owner.db, { tenantIds: [tenantId] }, (tx) => provisionDevices(tx, { tenantId, rows, actor: SYSTEM_ACTOR }));
    for (const c of created) t.bridge.directory.forget(c.id);
    return created;
  };
  t.device = (tenantId, d, opts = {}) =>
    new Promise((resolve, reject) => {
      const c = mqtt.connect(`mqtt://127.0.0.1:${t.port}`, { clientId: d.id, username: d.id, password: d.secret, reconnectPeriod: 0, ...opts });
      c.once('connect', () => resolve(c));
      c.once('error', reject);
      void tenantId;
    });
  t.settle = async () => {
    for (;;) {
      const seen = t.bridge.pipeline!.stats.received;
      await new Promise((r) => setTimeout(r, 150));
      await t.bridge.pipeline!.idle();
      if (t.bridge.pipeline!.stats.received === seen) break;
    }
    await t.bridge.rejects.flush();
  };
  t.restartBridge = async () => {
    await t.bridge.stop();
    t.bridge = await start();
  };
  return t;
}

/** Devices provisioned for the tests of a file (before they run), by code. */
export function useDevices(t: BridgeTest, slug: string, rows: Parameters<BridgeTest['provision']>[1]): Record<string, ProvisionedDevice> {
  const devices: Record<string, ProvisionedDevice> = {};
  beforeAll(async () => {
    for (const d of await t.provision(slug, rows)) devices[d.code] = d;
  });
  return devices;
}

/** QoS 1 publish that resolves on the broker's PUBACK. */
export const publish = (c: mqtt.MqttClient, topic: string, payload: unknown) =>
  new Promise<void>((resolve, reject) => c.publish(topic, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 }, (e) => (e ? reject(e) : resolve())));
