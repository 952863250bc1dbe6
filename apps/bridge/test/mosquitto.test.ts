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
import { rawConnect, stillOpenAfter } from './raw-mqtt';
import { BRIDGE_PASSWORD, freePort } from './support';

/** The production broker path: Debian's Mosquitto with passwd/ACL generated from the ledger. */
const MOSQUITTO = spawnSync('sh', ['-c', 'command -v mosquitto || ls /usr/sbin/mosquitto'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];

let db: TestDatabase;
let dir: string;
let broker: ChildProcess;
let bridge: Bridge;
let port: number;
let bridgePort: number;
let tenantId: string;
let otherTenant: string;
let devs: Array<{ id: string; code: string; secret: string }>;
let owner: postgres.Sql;
const bridgeLog: string[] = [];

beforeAll(async () => {
  if (!MOSQUITTO) throw new Error('mosquitto is not installed: apt-get install -y mosquitto (.ci/run does this)');
  db = await createTestDatabase('mosquitto');
  owner = postgres(db.ownerUrl, { max: 1, onnotice: () => {} });
  const [a] = await db.owner.db.insert(tenants).values({ slug: 'mq-a', nameZh: '甲', nameEn: 'A' }).returning({ id: tenants.id });
  const [b] = await db.owner.db.insert(tenants).values({ slug: 'mq-b', nameZh: '乙', nameEn: 'B' }).returning({ id: tenants.id });
  tenantId = a!.id;
  otherTenant = b!.id;
  devs = await withScope(db.owner.db, { tenantIds: [tenantId] }, (tx) =>
    provisionDevices(tx, { tenantId, rows: [{ code: 'MQ-ENV', kind: 'environment', name: 'env' }, { code: 'MQ-SL', kind: 'street_light', name: 'light' }, { code: 'MQ-ENV2', kind: 'environment', name: 'env 2' }], actor: SYSTEM_ACTOR }),
  );
  dir = mkdtempSync(join(tmpdir(), 'linli-mosquitto-'));
  chmodSync(dir, 0o755);
  port = freePort();
  bridgePort = port + 1;
  const bridgeSql = postgres(db.bridgeUrl, { max: 1 });
  const auth = await mosquittoAuth(bridgeSql, BRIDGE_PASSWORD);
  await bridgeSql.end();
  writeFileSync(join(dir, 'passwd'), auth.passwd, { mode: 0o644 });
  writeFileSync(join(dir, 'acl'), auth.acl, { mode: 0o644 });
  writeFileSync(join(dir, 'bridge-passwd'), auth.bridgePasswd, { mode: 0o644 });
  writeFileSync(join(dir, 'bridge-acl'), auth.bridgeAcl, { mode: 0o644 });
  // Running as root, mosquitto would switch to its own user: keep it as the caller for the test.
  writeFileSync(join(dir, 'linli.conf'), `${mosquittoConf({ port, bridgePort, dir, persistence: false })}user root\n`);
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
  bridge = await startBridge({ databaseUrl: db.bridgeUrl, mqttUrl: `mqtt://127.0.0.1:${bridgePort}`, bridgePassword: BRIDGE_PASSWORD, log: (l) => bridgeLog.push(l) });
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
    const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { clientId: id, username: id, password: secret, reconnectPeriod: 0 });
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

/** Security issue #9 (items 3, 7, 10) on the production broker, as configured by mosquittoConf. */
describe('client ids, limits and MQTT 5 with Mosquitto', () => {
  const dev = (code: string) => devs.find((d) => d.code === code)!;

  it("a device using the bridge's or another device's client id gets its own instead: nobody is disconnected, nothing is lost", async () => {
    const victim = dev('MQ-ENV2');
    const v = await connect(victim.id, victim.secret);
    let victimClosed = false;
    v.on('close', () => (victimClosed = true));
    const connectedBefore = bridgeLog.filter((l) => l.includes('connected to')).length;
    // clean=true: had Mosquitto let it in under the bridge's id, the bridge's session would be gone.
    const asBridge = rawConnect(port, { clientId: 'linli-bridge-1-bulk', clean: true, username: dev('MQ-SL').id, password: dev('MQ-SL').secret });
    const asVictim = rawConnect(port, { clientId: victim.id, clean: true, username: dev('MQ-ENV').id, password: dev('MQ-ENV').secret });
    await Promise.all([asBridge.next('connack'), asVictim.next('connack')]);
    const base = Date.now() - 10_000;
    // A publish on a connection that was taken away never completes: give each 3 s.
    const sent = await Promise.allSettled(
      Array.from({ length: 30 }, (_, seq) =>
        Promise.race([
          new Promise<void>((r, j) => v.publish(upTopic(tenantId, victim.id, 'telemetry'), JSON.stringify({ ts: base + seq, seq, metrics: { pm25: 8 } }), { qos: 1 }, (e) => (e ? j(e) : r()))),
          new Promise<void>((_, j) => setTimeout(() => j(new Error('no PUBACK')), 3000)),
        ]),
      ),
    );
    await until(async () => ((await owner`select count(*)::int as n from telemetry where device_id = ${victim.id}`)[0]!.n as number) >= 30, 5000);
    await new Promise((r) => setTimeout(r, 500));
    expect.soft(victimClosed).toBe(false);
    expect.soft(sent.filter((s) => s.status === 'rejected')).toHaveLength(0);
    expect.soft((await owner`select count(*)::int as n from telemetry where device_id = ${victim.id}`)[0]!.n).toBe(30);
    expect.soft(bridgeLog.filter((l) => l.includes('connected to')).length).toBe(connectedBefore);
    for (const c of [asBridge, asVictim]) c.socket.destroy();
    v.end(true);
  });

  it("a device cannot log in on the bridge's listener", async () => {
    const d = dev('MQ-ENV');
    const c = rawConnect(bridgePort, { clientId: 'linli-bridge-1-bulk', clean: true, username: d.id, password: d.secret });
    expect((await c.next('connack')).returnCode).toBe(5); // not authorized
    await c.closed;
  });

  it('a packet over max_packet_size disconnects the device', async () => {
    const d = dev('MQ-ENV');
    const c = rawConnect(port, { clientId: d.id, clean: true, username: d.id, password: d.secret });
    expect((await c.next('connack')).returnCode).toBe(0);
    c.send({ cmd: 'publish', topic: upTopic(tenantId, d.id, 'telemetry'), payload: Buffer.alloc(100 * 1024, 0x41), qos: 0, dup: false, retain: false });
    expect(await stillOpenAfter(c, 2000)).toBe(false);
  });

  it('a zero-length client id with clean=false gets CONNACK 0x02 [MQTT-3.1.3-8] (as with the embedded broker)', async () => {
    const d = dev('MQ-ENV');
    const c = rawConnect(port, { clientId: '', clean: false, username: d.id, password: d.secret });
    expect((await c.next('connack')).returnCode).toBe(2);
    await c.closed;
  });

  it('MQTT 5 devices work through Mosquitto, and its CONNACK announces the maximum packet size', async () => {
    const d = dev('MQ-ENV');
    const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { protocolVersion: 5, clientId: d.id, username: d.id, password: d.secret, reconnectPeriod: 0 });
    const connack = await new Promise<mqtt.IConnackPacket>((resolve, reject) => {
      c.once('connect', resolve);
      c.once('error', reject);
    });
    expect(connack.properties?.maximumPacketSize).toBe(64 * 1024);
    const seq = 5000;
    await new Promise<void>((r, j) => c.publish(upTopic(tenantId, d.id, 'telemetry'), JSON.stringify({ ts: Date.now(), seq, metrics: { pm25: 9 } }), { qos: 1 }, (e) => (e ? j(e) : r())));
    await until(async () => (await owner`select 1 from telemetry where device_id = ${d.id} and seq = ${seq}`).length === 1);
    expect(await owner`select 1 from telemetry where device_id = ${d.id} and seq = ${seq}`).toHaveLength(1);
    c.end(true);
  });
});
