import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestCommand, SYSTEM_ACTOR, withScope } from '@linli/db';
import { CATALOG } from '@linli/iot';
import { seedDemoDevices } from '@linli/seed';
import { useBridgeTest } from '../../bridge/test/support';
import { startControlServer, startSimulator, type Simulator } from '../src';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TENANTS_DIR = `${ROOT}tenants`;
const KEY = 'devsim-test-key';

const t = useBridgeTest('devsim');
let owner: postgres.Sql;
let moma: string;
let seeded: number;
let sim: Simulator | null = null;
let control: Awaited<ReturnType<typeof startControlServer>> | null = null;

beforeAll(async () => {
  owner = postgres(t.db.ownerUrl, { max: 2, onnotice: () => {} });
  moma = await t.tenantId('moma');
  seeded = (await seedDemoDevices(t.db.owner.db, { tenantsDir: TENANTS_DIR, devsimKey: KEY, tenants: ['moma'] })).moma!;
});
afterAll(async () => {
  control?.close();
  await sim?.stop();
  // The devices' goodbyes are in flight: let the bridge commit them before it is stopped.
  if (sim) await t.settle();
  await owner?.end();
});

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Messages the devices sent that the bridge refused. The bridge's own subscription also hears the
// commands it publishes and logs them as bad_topic: those are not device traffic, so not counted here.
const rejected = async () =>
  (await owner`select count(*)::int as n, string_agg(distinct reason || ': ' || detail, '; ') as why from rejected_messages where topic not like '%/command'`)[0]!;
const deviceId = async (code: string) => (await owner`select id from devices where tenant_id = ${moma} and code = ${code}`)[0]!.id as string;

