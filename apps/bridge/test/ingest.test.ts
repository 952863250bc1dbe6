import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmContext, requestCommand, SYSTEM_ACTOR, withScope } from '@linli/db';
import { commandTopic, upTopic } from '@linli/iot';
import type { MqttClient } from 'mqtt';
import { useBridgeTest } from './support';

const t = useBridgeTest('bridge_ingest');
let owner: postgres.Sql;
let moma: string;
let fs: string;
const devs: Record<string, { id: string; secret: string; code: string }> = {};

beforeAll(async () => {
  owner = postgres(t.db.ownerUrl, { max: 2, onnotice: () => {} });
  moma = await t.tenantId('moma');
  fs = await t.tenantId('fangsong-xinyuan');
  const created = await t.provision('moma', [
    { code: 'ENV-1', kind: 'environment', name: '环境监测 1' },
    { code: 'GAS-1', kind: 'gas_detector', name: '燃气探测 1', buildingCode: 'B03' },
    { code: 'SMOKE-1', kind: 'smoke_detector', name: '烟感 1', buildingCode: 'B03' },
    { code: 'BC-B03', kind: 'broadcast_zone', name: '3号楼广播', buildingCode: 'B03' },
    { code: 'GATE-FL', kind: 'parking_barrier', name: '消防通道道闸', zone: 'fire_lane' },
    { code: 'SL-1', kind: 'street_light', name: '路灯 1' },
    { code: 'CAM-B03', kind: 'camera_ai', name: '3号楼摄像头', buildingCode: 'B03' },
    { code: 'CAM-B09', kind: 'camera_ai', name: '9号楼摄像头', buildingCode: 'B09' },
  ]);
  for (const c of created) devs[c.code] = c;
  const other = await t.provision('fangsong-xinyuan', [{ code: 'ENV-FS', kind: 'environment', name: 'FS env' }]);
  devs['ENV-FS'] = other[0]!;
});
afterAll(() => owner?.end());

const publish = (c: MqttClient, topic: string, payload: unknown) =>
  new Promise<void>((resolve, reject) => c.publish(topic, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 }, (e) => (e ? reject(e) : resolve())));

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('ingest: broker → bridge → PostgreSQL', () => {
  it('stores every QoS1 reading once, acknowledged after commit, and keeps device state', async () => {
    const env = await t.device(moma, devs['ENV-1']!);
    const base = Date.now() - 60_000;
    for (let i = 0; i < 200; i++) await publish(env, upTopic(moma, devs['ENV-1']!.id, 'telemetry'), { ts: base + i * 100, seq: i, metrics: { pm25: 20 + (i % 10), temperature: 18.5 } });
    // The same message again (a QoS1 redelivery) must not become a second row.
    await publish(env, upTopic(moma, devs['ENV-1']!.id, 'telemetry'), { ts: base, seq: 0, metrics: { pm25: 20, temperature: 18.5 } });
    await t.settle();
    const [{ n }] = (await owner`select count(*)::int as n from telemetry where device_id = ${devs["ENV-1"]!.id}`) as unknown as [{ n: number }];
    expect(n).toBe(200);
    const [state] = await owner`select online, last_seq, values from device_state where device_id = ${devs['ENV-1']!.id}`;
    expect(state).toMatchObject({ online: true, last_seq: '199' });
    expect(state!.values).toMatchObject({ pm25: 29, temperature: 18.5 });
    env.end();
  });

  it('rejects bad messages with a reason, keeps them, and stays up for good traffic', async () => {
    const env = await t.device(moma, devs['ENV-1']!);
    const topic = upTopic(moma, devs['ENV-1']!.id, 'telemetry');
    await publish(env, topic, '{not json');
    await publish(env, topic, { ts: Date.now(), seq: 1000, metrics: { pm25: 5000 } });
    await publish(env, topic, { ts: Date.now(), seq: 1001, metrics: { radiation: 1 } });
    await publish(env, topic, { ts: Date.now(), seq: 1002, metrics: { pm25: 'high' } });
    await publish(env, topic, JSON.stringify({ ts: Date.now(), seq: 1003, metrics: { pm25: 1 }, pad: 'x'.repeat(20_000) }));
    await publish(env, topic, { ts: Date.now() + 7 * 86400_000, seq: 1004, metrics: { pm25: 1 } });
    await publish(env, topic, { ts: Date.now(), seq: 1005, metrics: { pm25: 33 } });
    await t.settle();
    const reasons = (await owner`select reason from rejected_messages where device_id = ${devs['ENV-1']!.id} order by id`).map((r) => r.reason);
    expect(reasons).toEqual(['malformed_json', 'out_of_range', 'unknown_metric', 'schema', 'oversized', 'bad_timestamp']);
    expect(await owner`select 1 from telemetry where device_id = ${devs['ENV-1']!.id} and seq = 1005`).toHaveLength(1);
    env.end();
  });

  it('a device cannot write into another tenant or as another device', async () => {
    const env = await t.device(moma, devs['ENV-1']!);
    const closed = new Promise<void>((resolve) => env.once('close', () => resolve()));
    env.publish(upTopic(fs, devs['ENV-FS']!.id, 'telemetry'), JSON.stringify({ ts: Date.now(), seq: 1, metrics: { pm25: 1 } }), { qos: 1 });
    await closed; // the broker drops a client that publishes outside its topics
    await t.settle();
    const [r] = await owner`select reason, tenant_id from rejected_messages where topic like ${`%${devs['ENV-FS']!.id}%`}`;
    expect(r).toMatchObject({ reason: 'tenant_mismatch', tenant_id: moma });
    expect(await owner`select 1 from telemetry where device_id = ${devs['ENV-FS']!.id}`).toHaveLength(0);
    env.end(true);
    await expect(t.device(moma, { id: devs['ENV-1']!.id, secret: 'wrong-secret' })).rejects.toThrow();
  });

  it('raises an alarm from a reading, clears it past the hysteresis, and keeps one open alarm per rule', async () => {
    const gas = await t.device(moma, devs['GAS-1']!);
    const topic = upTopic(moma, devs['GAS-1']!.id, 'telemetry');
    const now = Date.now();
    await publish(gas, topic, { ts: now - 3000, seq: 1, metrics: { concentration: 35 } });
    await publish(gas, topic, { ts: now - 2000, seq: 2, metrics: { concentration: 40 } });
    await t.settle();
    const open = await owner`select state, severity, occurrences from alarms where device_id = ${devs['GAS-1']!.id}`;
    expect(open).toEqual([{ state: 'raised', severity: 'critical', occurrences: 1 }]);
    await publish(gas, topic, { ts: now - 1000, seq: 3, metrics: { concentration: 5 } });
    await t.settle();
    expect((await owner`select state from alarms where device_id = ${devs['GAS-1']!.id}`)[0]!.state).toBe('cleared');
    gas.end();
  });
});

