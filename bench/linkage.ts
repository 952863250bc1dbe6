/**
 * `npm run bench:linkage`: alarm → linkage latency (R5.3.1: the emergency broadcast within 10 s).
 * A smoke detector publishes a `smoke_alarm` event (QoS 1); the bridge commits it, raises the
 * alarm, runs the built-in fire rule (commands + linkage run + audit row in one transaction) and
 * publishes the commands; we time until the building's broadcast zone (and the fire-lane
 * barrier) receive theirs. BENCH_ALARMS alarms (default 100), one at a time, each from a
 * different detector so every alarm is new; first idle, then under BENCH_LOAD_RATE msg/s of
 * background telemetry (default 10,000). Broker and bridge run as separate processes.
 * Prints Markdown tables; asserts nothing; stops everything it started.
 */
import { upTopic } from '@linli/iot';
import type mqtt from 'mqtt';
import {
  connectDevice, connectMany, CpuMeter, envInt, int, log, machineLine, markdownTable, ms, provision, publishQos1, quantiles, randomPort, rate,
  sleep, startActuator, startBridgeProcess, startDatabase, stopChildren, waitOnline, type Device, type ReceivedCommand,
} from './lib/harness';
import { LoadGenerator } from './lib/load';

const P = {
  alarms: envInt('BENCH_ALARMS', 100),
  gapMs: envInt('BENCH_ALARM_GAP_MS', 100),
  loadRate: envInt('BENCH_LOAD_RATE', 10_000),
  loadDevices: envInt('BENCH_LOAD_DEVICES', 200),
  workers: envInt('BENCH_WORKERS', 2),
  window: envInt('BENCH_WINDOW', 1000),
  warmup: envInt('BENCH_WARMUP', 5),
  timeoutMs: envInt('BENCH_ALARM_TIMEOUT_MS', 15_000),
};

interface Result {
  label: string;
  toPuback: number[];
  toBroadcast: number[];
  toBarrier: number[];
  dbCreated: number[];
  dbPublished: number[];
  dbAcked: number[];
  missed: number;
  load?: number;
  cpu: ReturnType<CpuMeter['stop']>;
}

