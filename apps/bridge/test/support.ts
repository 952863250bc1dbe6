import { afterAll, beforeAll } from 'vitest';
import mqtt from 'mqtt';
import { createTestDatabase, type TestDatabase } from '@linli/db/test-support';
import { provisionDevices, SYSTEM_ACTOR, withScope, tenants } from '@linli/db';
import { eq } from 'drizzle-orm';
import { seedReferenceData } from '@linli/seed';
import { fileURLToPath } from 'node:url';
import { startBridge, type Bridge } from '../src';

const TENANTS_DIR = fileURLToPath(new URL('../../../tenants', import.meta.url));
export const BRIDGE_PASSWORD = 'bridge-test-password';

export interface BridgeTest {
  db: TestDatabase;
  bridge: Bridge;
  port: number;
  tenantId: (slug: string) => Promise<string>;
  provision: (slug: string, rows: Array<{ code: string; kind: string; name: string; buildingCode?: string; zone?: string }>) => Promise<Array<{ id: string; code: string; secret: string }>>;
  device: (tenantId: string, d: { id: string; secret: string }, opts?: mqtt.IClientOptions) => Promise<mqtt.MqttClient>;
  restartBridge: () => Promise<void>;
  /** Waits until the bridge has received and committed everything in flight. */
  settle: () => Promise<void>;
}

import { freePort } from '@linli/db/test-support/ports';

export { freePort };

/** A seeded database, the bridge with its embedded broker, and helpers to act as devices. */
export function useBridgeTest(label: string, options: { seed?: boolean } = {}): BridgeTest {
  const t = {} as BridgeTest;
  beforeAll(async () => {
    t.db = await createTestDatabase(label);
    if (options.seed !== false) await seedReferenceData(t.db.owner.db, { tenantsDir: TENANTS_DIR, demoPassword: 'Linli@2026-test' });
    t.port = freePort();
    t.bridge = await startBridge({ databaseUrl: t.db.bridgeUrl, broker: { port: t.port }, bridgePassword: BRIDGE_PASSWORD, log: process.env.DEBUG_BRIDGE ? (l) => console.log(`[bridge] ${l}`) : () => {} });
  });
  afterAll(async () => {
    await t.bridge?.stop();
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
      const c = mqtt.connect(`mqtt://127.0.0.1:${t.port}`, { clientId: `dev-${d.id}`, username: d.id, password: d.secret, reconnectPeriod: 0, ...opts });
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
    t.bridge = await startBridge({ databaseUrl: t.db.bridgeUrl, broker: { port: t.port }, bridgePassword: BRIDGE_PASSWORD, log: process.env.DEBUG_BRIDGE ? (l) => console.log(`[bridge] ${l}`) : () => {} });
  };
  return t;
}