function runCli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/devsim/src/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, LINLI_DEVSIM_DATABASE_URL: t.db.bridgeUrl, MQTT_URL: `mqtt://127.0.0.1:${t.port}`, LINLI_DEVSIM_KEY: KEY, LINLI_DEVSIM_TENANTS: 'moma' },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('device simulator against the real bridge', () => {
  it('--once: every moma device connects and one round is stored with zero rejects', async () => {
    expect(seeded).toBeGreaterThanOrEqual(150);
    const r = await runCli(['--once']);
    expect(r.code, r.out).toBe(0);
    await t.settle();
    expect(await rejected()).toMatchObject({ n: 0 });
    const [s] = await owner`select count(distinct device_id)::int as devices from device_state where tenant_id = ${moma}`;
    expect(s!.devices).toBe(seeded);
    // Every kind with metrics stored a reading.
    const kinds = (await owner`select distinct d.kind from telemetry x join devices d on d.id = x.device_id where x.tenant_id = ${moma}`).map((k) => k.kind);
    expect(new Set(kinds)).toEqual(new Set(Object.values(CATALOG).filter((k) => k.metrics.length).map((k) => k.kind)));
  });

  it('connects all devices in-process; a busy round (two hours of events) passes the catalog checks', async () => {
    sim = await startSimulator({ databaseUrl: t.db.bridgeUrl, mqttUrl: `mqtt://127.0.0.1:${t.port}`, devsimKey: KEY, tenants: ['moma'], autoTick: false, log: () => {} });
    control = await startControlServer(sim, 0);
    expect(sim.devices).toHaveLength(seeded);
    expect(sim.connected).toBe(seeded);
    await sim.round({ eventWindowMs: 2 * 3_600_000 });
    await t.settle();
    expect(await rejected()).toMatchObject({ n: 0 });
    const [e] = await owner`select count(*)::int as n, count(distinct event)::int as kinds from device_events where tenant_id = ${moma}`;
    expect(e!.n).toBeGreaterThan(0);
    const [online] = await owner`select count(*)::int as n from device_state where tenant_id = ${moma} and online`;
    expect(online!.n).toBe(seeded);
    const status = (await (await fetch(control.url)).json()) as { connected: number; messagesSent: number };
    expect(status.connected).toBe(seeded);
    expect(status.messagesSent).toBeGreaterThan(seeded * 2);
  });

  it('a street light acknowledges a dim command and its next reading shows it', async () => {
    const id = await deviceId('SL-001');
    const cmd = await withScope(t.db.app.db, { tenantIds: [moma] }, (tx) => requestCommand(tx, { tenantId: moma, request: { deviceId: id, name: 'dim', params: { level: 40 } }, actor: SYSTEM_ACTOR }));
    const row = await until(() => owner`select state, attempts from commands where id = ${cmd.id}`.then((r) => r[0]!), (r) => r.state === 'acked');
    expect(row).toMatchObject({ state: 'acked', attempts: 1 });
    await t.settle();
    const [last] = await owner`select metrics from telemetry where device_id = ${id} order by seq desc limit 1`;
    expect(last!.metrics).toMatchObject({ dim: 40 });
  });

  it('fire in B03: critical alarm, the building broadcast and the fire-lane barrier act and acknowledge', async () => {
    const res = await fetch(`${control!.url}/scenario`, { method: 'POST', body: JSON.stringify({ tenant: 'moma', scenario: 'fire', building: 'B03' }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { devices: string[] };
    expect(body.devices[0]).toMatch(/^SMK-B03-\d$/);
    const alarm = await until(
      () => owner`select a.id, a.severity from alarms a join devices d on d.id = a.device_id where a.tenant_id = ${moma} and d.code = ${body.devices[0]!} and a.rule_id = 'smoke_detector.smoke_alarm'`.then((r) => r[0]),
      (r) => r !== undefined,
    );
    expect(alarm).toMatchObject({ severity: 'critical' });
    const commands = await until(
      () => owner`select d.code, c.name, c.state from commands c join devices d on d.id = c.device_id where c.alarm_id = ${alarm!.id} order by d.code`,
      (rows) => rows.length > 0 && rows.every((r) => r.state === 'acked'),
    );
    expect(commands.every((r) => r.state === 'acked')).toBe(true);
    expect(commands).toEqual(expect.arrayContaining([{ code: 'BC-B03-1', name: 'broadcast', state: 'acked' }, { code: 'PB-001', name: 'open', state: 'acked' }]));
    await t.settle();
    const [zone] = await owner`select s.values from device_state s join devices d on d.id = s.device_id where d.tenant_id = ${moma} and d.code = 'BC-B03-1'`;
    expect(zone!.values).toMatchObject({ playing: true });
    const [entry] = await owner`select e.event, e.data from device_events e join devices d on d.id = e.device_id where d.tenant_id = ${moma} and d.code = 'PB-001' order by e.seq desc limit 1`;
    expect(entry!.data.plate).toMatch(/^[京冀津晋鲁][A-Z]·/);
  });

  it('gas leak: a critical alarm, and a valve refuses to reopen while it lasts (ack ok:false with a reason)', async () => {
    const res = await fetch(`${control!.url}/scenario`, { method: 'POST', body: JSON.stringify({ tenant: 'moma', scenario: 'gas_leak', building: 'B05', durationSeconds: 30 }) });
    expect(((await res.json()) as { devices: string[] }).devices).toEqual(['GD-B05-1']);
    const alarms = await until(
      () => owner`select a.rule_id, a.severity from alarms a join devices d on d.id = a.device_id where d.tenant_id = ${moma} and d.code = 'GD-B05-1' order by a.rule_id`,
      (rows) => rows.length === 2,
    );
    expect(alarms).toEqual([
      { rule_id: 'gas_detector.concentration_high', severity: 'critical' },
      { rule_id: 'gas_detector.leak', severity: 'critical' },
    ]);
    const valve = await deviceId('GV-001');
    const cmd = await withScope(t.db.app.db, { tenantIds: [moma] }, (tx) => requestCommand(tx, { tenantId: moma, request: { deviceId: valve, name: 'open', params: {} }, actor: SYSTEM_ACTOR }));
    const row = await until(() => owner`select state, detail from commands where id = ${cmd.id}`.then((r) => r[0]!), (r) => r.state !== 'queued' && r.state !== 'published');
    expect(row.state).toBe('failed');
    expect(row.detail).toMatch(/gas still detected/);
  });

  it('offline: the device drops without DISCONNECT, its last will marks it offline; restore brings it back', async () => {
    const post = (body: unknown) => fetch(`${control!.url}/scenario`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ devices: string[] }>);
    const gone = await post({ tenant: 'moma', scenario: 'offline', device: 'SL-002' });
    expect(gone.devices).toEqual(['SL-002']);
    const id = await deviceId('SL-002');
    const state = await until(() => owner`select online from device_state where device_id = ${id}`.then((r) => r[0]!), (r) => r.online === false);
    expect(state.online).toBe(false);
    await post({ tenant: 'moma', scenario: 'restore' });
    const back = await until(() => owner`select online from device_state where device_id = ${id}`.then((r) => r[0]!), (r) => r.online === true);
    expect(back.online).toBe(true);
    await t.settle();
    expect(await rejected()).toEqual({ n: 0, why: null });
  });

  it('refuses an unknown scenario or tenant with a clear error', async () => {
    const bad = await fetch(`${control!.url}/scenario`, { method: 'POST', body: JSON.stringify({ tenant: 'moma', scenario: 'meteor' }) });
    expect(bad.status).toBe(400);
    const none = await fetch(`${control!.url}/scenario`, { method: 'POST', body: JSON.stringify({ tenant: 'nowhere', scenario: 'fire' }) });
    expect(none.status).toBe(404);
  });
});
