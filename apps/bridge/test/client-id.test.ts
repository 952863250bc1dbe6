import { beforeAll, describe, expect, it } from 'vitest';
import { upTopic } from '@linli/iot';
import { rawConnect, stillOpenAfter } from './raw-mqtt';
import { BRIDGE_PASSWORD, publish, useBridgeTest, useDevices } from './support';

/** Security issue #9, item 3: an MQTT client id is bound to the credentials that use it. */
const t = useBridgeTest('bridge_client_id');
const devs = useDevices(t, 'moma', [
  { code: 'CID-M1', kind: 'environment', name: 'moma env' },
  { code: 'CID-M2', kind: 'environment', name: 'moma env 2' },
]);
const fsDevs = useDevices(t, 'fangsong-xinyuan', [{ code: 'CID-FS', kind: 'environment', name: 'fs env' }]);
let moma: string;
let fs: string;
beforeAll(async () => {
  moma = await t.tenantId('moma');
  fs = await t.tenantId('fangsong-xinyuan');
});

const onlineOf = async (deviceId: string) => (await t.owner`select online from device_state where device_id = ${deviceId}`)[0]?.online as boolean | undefined;

describe('client ids are bound to credentials (embedded broker)', () => {
  it("a device using another tenant's device id as client id is refused (0x02); the owner stays connected and its last will does not fire", async () => {
    const victim = fsDevs['CID-FS']!;
    const will = { topic: upTopic(fs, victim.id, 'state'), payload: Buffer.from(JSON.stringify({ online: false })), qos: 1 as const, retain: false };
    const v = await t.device(fs, victim, { will });
    await publish(v, upTopic(fs, victim.id, 'state'), { online: true, ts: Date.now() });
    await t.settle();
    expect(await onlineOf(victim.id)).toBe(true);
    let victimClosed = false;
    v.on('close', () => (victimClosed = true));

    const attacker = devs['CID-M1']!;
    const impostor = rawConnect(t.port, { clientId: victim.id, clean: true, username: attacker.id, password: attacker.secret });
    const connack = await impostor.next('connack');
    await Promise.race([impostor.closed, new Promise((r) => setTimeout(r, 1000))]);
    await new Promise((r) => setTimeout(r, 300));
    await t.settle();
    expect.soft(victimClosed).toBe(false);
    expect.soft(await onlineOf(victim.id)).toBe(true);
    expect(connack.returnCode).toBe(2); // identifier rejected
    expect(impostor.isClosed()).toBe(true);
    v.end(true);
  });

  it("a device cannot use the bridge's client ids: the bridge keeps its session and loses no reading", async () => {
    const attacker = devs['CID-M1']!;
    const sender = devs['CID-M2']!;
    const s = await t.device(moma, sender);
    await t.settle();
    const reconnectsBefore = t.logs.filter((l) => l.includes('connected to')).length;
    // clean=true: had the broker accepted it, the bridge's persistent session would be erased.
    const impostor = rawConnect(t.port, { clientId: 'linli-bridge-1-bulk', clean: true, username: attacker.id, password: attacker.secret });
    const connack = await impostor.next('connack');
    // Readings sent right after must all reach the database (nothing lost in a gap).
    const base = Date.now() - 10_000;
    for (let i = 0; i < 30; i++) await publish(s, upTopic(moma, sender.id, 'telemetry'), { ts: base + i, seq: i, metrics: { pm25: 10 } });
    await new Promise((r) => setTimeout(r, 1500));
    await t.settle();
    const [{ n }] = (await t.owner`select count(*)::int as n from telemetry where device_id = ${sender.id}`) as unknown as [{ n: number }];
    expect.soft(n).toBe(30);
    expect.soft(t.logs.filter((l) => l.includes('connected to')).length).toBe(reconnectsBefore);
    expect(connack.returnCode).toBe(2);
    impostor.socket.destroy();
    s.end(true);
  });

  it('one connection per device: a second login with the same credentials and id replaces the first; any other id is refused', async () => {
    const d = devs['CID-M2']!;
    const first = rawConnect(t.port, { clientId: d.id, clean: true, username: d.id, password: d.secret });
    expect((await first.next('connack')).returnCode).toBe(0);
    // Ten extra connections under invented ids (the report: one device held 500 connections).
    const extras = Array.from({ length: 10 }, (_, i) => rawConnect(t.port, { clientId: `${d.id}-${i}`, clean: true, username: d.id, password: d.secret }));
    const codes = await Promise.all(extras.map(async (c) => (await c.next('connack')).returnCode));
    await new Promise((r) => setTimeout(r, 300));
    expect.soft(extras.filter((c) => !c.isClosed())).toHaveLength(0);
    expect(codes).toEqual(Array(10).fill(2));
    expect(await stillOpenAfter(first, 300)).toBe(true);
    // The same id again: MQTT session takeover [MQTT-3.1.4-2] — a device that lost its TCP
    // connection without noticing gets back in at once.
    const second = rawConnect(t.port, { clientId: d.id, clean: true, username: d.id, password: d.secret });
    expect((await second.next('connack')).returnCode).toBe(0);
    await first.closed;
    expect(await stillOpenAfter(second, 300)).toBe(true);
    second.socket.destroy();
  });

  it("the bridge's credentials only work under the bridge's own ids", async () => {
    const d = devs['CID-M1']!;
    const c = rawConnect(t.port, { clientId: d.id, clean: true, username: 'linli-bridge', password: BRIDGE_PASSWORD });
    expect((await c.next('connack')).returnCode).toBe(2);
    const ok = rawConnect(t.port, { clientId: 'linli-bridge-test-extra', clean: true, username: 'linli-bridge', password: BRIDGE_PASSWORD });
    expect((await ok.next('connack')).returnCode).toBe(0);
    ok.socket.destroy();
  });

  it("a zero-length client id is refused even with a clean session: a device's client id is its device id", async () => {
    const d = devs['CID-M1']!;
    const c = rawConnect(t.port, { clientId: '', clean: true, username: d.id, password: d.secret });
    expect((await c.next('connack')).returnCode).toBe(2);
    await c.closed;
  });
});
