import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionDevices, requestCommand, SYSTEM_ACTOR, tenants, withScope } from '@linli/db';
import { createTestDatabase, type TestDatabase } from '@linli/db/test-support';
import { commandTopic, upTopic } from '@linli/iot';
import { startBridge, type Bridge } from '../src';
import { mosquittoAuth, mosquittoConf } from '../src/mosquitto';
import { BRIDGE_PASSWORD, freePort } from './support';

/** The production broker path: Debian's Mosquitto with passwd/ACL generated from the ledger. */
const MOSQUITTO = spawnSync('sh', ['-c', 'command -v mosquitto || ls /usr/sbin/mosquitto'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];

let db: TestDatabase;
let dir: string;
let broker: ChildProcess;
let bridge: Bridge;
let port: number;
let tenantId: string;
let otherTenant: string;
let devs: Array<{ id: string; code: string; secret: string }>;
let owner: postgres.Sql;

beforeAll(async () => {
  if (!MOSQUITTO) throw new Error('mosquitto is not installed: apt-get install -y mosquitto (.ci/run does this)');
  db = await createTestDatabase('mosquitto');
  owner = postgres(db.ownerUrl, { max: 1, onnotice: () => {} });
  const [a] = await db.owner.db.insert(tenants).values({ slug: 'mq-a', nameZh: '甲', nameEn: 'A' }).returning({ id: tenants.id });
  const [b] = await db.owner.db.insert(tenants).values({ slug: 'mq-b', nameZh: '乙', nameEn: 'B' }).returning({ id: tenants.id });
  tenantId = a!.id;
  otherTenant = b!.id;
  devs = await withScope(db.owner.db, { tenantIds: [tenantId] }, (tx) =>
    provisionDevices(tx, { tenantId, rows: [{ code: 'MQ-ENV', kind: 'environment', name: 'env' }, { code: 'MQ-SL', kind: 'street_light', name: 'light' }], actor: SYSTEM_ACTOR }),
  );
  dir = mkdtempSync(join(tmpdir(), 'linli-mosquitto-'));
  chmodSync(dir, 0o755);
  port = freePort();
  const bridgeSql = postgres(db.bridgeUrl, { max: 1 });
  const auth = await mosquittoAuth(bridgeSql, BRIDGE_PASSWORD);
  await bridgeSql.end();
  writeFileSync(join(dir, 'passwd'), auth.passwd, { mode: 0o644 });
  writeFileSync(join(dir, 'acl'), auth.acl, { mode: 0o644 });
  // Running as root, mosquitto would switch to its own user: keep it as the caller for the test.
  writeFileSync(join(dir, 'linli.conf'), `${mosquittoConf({ port, dir, persistence: false })}user root\n`);
  broker = spawn(MOSQUITTO, ['-c', join(dir, 'linli.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`mosquitto did not start: ${log}`)), 10_000);
    const on = (c: Buffer) => {
      log += c.toString();
      if (log.includes('running')) {
        clearTimeout(t);
        resolve();
      }
    };
    broker.stdout!.on('data', on);
    broker.stderr!.on('data', on);
  });
  bridge = await startBridge({ databaseUrl: db.bridgeUrl, mqttUrl: `mqtt://127.0.0.1:${port}`, bridgePassword: BRIDGE_PASSWORD, log: () => {} });
}, 60_000);

afterAll(async () => {
  await bridge?.stop();
  broker?.kill();
  await owner?.end();
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const connect = (id: string, secret: string) =>
  new Promise<mqtt.MqttClient>((resolve, reject) => {
    const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { clientId: `dev-${id}`, username: id, password: secret, reconnectPeriod: 0 });
    c.once('connect', () => resolve(c));
    c.once('error', reject);
  });

async function until(check: () => Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (Date.now() < end && !(await check())) await new Promise((r) => setTimeout(r, 100));
}

describe('with a real Mosquitto (the production broker)', () => {
  it('authenticates devices with their provisioned secret and refuses a wrong one', async () => {
    const env = devs.find((d) => d.code === 'MQ-ENV')!;
    const c = await connect(env.id, env.secret);
    c.end();
    await expect(connect(env.id, 'not-the-secret')).rejects.toThrow();
  });

  it('ingests through a shared subscription, and the ACL keeps a device to its own topics', async () => {
    const env = devs.find((d) => d.code === 'MQ-ENV')!;
    const c = await connect(env.id, env.secret);
    const pub = (topic: string, seq: number) => new Promise<void>((r) => c.publish(topic, JSON.stringify({ ts: Date.now(), seq, metrics: { pm25: 12 } }), { qos: 1 }, () => r()));
    for (let i = 0; i < 50; i++) await pub(upTopic(tenantId, env.id, 'telemetry'), i);
    // Mosquitto drops publishes the ACL refuses: neither another tenant nor another device gets a row.
    await pub(upTopic(otherTenant, env.id, 'telemetry'), 999);
    await pub(upTopic(tenantId, devs.find((d) => d.code === 'MQ-SL')!.id, 'telemetry'), 998);
    await until(async () => ((await owner`select count(*)::int as n from telemetry`)[0]!.n as number) >= 50);
    await new Promise((r) => setTimeout(r, 300));
    const rows = await owner`select device_id, count(*)::int as n from telemetry group by device_id`;
    expect(rows.map((r) => ({ ...r }))).toEqual([{ device_id: env.id, n: 50 }]);
    c.end();
  });

  it('a command goes out through Mosquitto and the ack comes back', async () => {
    const sl = devs.find((d) => d.code === 'MQ-SL')!;
    const c = await connect(sl.id, sl.secret);
    await new Promise<void>((r) => c.subscribe(commandTopic(tenantId, sl.id), { qos: 1 }, () => r()));
    c.on('message', (_t, payload) => {
      const cmd = JSON.parse(payload.toString()) as { commandId: string };
      c.publish(upTopic(tenantId, sl.id, 'ack'), JSON.stringify({ ts: Date.now(), seq: Date.now(), commandId: cmd.commandId, ok: true }), { qos: 1 });
    });
    await new Promise<void>((r) => c.publish(upTopic(tenantId, sl.id, 'state'), JSON.stringify({ online: true, ts: Date.now() }), { qos: 1 }, () => r()));
    await until(async () => (await owner`select online from device_state where device_id = ${sl.id}`)[0]?.online === true);
    const { id } = await withScope(db.app.db, { tenantIds: [tenantId] }, (tx) => requestCommand(tx, { tenantId, request: { deviceId: sl.id, name: 'switch', params: { on: true } }, actor: SYSTEM_ACTOR }));
    await until(async () => (await owner`select state from commands where id = ${id}`)[0]?.state === 'acked');
    expect((await owner`select state from commands where id = ${id}`)[0]!.state).toBe('acked');
    c.end();
  });
});
