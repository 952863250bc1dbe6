import { beforeAll, describe, expect, it } from 'vitest';
import { listRejected, withScope } from '@linli/db';
import { upTopic } from '@linli/iot';
import { rawConnect, remainingLengthHeader, stillOpenAfter } from './raw-mqtt';
import { publish, useBridgeTest, useDevices } from './support';

/**
 * Security issue #9, item 7 (broker part): packet size and per-device message rate are bounded,
 * and refused messages are counted per device and reason instead of stored one row each.
 * Low limits here so the test is quick; the defaults are documented in ARCHITECTURE.md.
 */
const RATE = 5;
const BURST = 40;
/** Rows kept per device, reason and minute; a test may straddle a minute boundary. */
const MAX_SAMPLE_ROWS = 2 * 5;
const t = useBridgeTest('bridge_limits', { bridge: { limits: { messagesPerSecond: RATE, burst: BURST, maxPacketBytes: 64 * 1024 } } });
const devs = useDevices(t, 'moma', [
  { code: 'LIM-BIG', kind: 'environment', name: 'big' },
  { code: 'LIM-FAST', kind: 'environment', name: 'fast' },
  { code: 'LIM-BAD', kind: 'environment', name: 'bad' },
]);
let moma: string;
beforeAll(async () => {
  moma = await t.tenantId('moma');
});

const counted = async (deviceId: string, reason: string) =>
  Number((await t.owner`select coalesce(sum(count), 0)::int as n from rejected_message_counts where device_id = ${deviceId} and reason = ${reason}`)[0]!.n);
const sampleRows = async (deviceId: string, reason: string) =>
  Number((await t.owner`select count(*)::int as n from rejected_messages where device_id = ${deviceId} and reason = ${reason}`)[0]!.n);
const stored = async (deviceId: string) => Number((await t.owner`select count(*)::int as n from telemetry where device_id = ${deviceId}`)[0]!.n);

describe('broker limits (embedded broker)', () => {
  it('a packet over the maximum size is cut off at its header, before the broker buffers it, and counted', async () => {
    const d = devs['LIM-BIG']!;
    const c = rawConnect(t.port, { clientId: d.id, clean: true, username: d.id, password: d.secret });
    expect((await c.next('connack')).returnCode).toBe(0);
    const topic = upTopic(moma, d.id, 'telemetry');
    const variable = Buffer.concat([Buffer.from([topic.length >> 8, topic.length & 0xff]), Buffer.from(topic)]);
    // A 32 MB QoS 0 PUBLISH: only its first 16 KB are sent; a broker without a limit waits for the rest.
    c.socket.write(Buffer.concat([remainingLengthHeader(0x30, 32 * 1024 * 1024), variable, Buffer.alloc(16 * 1024, 0x41)]));
    expect.soft(await stillOpenAfter(c, 2000)).toBe(false);
    await t.settle();
    expect(await stored(d.id)).toBe(0);
    expect(await counted(d.id, 'oversized')).toBe(1);
  });

  it('a device over its message rate is throttled: the excess is counted, not stored, and the device stays connected', async () => {
    const d = devs['LIM-FAST']!;
    const c = await t.device(moma, d);
    let closed = false;
    c.on('close', () => (closed = true));
    const sent = 600;
    const started = Date.now();
    const base = started - 60_000;
    const window: Promise<void>[] = [];
    for (let seq = 0; seq < sent; seq++) {
      window.push(publish(c, upTopic(moma, d.id, 'telemetry'), { ts: base + seq, seq, metrics: { pm25: 12 } }));
      if (window.length >= 100) await Promise.all(window.splice(0));
    }
    await Promise.all(window);
    const elapsedS = (Date.now() - started) / 1000;
    await t.settle();
    const rows = await stored(d.id);
    expect.soft(closed).toBe(false);
    expect.soft(rows).toBeLessThanOrEqual(BURST + Math.ceil(RATE * elapsedS) + 1);
    const throttled = await counted(d.id, 'rate_limited');
    expect(rows + throttled).toBe(sent); // every message is either stored or counted with its reason
    expect(await sampleRows(d.id, 'rate_limited')).toBeLessThanOrEqual(MAX_SAMPLE_ROWS);
    // The allowance comes back with time.
    await new Promise((r) => setTimeout(r, 1000));
    await publish(c, upTopic(moma, d.id, 'telemetry'), { ts: Date.now(), seq: sent, metrics: { pm25: 13 } });
    await t.settle();
    expect(await stored(d.id)).toBe(rows + 1);
    // The console's figures per reason are the counts, not the sample rows.
    const page = await withScope(t.db.app.db, { tenantIds: [moma] }, (tx) => listRejected(tx, { page: 1, pageSize: 10 }));
    expect(page.byReason.find((r) => r.reason === 'rate_limited')?.n).toBe(throttled);
    c.end(true);
  });

  it('a stream of broken messages is counted in full but leaves only a sample of rows', async () => {
    const d = devs['LIM-BAD']!;
    const c = await t.device(moma, d);
    const n = 30; // under the burst: every one reaches the bridge and is refused there
    for (let i = 0; i < n; i++) await publish(c, upTopic(moma, d.id, 'telemetry'), `{broken ${i}`);
    await t.settle();
    const rows = await sampleRows(d.id, 'malformed_json');
    expect.soft(rows).toBeGreaterThan(0);
    expect.soft(rows).toBeLessThanOrEqual(MAX_SAMPLE_ROWS);
    expect(await counted(d.id, 'malformed_json')).toBe(n);
    c.end(true);
  });
});

