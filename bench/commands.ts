/**
 * `npm run bench:commands`: command round trip (R4.1.4) — requestCommand (row + NOTIFY) → the
 * bridge claims and publishes → the street light receives it and acknowledges at once → the
 * bridge records acked_at and NOTIFYs linli_live (what the console's live feed shows).
 * BENCH_COMMANDS commands (default 500) to BENCH_LIGHTS street lights (default 50), issued
 * open-loop at BENCH_CMD_RATE per second, first idle, then under background telemetry of
 * BENCH_LOAD_RATE msg/s (default 10,000) from load-generator processes. Broker and bridge run as
 * separate processes. Prints Markdown tables; asserts nothing; stops everything it started.
 */
import { requestCommand, SYSTEM_ACTOR, withScope } from '@linli/db';
import type mqtt from 'mqtt';
import {
  connectMany, CpuMeter, envInt, int, log, machineLine, markdownTable, ms, provision, quantiles, randomPort, rate, sleep, startActuator,
  startBridgeProcess, startDatabase, stopChildren, until, waitOnline, type BenchDatabase, type Device, type ReceivedCommand,
} from './lib/harness';
import { LoadGenerator } from './lib/load';

const P = {
  lights: envInt('BENCH_LIGHTS', 50),
  commands: envInt('BENCH_COMMANDS', 500),
  cmdRate: envInt('BENCH_CMD_RATE', 50),
  loadRate: envInt('BENCH_LOAD_RATE', 10_000),
  loadDevices: envInt('BENCH_LOAD_DEVICES', 200),
  workers: envInt('BENCH_WORKERS', 2),
  window: envInt('BENCH_WINDOW', 1000),
  warmup: envInt('BENCH_WARMUP', 5),
};

interface Issued {
  t0: number;
  committed?: number;
  received?: number;
  ackSeen?: number;
  id?: string;
  error?: string;
}

interface Result {
  label: string;
  caller: number[];
  toDevice: number[];
  roundTrip: number[];
  dbAck: number[];
  dbPublish: number[];
  notAcked: number;
  retried: number;
  errors: number;
  offered: number;
  load?: { rate: number; sent: number };
  cpu: ReturnType<CpuMeter['stop']>;
}