describe('control and linkage', () => {
  it('a console command reaches the device, is acknowledged, and records its latency', async () => {
    const light = await t.device(moma, devs['SL-1']!);
    await publish(light, upTopic(moma, devs['SL-1']!.id, 'state'), { online: true, ts: Date.now() });
    await t.settle();
    light.subscribe(commandTopic(moma, devs['SL-1']!.id), { qos: 1 });
    light.on('message', (_topic, payload) => {
      const cmd = JSON.parse(payload.toString()) as { commandId: string; name: string; params: { level: number } };
      light.publish(upTopic(moma, devs['SL-1']!.id, 'ack'), JSON.stringify({ ts: Date.now(), seq: Date.now(), commandId: cmd.commandId, ok: cmd.params.level === 40 }), { qos: 1 });
    });
    await new Promise((r) => setTimeout(r, 200));
    const { id } = await withScope(t.db.app.db, { tenantIds: [moma] }, (tx) => requestCommand(tx, { tenantId: moma, request: { deviceId: devs['SL-1']!.id, name: 'dim', params: { level: 40 } }, actor: SYSTEM_ACTOR }));
    const row = await until(() => owner`select state, acked_at, attempts from commands where id = ${id}`.then((r) => r[0]!), (r) => r.state === 'acked');
    expect(row).toMatchObject({ state: 'acked', attempts: 1 });
    light.end();
  });

  it('an invalid command is refused before it is queued', async () => {
    await expect(
      withScope(t.db.app.db, { tenantIds: [moma] }, (tx) => requestCommand(tx, { tenantId: moma, request: { deviceId: devs['SL-1']!.id, name: 'dim', params: { level: 400 } }, actor: SYSTEM_ACTOR })),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('a smoke alarm broadcasts to its building and opens the fire-lane barrier (R5.3.1)', async () => {
    const zone = await t.device(moma, devs['BC-B03']!);
    const barrier = await t.device(moma, devs['GATE-FL']!);
    const received: Record<string, string> = {};
    for (const [code, c] of [['BC-B03', zone], ['GATE-FL', barrier]] as const) {
      await publish(c, upTopic(moma, devs[code]!.id, 'state'), { online: true, ts: Date.now() });
      c.subscribe(commandTopic(moma, devs[code]!.id), { qos: 1 });
      c.on('message', (_t, payload) => {
        const cmd = JSON.parse(payload.toString()) as { commandId: string; name: string };
        received[code] = cmd.name;
        c.publish(upTopic(moma, devs[code]!.id, 'ack'), JSON.stringify({ ts: Date.now(), seq: Date.now(), commandId: cmd.commandId, ok: true }), { qos: 1 });
      });
    }
    await t.settle();
    await new Promise((r) => setTimeout(r, 200));
    const smoke = await t.device(moma, devs['SMOKE-1']!);
    const started = Date.now();
    await publish(smoke, upTopic(moma, devs['SMOKE-1']!.id, 'event'), { ts: Date.now(), seq: 1, event: 'smoke_alarm' });
    await until(async () => received, (r) => !!r['BC-B03'] && !!r['GATE-FL']);
    const elapsed = Date.now() - started;
    expect(received).toMatchObject({ 'BC-B03': 'broadcast', 'GATE-FL': 'open' });
    expect(elapsed).toBeLessThan(10_000);
    const [run] = await owner`select array_length(command_ids, 1) as n from linkage_runs where tenant_id = ${moma} and rule_id = 'builtin.fire'`;
    expect(run!.n).toBeGreaterThanOrEqual(2);
    const audit = await owner`select action from audit_log where action = 'linkage.run' and tenant_id = ${moma}`;
    expect(audit.length).toBeGreaterThan(0);
    // The console's view of the alarm: what was commanded, which cameras to show, who was told.
    const [alarm] = await owner`select id from alarms where device_id = ${devs['SMOKE-1']!.id}`;
    const ctx = await withScope(t.db.app.db, { tenantIds: [moma] }, (tx) => alarmContext(tx, { tenantId: moma, alarmId: alarm!.id }));
    expect(ctx.commands.map((c) => `${c.deviceCode}:${c.name}`).sort()).toEqual(expect.arrayContaining(['BC-B03:broadcast', 'GATE-FL:open']));
    await until(() => withScope(t.db.app.db, { tenantIds: [moma] }, (tx) => alarmContext(tx, { tenantId: moma, alarmId: alarm!.id })), (c) => c.commands.every((x) => x.state === 'acked'));
    expect(ctx.cameras.map((c) => c.code)).toEqual(['CAM-B03']);
    expect(ctx.notifiedRoles).toEqual(expect.arrayContaining(['security_guard']));
    for (const c of [zone, barrier, smoke]) c.end();
  });
});

describe('retention', () => {
  it('removes telemetry past the tenant retention and keeps access events for their longer class', async () => {
    const { purgeExpired } = await import('../src/sweeps');
    const env = devs['ENV-1']!.id;
    await owner`insert into telemetry (tenant_id, device_id, ts, seq, metrics) values (${moma}, ${env}, now() - interval '100 days', 1, '{"pm25": 1}')`;
    await owner`insert into device_events (tenant_id, device_id, ts, seq, event, retention) values
      (${moma}, ${env}, now() - interval '100 days', 1, 'x', 'access'), (${moma}, ${env}, now() - interval '200 days', 2, 'y', 'access')`;
    const removed = await purgeExpired(t.bridge.sql);
    expect(removed).toBeGreaterThanOrEqual(2);
    expect(await owner`select 1 from telemetry where device_id = ${env} and ts < now() - interval '90 days'`).toHaveLength(0);
    expect((await owner`select seq from device_events where device_id = ${env} and retention = 'access'`).map((r) => Number(r.seq))).toEqual([1]);
  });
});

describe('ledger changes reach the broker at once', () => {
  it('a disabled device can no longer connect, without waiting for a cache to expire', async () => {
    const { setDeviceEnabled } = await import('@linli/db');
    const env = devs['ENV-1']!;
    (await t.device(moma, env)).end();
    await withScope(t.db.app.db, { tenantIds: [moma] }, (tx) => setDeviceEnabled(tx, { tenantId: moma, deviceId: env.id, enabled: false, actor: SYSTEM_ACTOR }));
    await new Promise((r) => setTimeout(r, 300));
    await expect(t.device(moma, env)).rejects.toThrow();
    await withScope(t.db.app.db, { tenantIds: [moma] }, (tx) => setDeviceEnabled(tx, { tenantId: moma, deviceId: env.id, enabled: true, actor: SYSTEM_ACTOR }));
    await new Promise((r) => setTimeout(r, 300));
    (await t.device(moma, env)).end();
  });
});

describe('the bridge does not read its own commands', () => {
  it('publishing commands leaves no rejected messages behind', async () => {
    await t.settle();
    const before = (await owner`select count(*)::int as n from rejected_messages where topic like '%/command'`)[0]!.n as number;
    const light = await t.device(moma, devs['SL-1']!);
    await publish(light, upTopic(moma, devs['SL-1']!.id, 'state'), { online: true, ts: Date.now() });
    await t.settle();
    const { id } = await withScope(t.db.app.db, { tenantIds: [moma] }, (tx) => requestCommand(tx, { tenantId: moma, request: { deviceId: devs['SL-1']!.id, name: 'switch', params: { on: true } }, actor: SYSTEM_ACTOR }));
    await until(() => owner`select state from commands where id = ${id}`.then((r) => r[0]!.state as string), (s) => s === 'published' || s === 'acked');
    await t.settle();
    const after = (await owner`select count(*)::int as n from rejected_messages where topic like '%/command'`)[0]!.n as number;
    expect(after).toBe(before);
    light.end();
  });
});