async function main() {
  const t0 = performance.now();
  log('starting PostgreSQL, seeding, provisioning');
  const db = await startDatabase('moma');
  const port = randomPort();
  const clients: mqtt.MqttClient[] = [];
  try {
    const [building] = await db.owner<{ id: string; code: string; name: string }[]>`select id, code, name from buildings where tenant_id = ${db.tenantId} order by code limit 1`;
    const phases = P.loadRate > 0 ? 2 : 1;
    const detectors = await provision(db, Array.from({ length: P.alarms * phases }, (_, i) => ({ code: `BENCH-SMOKE-${String(i + 1).padStart(4, '0')}`, kind: 'smoke_detector', name: `压测烟感 ${i + 1}`, buildingCode: building!.code })));
    const [zone, barrier] = await provision(db, [
      { code: 'BENCH-BC', kind: 'broadcast_zone', name: '压测广播分区', buildingCode: building!.code },
      { code: 'BENCH-GATE-FL', kind: 'parking_barrier', name: '压测消防通道道闸', zone: 'fire_lane' },
    ]);
    const loadDevices = P.loadRate > 0 ? await provision(db, Array.from({ length: P.loadDevices }, (_, i) => ({ code: `BENCH-ENV-${String(i + 1).padStart(5, '0')}`, kind: 'environment', name: `压测环境站 ${i + 1}` }))) : [];
    const broker = await startBridgeProcess(db, port, 'broker-only');
    const bridge = await startBridgeProcess(db, port, 'no-broker');

    let waiting: { broadcast?: number; open?: number } | null = null;
    const onCommand = (c: ReceivedCommand) => {
      if (!waiting) return;
      if (c.name === 'broadcast') waiting.broadcast ??= c.at;
      if (c.name === 'open') waiting.open ??= c.at;
    };
    for (const d of [zone!, barrier!]) clients.push(await startActuator(port, db.tenantId, d, onCommand));
    // Detectors are online before their alarm (as in a running community).
    const detectorClients = await connectMany(detectors, async (d: Device) => {
      const c = await connectDevice(port, d);
      await publishQos1(c, upTopic(db.tenantId, d.id, 'state'), { online: true, ts: Date.now(), seq: 1 });
      return c;
    });
    clients.push(...detectorClients);
    const online = await waitOnline(db, [zone!.id, barrier!.id, ...detectors.map((d) => d.id)]);
    log(`${online} devices online (${detectors.length} smoke detectors in ${building!.code}, 1 broadcast zone, 1 fire-lane barrier)`);

    const runPhase = async (label: string, first: number, withLoad: boolean): Promise<Result> => {
      let gen: LoadGenerator | null = null;
      if (withLoad) {
        gen = await LoadGenerator.start({ workers: P.workers, port, tenantId: db.tenantId, devices: loadDevices, windowPerWorker: P.window, totalRate: P.loadRate });
        gen.begin(0);
        log(`${label}: background load ${P.loadRate}/s; warming up ${P.warmup} s`);
        await sleep(P.warmup * 1000);
      }
      const cpu = new CpuMeter({ broker: () => [broker.pid], bridge: () => [bridge.pid], postgres: db.postgresPids, ...(gen ? { loadgen: () => gen.pids } : {}), bench: () => [process.pid] });
      const l0 = gen?.totals().acked ?? 0;
      const w0 = performance.now();
      cpu.start();
      const r: Result = { label, toPuback: [], toBroadcast: [], toBarrier: [], dbCreated: [], dbPublished: [], dbAcked: [], missed: 0, cpu: undefined as never };
      const used: string[] = [];
      for (let k = 0; k < P.alarms; k++) {
        const i = first + k;
        const d = detectors[i]!;
        used.push(d.id);
        const state: { broadcast?: number; open?: number } = {};
        waiting = state;
        const start = performance.now();
        const puback = publishQos1(detectorClients[i]!, upTopic(db.tenantId, d.id, 'event'), { ts: Date.now(), seq: 2, event: 'smoke_alarm' }).then(() => r.toPuback.push(performance.now() - start));
        const end = start + P.timeoutMs;
        while ((state.broadcast === undefined || state.open === undefined) && performance.now() < end) await sleep(1);
        await puback;
        waiting = null;
        if (state.broadcast === undefined) r.missed++;
        else r.toBroadcast.push(state.broadcast - start);
        if (state.open !== undefined) r.toBarrier.push(state.open - start);
        await sleep(P.gapMs);
      }
      r.cpu = cpu.stop();
      if (gen) {
        r.load = (gen.totals().acked - l0) / ((performance.now() - w0) / 1000);
        await gen.end();
        await gen.close();
      }
      await sleep(500);
      const rows = await db.owner<{ created: number; published: number | null; acked: number | null }[]>`
        select extract(epoch from c.created_at - a.raised_at) * 1000 as created, extract(epoch from c.published_at - a.raised_at) * 1000 as published,
               extract(epoch from c.acked_at - a.raised_at) * 1000 as acked
          from alarms a join commands c on c.alarm_id = a.id and c.device_id = ${zone!.id}
         where a.device_id = any(${used}::uuid[])`;
      r.dbCreated = rows.map((x) => Number(x.created));
      r.dbPublished = rows.filter((x) => x.published !== null).map((x) => Number(x.published));
      r.dbAcked = rows.filter((x) => x.acked !== null).map((x) => Number(x.acked));
      return r;
    };

    const setupMs = performance.now() - t0;
    const results: Result[] = [await runPhase('idle', 0, false)];
    if (P.loadRate > 0) results.push(await runPhase(`background telemetry ${int(P.loadRate)}/s`, P.alarms, true));

    const q = (xs: number[]) => {
      const s = quantiles(xs);
      return `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)} (n=${s.n})`;
    };
    console.log(`\n### Alarm → linkage (\`npm run bench:linkage\`)\n`);
    console.log(`Machine: ${machineLine()}. Set-up: ${(setupMs / 1000).toFixed(1)} s. Broker and bridge in separate processes.\n`);
    console.log(markdownTable(['parameter', 'value'], [
      ['alarms', `${P.alarms} per phase (BENCH_ALARMS), one at a time, ${P.gapMs} ms apart (BENCH_ALARM_GAP_MS), each from a different smoke detector (every alarm is new)`],
      ['rule', `builtin.fire: broadcast to the building's zones (${building!.code}), screens, open the fire-lane barriers`],
      ['devices', `${detectors.length} smoke detectors, 1 broadcast zone, 1 parking barrier (zone fire_lane); all mqtt.js in the bench process, acks at once`],
      ['background load', P.loadRate ? `${int(P.loadRate)}/s QoS 1 telemetry (BENCH_LOAD_RATE) from ${P.loadDevices} environment stations in ${P.workers} processes` : 'none'],
    ]));
    console.log('');
    const rowsOut: Array<[string, (r: Result) => string]> = [
      ['smoke_alarm publish → broker PUBACK', (r) => q(r.toPuback)],
      ['**smoke_alarm publish → broadcast command at the zone**', (r) => `**${q(r.toBroadcast)}**`],
      ['smoke_alarm publish → open command at the barrier', (r) => q(r.toBarrier)],
      [`no broadcast within ${P.timeoutMs / 1000} s`, (r) => String(r.missed)],
      ['DB: command created_at − alarm raised_at (device ts)', (r) => q(r.dbCreated)],
      ['DB: command published_at − raised_at', (r) => q(r.dbPublished)],
      ['DB: command acked_at − raised_at', (r) => q(r.dbAcked)],
      ['background telemetry PUBACKed during the window', (r) => (r.load ? rate(r.load) : '—')],
      ['CPU (% of one core)', (r) => Object.entries(r.cpu.byGroup).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')],
      ['machine busy (of 200 %)', (r) => `${r.cpu.machineBusy.toFixed(0)} % (others ${Math.max(0, r.cpu.machineBusy - Object.values(r.cpu.byGroup).reduce((a, b) => a + b, 0)).toFixed(0)} %)`],
    ];
    console.log(markdownTable(['figure (p50 / p99 / max)', ...results.map((r) => r.label)], rowsOut.map(([n, f]) => [n, ...results.map(f)])));
    console.log('\nPublish-side times are on the bench clock; DB times use now() of each transaction (its start), against the device ts the alarm records as raised_at.');
    console.log(`\nTotal run time ${((performance.now() - t0) / 1000).toFixed(0)} s.`);
  } finally {
    for (const c of clients) c.end(true);
    await stopChildren();
    await db.close();
  }
}

main().catch(async (e) => {
  console.error(e);
  await stopChildren();
  process.exit(1);
});