async function main() {
  const t0 = performance.now();
  log('starting PostgreSQL, seeding, provisioning');
  const db = await startDatabase('moma');
  const port = randomPort();
  const clients: mqtt.MqttClient[] = [];
  let listener: { unlisten: () => Promise<void> } | null = null;
  try {
    const lights = await provision(db, Array.from({ length: P.lights }, (_, i) => ({ code: `BENCH-SL-${String(i + 1).padStart(4, '0')}`, kind: 'street_light', name: `压测路灯 ${i + 1}` })));
    const loadDevices = P.loadRate > 0 ? await provision(db, Array.from({ length: P.loadDevices }, (_, i) => ({ code: `BENCH-ENV-${String(i + 1).padStart(5, '0')}`, kind: 'environment', name: `压测环境站 ${i + 1}` }))) : [];
    const broker = await startBridgeProcess(db, port, 'broker-only');
    const bridge = await startBridgeProcess(db, port, 'no-broker');

    const byCommand = new Map<string, Issued>();
    const early = new Map<string, { received?: number; ackSeen?: number }>();
    const note = (id: string, key: 'received' | 'ackSeen', at: number) => {
      const i = byCommand.get(id);
      if (i) i[key] ??= at;
      else early.set(id, { ...early.get(id), [key]: at });
    };
    const onCommand = (c: ReceivedCommand) => note(c.commandId, 'received', c.at);
    clients.push(...(await connectMany(lights, (d: Device) => startActuator(port, db.tenantId, d, onCommand))));
    const online = await waitOnline(db, lights.map((l) => l.id));
    log(`${online}/${lights.length} street lights online`);
    // What the console's live feed gets (SSE is fed from this channel).
    listener = await db.owner.listen('linli_live', (payload) => {
      const e = JSON.parse(payload) as { type: string; state?: string; commandId?: string };
      if (e.type === 'command' && e.state === 'acked' && e.commandId) note(e.commandId, 'ackSeen', performance.now());
    });

    const runPhase = async (label: string, withLoad: boolean): Promise<Result> => {
      let gen: LoadGenerator | null = null;
      if (withLoad) {
        gen = await LoadGenerator.start({ workers: P.workers, port, tenantId: db.tenantId, devices: loadDevices, windowPerWorker: P.window, totalRate: P.loadRate });
        gen.begin(0);
        log(`${label}: background load ${P.loadRate}/s from ${loadDevices.length} devices; warming up ${P.warmup} s`);
        await sleep(P.warmup * 1000);
      }
      const cpu = new CpuMeter({ broker: () => [broker.pid], bridge: () => [bridge.pid], postgres: db.postgresPids, ...(gen ? { loadgen: () => gen.pids } : {}), bench: () => [process.pid] });
      const load0 = gen?.totals();
      const w0 = performance.now();
      cpu.start();
      const issued: Issued[] = [];
      const pending: Promise<void>[] = [];
      const started = performance.now();
      for (let k = 0; k < P.commands; k++) {
        const due = started + (k * 1000) / P.cmdRate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const light = lights[k % lights.length]!;
        const item: Issued = { t0: performance.now() };
        issued.push(item);
        pending.push(
          withScope(db.app.db, { tenantIds: [db.tenantId] }, (tx) => requestCommand(tx, { tenantId: db.tenantId, request: { deviceId: light.id, name: 'dim', params: { level: k % 101 } }, actor: SYSTEM_ACTOR })).then(
            ({ id }) => {
              item.committed = performance.now();
              item.id = id;
              byCommand.set(id, item);
              const e = early.get(id);
              if (e) {
                item.received ??= e.received;
                item.ackSeen ??= e.ackSeen;
                early.delete(id);
              }
            },
            (e: Error) => void (item.error = e.message),
          ),
        );
      }
      await Promise.all(pending);
      await until(async () => issued.filter((i) => i.id && i.ackSeen === undefined).length, (n) => n === 0, 20_000, 50);
      const used = cpu.stop();
      const loadTotals = gen?.totals();
      const windowS = (performance.now() - w0) / 1000;
      if (gen) {
        await gen.end();
        await gen.close();
      }
      const ids = issued.filter((i) => i.id).map((i) => i.id!);
      const rows = await db.owner<{ state: string; attempts: number; ack_ms: number | null; pub_ms: number | null }[]>`
        select state, attempts, extract(epoch from acked_at - created_at) * 1000 as ack_ms, extract(epoch from published_at - created_at) * 1000 as pub_ms
          from commands where id = any(${ids}::uuid[])`;
      const done = issued.filter((i) => i.committed !== undefined);
      return {
        label,
        caller: done.map((i) => i.committed! - i.t0),
        toDevice: done.filter((i) => i.received !== undefined).map((i) => i.received! - i.t0),
        roundTrip: done.filter((i) => i.ackSeen !== undefined).map((i) => i.ackSeen! - i.t0),
        dbAck: rows.filter((r) => r.ack_ms !== null).map((r) => Number(r.ack_ms)),
        dbPublish: rows.filter((r) => r.pub_ms !== null).map((r) => Number(r.pub_ms)),
        notAcked: rows.filter((r) => r.state !== 'acked').length + (issued.length - rows.length),
        retried: rows.filter((r) => r.attempts > 1).length,
        errors: issued.filter((i) => i.error).length,
        offered: P.cmdRate,
        load: gen && load0 && loadTotals ? { rate: (loadTotals.acked - load0.acked) / windowS, sent: loadTotals.acked } : undefined,
        cpu: used,
      };
    };

    const setupMs = performance.now() - t0;
    const results: Result[] = [await runPhase('idle', false)];
    if (P.loadRate > 0) results.push(await runPhase(`background telemetry ${int(P.loadRate)}/s`, true));

    const q = (xs: number[]) => {
      const s = quantiles(xs);
      return `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)} (n=${s.n})`;
    };
    console.log(`\n### Command round trip (\`npm run bench:commands\`)\n`);
    console.log(`Machine: ${machineLine()}. Set-up: ${(setupMs / 1000).toFixed(1)} s. Broker and bridge in separate processes.\n`);
    console.log(markdownTable(['parameter', 'value'], [
      ['commands', `${P.commands} × \`dim {level}\` (BENCH_COMMANDS) to ${P.lights} street lights (BENCH_LIGHTS), round robin`],
      ['issue rate', `${P.cmdRate}/s open loop (BENCH_CMD_RATE), each through withScope + requestCommand as the app role`],
      ['device', 'mqtt.js in the bench process, acknowledges each command on receipt (QoS 1)'],
      ['background load', P.loadRate ? `${int(P.loadRate)}/s QoS 1 telemetry (BENCH_LOAD_RATE) from ${P.loadDevices} environment stations in ${P.workers} processes, ${P.warmup} s warm-up` : 'none'],
    ]));
    console.log('');
    const rowsOut: Array<[string, (r: Result) => string]> = [
      ['caller: requestCommand (insert + NOTIFY + audit, commit)', (r) => q(r.caller)],
      ['caller: request → command at the device', (r) => q(r.toDevice)],
      ['**caller: request → acked seen on linli_live**', (r) => `**${q(r.roundTrip)}**`],
      ['DB: published_at − created_at', (r) => q(r.dbPublish)],
      ['DB: acked_at − created_at', (r) => q(r.dbAck)],
      ['not acknowledged / retried / request errors', (r) => `${r.notAcked} / ${r.retried} / ${r.errors}`],
      ['background telemetry PUBACKed during the window', (r) => (r.load ? rate(r.load.rate) : '—')],
      ['CPU (% of one core)', (r) => Object.entries(r.cpu.byGroup).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')],
      ['machine busy (of 200 %)', (r) => `${r.cpu.machineBusy.toFixed(0)} % (others ${Math.max(0, r.cpu.machineBusy - Object.values(r.cpu.byGroup).reduce((a, b) => a + b, 0)).toFixed(0)} %)`],
    ];
    console.log(markdownTable(['figure (p50 / p99 / max)', ...results.map((r) => r.label)], rowsOut.map(([n, f]) => [n, ...results.map(f)])));
    console.log('\nTimes are from the caller\'s clock (performance.now) except the DB rows: created_at, published_at and acked_at are now() of their transactions (the start, not the commit), so acked_at − created_at leaves out the ack batch\'s own transaction.');
    console.log(`\nTotal run time ${((performance.now() - t0) / 1000).toFixed(0)} s.`);
  } finally {
    await listener?.unlisten().catch(() => {});
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
