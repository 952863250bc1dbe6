/**
 * `npm run bench:ingest`: device telemetry ingest throughput and lag.
 *
 * N environment stations (BENCH_DEVICES, default 1,000) in one seeded tenant publish QoS 1
 * telemetry, one mqtt.js connection per device, from BENCH_WORKERS load-generator processes with
 * a bounded in-flight window each. Three phases, each with a fresh broker:
 *   1. broker only: the embedded broker (cli --broker-only) and a reference subscriber (the
 *      bridge's MqttLink, PUBACK at once) — the ceiling set by MQTT alone;
 *   2. broker and bridge in separate processes (cli --broker-only + cli --no-broker);
 *   3. broker and bridge in one process (cli without flags), shorter.
 * Figures: messages sent and PUBACKed, rows committed (through time and at the end), steady-state
 * rates (warm-up excluded), end-to-end lag (a probe device, publish → row visible), the lag the
 * database records (received_at − ts), duplicates, rejects, and CPU per process.
 * Prints Markdown tables; asserts nothing; stops everything it started.
 */
import { upTopic } from '@linli/iot';
import type mqtt from 'mqtt';
import {
  connectDevice, CpuMeter, envInt, int, log, machineLine, markdownTable, ms, pct, provision, quantiles, randomPort, rate, rssMb, sleep,
  startBridgeProcess, startDatabase, stopChildren, type BenchDatabase, type Child, type Device,
} from './lib/harness';
import { LoadGenerator, startSink } from './lib/load';

const P = {
  devices: envInt('BENCH_DEVICES', 1000),
  seconds: envInt('BENCH_SECONDS', 60),
  brokerSeconds: envInt('BENCH_BROKER_SECONDS', Math.min(15, envInt('BENCH_SECONDS', 60))),
  inprocSeconds: envInt('BENCH_INPROC_SECONDS', Math.min(15, envInt('BENCH_SECONDS', 60))),
  warmup: envInt('BENCH_WARMUP', 5),
  workers: envInt('BENCH_WORKERS', 2),
  window: envInt('BENCH_WINDOW', 1000),
  rate: envInt('BENCH_RATE', 0),
  drain: envInt('BENCH_DRAIN_SECONDS', 15),
  probeMs: envInt('BENCH_PROBE_MS', 100),
  lagRate: envInt('BENCH_LAG_RATE', 10_000),
  lagSeconds: envInt('BENCH_LAG_SECONDS', Math.min(15, envInt('BENCH_SECONDS', 60))),
};

interface Sample {
  t: number;
  acked: number;
  done: number;
}

interface PhaseResult {
  label: string;
  seconds: number;
  sent: number;
  acked: number;
  errors: number;
  brokerRate: number;
  doneAtEnd: number;
  backlogAtEnd?: number;
  doneRate: number;
  doneFinal?: number;
  drainS?: number;
  lost?: number;
  dupRows?: number;
  rejected?: number;
  probe?: ReturnType<typeof quantiles>;
  dbLag?: { p50: number; p99: number; n: number };
  rssMb?: number;
  cpu: ReturnType<CpuMeter['stop']>;
  series: Sample[];
  connectMs: number;
}

/** Rate between the first sample at or after the warm-up and the last sample. */
function steadyRate(series: Sample[], key: 'acked' | 'done', warmup: number) {
  const a = series.find((s) => s.t >= warmup) ?? series[0];
  const b = series.at(-1);
  if (!a || !b || b.t <= a.t) return NaN;
  return (b[key] - a[key]) / (b.t - a.t);
}

/** Rows inserted into telemetry according to the statistics collector (cheap; ≈1 s granularity). */
async function insertedRows(db: BenchDatabase) {
  const [r] = await db.owner<{ n: string }[]>`select coalesce(sum(n_tup_ins), 0)::bigint as n from pg_stat_user_tables where relname like 'telemetry%'`;
  return Number(r!.n);
}

async function phaseRows(db: BenchDatabase, seqBase: number) {
  const [r] = await db.owner<{ n: number; distinct: number }[]>`
    select count(*)::int as n, count(distinct (device_id, seq))::int as distinct from telemetry
     where tenant_id = ${db.tenantId} and seq >= ${seqBase} and seq < ${seqBase + 1e9}`;
  return r!;
}

/** Phase 1: what the broker alone sustains with an immediately-acknowledging subscriber. */
async function brokerOnlyPhase(db: BenchDatabase, devices: Device[]): Promise<PhaseResult> {
  const port = randomPort();
  const broker = await startBridgeProcess(db, port, 'broker-only');
  const sink = await startSink(port, db.bridgeMqttPassword);
  const gen = await LoadGenerator.start({ workers: P.workers, port, tenantId: db.tenantId, devices, windowPerWorker: P.window, totalRate: P.rate });
  log(`broker-only: ${devices.length} devices connected in ${gen.connectMs.toFixed(0)} ms; publishing for ${P.brokerSeconds} s`);
  const cpu = new CpuMeter({ broker: () => [broker.pid], subscriber: () => [sink.child.pid], loadgen: () => gen.pids, postgres: db.postgresPids, bench: () => [process.pid] });
  const series: Sample[] = [];
  const r0 = sink.received;
  cpu.start();
  const t0 = performance.now();
  gen.begin(0);
  while (performance.now() - t0 < P.brokerSeconds * 1000) {
    await sleep(1000);
    series.push({ t: (performance.now() - t0) / 1000, acked: gen.totals().acked, done: sink.received - r0 });
  }
  const used = cpu.stop();
  const totals = await gen.end();
  await sleep(500);
  const result: PhaseResult = {
    label: 'broker only (reference subscriber, immediate PUBACK)',
    seconds: P.brokerSeconds,
    ...totals,
    brokerRate: steadyRate(series, 'acked', P.warmup),
    doneAtEnd: series.at(-1)?.done ?? 0,
    doneRate: steadyRate(series, 'done', P.warmup),
    doneFinal: sink.received - r0,
    cpu: used,
    series,
    connectMs: gen.connectMs,
  };
  await gen.close();
  await sink.close();
  await broker.stop();
  return result;
}

/** A probe device publishing every probeMs; a poller notes when each reading becomes visible. */
function startProbe(db: BenchDatabase, client: mqtt.MqttClient, probe: Device, warmupAt: number) {
  const topic = upTopic(db.tenantId, probe.id, 'telemetry');
  const sentAt = new Map<number, number>();
  const lags: number[] = [];
  let lastTs = new Date(Date.now() - 1000);
  let stopped = false;
  const pub = setInterval(() => {
    const ts = Date.now();
    sentAt.set(ts, ts);
    client.publish(topic, JSON.stringify({ ts, seq: 5e12 + Date.now(), metrics: { pm25: 12, temperature: 20 } }), { qos: 1 });
  }, P.probeMs);
  const poll = (async () => {
    while (!stopped) {
      const rows = await db.owner<{ ts: Date }[]>`select ts from telemetry where tenant_id = ${db.tenantId} and device_id = ${probe.id} and ts > ${lastTs} order by ts`;
      const seen = Date.now();
      for (const r of rows) {
        const ts = r.ts.getTime();
        if (ts > lastTs.getTime()) lastTs = r.ts;
        if (sentAt.has(ts) && ts >= warmupAt) lags.push(seen - ts);
        sentAt.delete(ts);
      }
      await sleep(10);
    }
  })();
  return {
    async stop() {
      clearInterval(pub);
      stopped = true;
      await poll;
      return { lags, unseen: [...sentAt.keys()].filter((t) => t >= warmupAt).length };
    },
  };
}

/** Phases 2 and 3: the real pipeline, broker and bridge apart or together. */
async function pipelinePhase(db: BenchDatabase, devices: Device[], probe: Device, mode: 'separate' | 'combined', seconds: number, seqBase: number, offered = P.rate): Promise<PhaseResult> {
  const port = randomPort();
  let broker: Child;
  let bridge: Child;
  if (mode === 'separate') {
    broker = await startBridgeProcess(db, port, 'broker-only');
    bridge = await startBridgeProcess(db, port, 'no-broker');
  } else {
    broker = bridge = await startBridgeProcess(db, port, 'combined');
  }
  const gen = await LoadGenerator.start({ workers: P.workers, port, tenantId: db.tenantId, devices, windowPerWorker: P.window, totalRate: offered });
  const probeClient = await connectDevice(port, probe);
  log(`${mode}: ${devices.length} devices connected in ${gen.connectMs.toFixed(0)} ms; publishing for ${seconds} s`);
  const groups: Record<string, () => number[]> = mode === 'separate' ? { broker: () => [broker.pid], bridge: () => [bridge.pid] } : { 'broker+bridge': () => [bridge.pid] };
  const cpu = new CpuMeter({ ...groups, postgres: db.postgresPids, loadgen: () => gen.pids, bench: () => [process.pid] });
  const series: Sample[] = [];
  const ins0 = await insertedRows(db);
  cpu.start();
  const t0 = performance.now();
  const probeRun = startProbe(db, probeClient, probe, Date.now() + P.warmup * 1000);
  gen.begin(seqBase);
  while (performance.now() - t0 < seconds * 1000) {
    await sleep(1000);
    series.push({ t: (performance.now() - t0) / 1000, acked: gen.totals().acked, done: (await insertedRows(db)) - ins0 });
  }
  const used = cpu.stop();
  const rss = rssMb(bridge.pid);
  const ackedAtEnd = gen.totals().acked;
  const rowsAtEnd = (await phaseRows(db, seqBase)).n;
  const probeResult = await probeRun.stop();
  const totals = await gen.end();
  log(`${mode}: publishers stopped (${int(totals.acked)} PUBACKed); waiting up to ${P.drain} s for the bridge to commit the backlog`);
  // Drain: the bridge keeps committing what the broker already acknowledged to the devices.
  const d0 = performance.now();
  let rows = await phaseRows(db, seqBase);
  while (rows.n < totals.acked && performance.now() - d0 < P.drain * 1000) {
    await sleep(500);
    rows = await phaseRows(db, seqBase);
  }
  const drainS = (performance.now() - d0) / 1000;
  const [rej] = await db.owner<{ n: number }[]>`select count(*)::int as n from rejected_messages where tenant_id = ${db.tenantId}`;
  const warmAt = new Date(Date.now() - (performance.now() - t0) + P.warmup * 1000);
  const endAt = new Date(Date.now() - (performance.now() - t0) + seconds * 1000);
  const [lag] = await db.owner<{ p50: number; p99: number; n: number }[]>`
    select extract(epoch from percentile_disc(0.5) within group (order by received_at - ts)) * 1000 as p50,
           extract(epoch from percentile_disc(0.99) within group (order by received_at - ts)) * 1000 as p99, count(*)::int as n
      from telemetry where tenant_id = ${db.tenantId} and seq >= ${seqBase} and seq < ${seqBase + 1e9} and ts >= ${warmAt} and ts < ${endAt}`;
  const result: PhaseResult = {
    label: `${mode === 'separate' ? 'broker + bridge, separate processes' : 'broker + bridge, one process'}${offered ? `, offered ${int(offered)}/s` : ''}`,
    seconds,
    ...totals,
    brokerRate: steadyRate(series, 'acked', P.warmup),
    doneAtEnd: rowsAtEnd,
    backlogAtEnd: Math.max(0, ackedAtEnd - rowsAtEnd),
    doneRate: steadyRate(series, 'done', P.warmup),
    doneFinal: rows.n,
    drainS,
    lost: Math.max(0, totals.acked - rows.n),
    dupRows: rows.n - rows.distinct,
    rejected: rej!.n,
    probe: quantiles(probeResult.lags),
    dbLag: { p50: Number(lag!.p50), p99: Number(lag!.p99), n: lag!.n },
    rssMb: rss,
    cpu: used,
    series,
    connectMs: gen.connectMs,
  };
  if (probeResult.unseen) log(`${mode}: ${probeResult.unseen} probe readings were not yet visible when the window ended`);
  probeClient.end(true);
  await gen.close();
  await bridge.stop();
  if (broker !== bridge) await broker.stop();
  return result;
}

function report(results: PhaseResult[], setupMs: number) {
  const ref = results[0]!;
  const cell = (r: PhaseResult, f: (r: PhaseResult) => string) => f(r);
  const rows: Array<[string, (r: PhaseResult) => string]> = [
    ['publish window', (r) => `${r.seconds} s (first ${P.warmup} s = warm-up)`],
    ['devices connected in', (r) => `${(r.connectMs / 1000).toFixed(1)} s`],
    ['messages sent', (r) => int(r.sent)],
    ['PUBACKed by the broker', (r) => `${int(r.acked)}${r.errors ? ` (${r.errors} errors)` : ''}`],
    ['broker PUBACK rate, steady state', (r) => rate(r.brokerRate)],
    ['received by subscriber / rows committed in window', (r) => int(r.doneAtEnd)],
    ['**received / committed rate, steady state**', (r) => `**${rate(r.doneRate)}**`],
    ['committed ÷ broker-only rate', (r) => (r === ref || r.label.includes('offered') ? '—' : pct((100 * r.doneRate) / ref.doneRate))],
    ['backlog at end of window (PUBACKed, not yet committed; ≈ ±0.5 s of traffic)', (r) => (r.backlogAtEnd === undefined ? '—' : int(r.backlogAtEnd))],
    ['rows after drain (drain time)', (r) => (r.drainS === undefined ? int(r.doneFinal ?? NaN) : `${int(r.doneFinal!)} (${r.drainS.toFixed(1)} s)`)],
    ['PUBACKed but not committed when the drain ended (lost if the broker stops)', (r) => (r.lost === undefined ? '—' : int(r.lost))],
    ['duplicate rows (same device, seq)', (r) => (r.dupRows === undefined ? '—' : int(r.dupRows))],
    ['rejected messages', (r) => (r.rejected === undefined ? '—' : int(r.rejected))],
    ['lag publish → row visible (probe) p50 / p99 / max', (r) => (r.probe ? `${ms(r.probe.p50)} / ${ms(r.probe.p99)} / ${ms(r.probe.max)} (n=${r.probe.n})` : '—')],
    ['lag ts → batch txn start (received_at − ts) p50 / p99', (r) => (r.dbLag ? `${ms(r.dbLag.p50)} / ${ms(r.dbLag.p99)} (n=${int(r.dbLag.n)})` : '—')],
    ['bridge RSS at end of window', (r) => (r.rssMb === undefined ? '—' : `${r.rssMb.toFixed(0)} MB`)],
    ['CPU (% of one core) over the window', (r) => Object.entries(r.cpu.byGroup).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')],
    ['machine busy (all processes, of 200 %)', (r) => {
      const ours = Object.values(r.cpu.byGroup).reduce((a, b) => a + b, 0);
      return `${r.cpu.machineBusy.toFixed(0)} % (others ${Math.max(0, r.cpu.machineBusy - ours).toFixed(0)} %)`;
    }],
  ];
  console.log(`\n### Ingest benchmark (\`npm run bench:ingest\`)\n`);
  console.log(`Machine: ${machineLine()}. Set-up (PostgreSQL + seed + ${P.devices + 1} devices): ${(setupMs / 1000).toFixed(1)} s.\n`);
  console.log(markdownTable(['parameter', 'value'], [
    ['devices (kind environment, one tenant)', `${P.devices} (BENCH_DEVICES) + 1 lag probe`],
    ['publishers', `${P.workers} worker processes (BENCH_WORKERS), one mqtt.js connection per device, QoS 1`],
    ['in-flight window', `${P.window} per worker process (BENCH_WINDOW)`],
    ['offered rate', P.rate ? `${P.rate}/s (BENCH_RATE)` : 'unbounded (closed loop; BENCH_RATE to cap)'],
    ['windows', `broker-only ${P.brokerSeconds} s (BENCH_BROKER_SECONDS), separate ${P.seconds} s (BENCH_SECONDS), one process ${P.inprocSeconds} s (BENCH_INPROC_SECONDS); warm-up ${P.warmup} s (BENCH_WARMUP); drain ≤ ${P.drain} s (BENCH_DRAIN_SECONDS)`],
    ['lag at a sustainable load', `separate processes, offered ${int(P.lagRate)}/s (BENCH_LAG_RATE) for ${P.lagSeconds} s (BENCH_LAG_SECONDS)`],
    ['lag probe', `1 device, one reading every ${P.probeMs} ms, DB polled every 10 ms`],
  ]));
  console.log('');
  console.log(markdownTable(['figure', ...results.map((r) => r.label)], rows.map(([name, f]) => [name, ...results.map((r) => cell(r, f))])));
  const sep = results.find((r) => r.label === 'broker + bridge, separate processes');
  if (sep) {
    console.log(`\nThrough time (${sep.label}; per 5 s):\n`);
    const lines: string[][] = [];
    let prev: Sample = { t: 0, acked: 0, done: 0 };
    for (const s of sep.series) {
      if (Math.round(s.t) % 5 !== 0 && s !== sep.series.at(-1)) continue;
      const dt = s.t - prev.t;
      lines.push([`${s.t.toFixed(0)} s`, rate((s.acked - prev.acked) / dt), rate((s.done - prev.done) / dt), int(s.acked - s.done)]);
      prev = s;
    }
    console.log(markdownTable(['t', 'PUBACKed by broker', 'committed (pg_stat, ≈1 s late)', 'backlog (PUBACKed − committed)'], lines));
  }
}

async function main() {
  const t0 = performance.now();
  log(`starting PostgreSQL, seeding, provisioning ${P.devices} devices`);
  const db = await startDatabase('moma');
  try {
    const rows = Array.from({ length: P.devices }, (_, i) => ({ code: `BENCH-ENV-${String(i + 1).padStart(5, '0')}`, kind: 'environment', name: `压测环境站 ${i + 1}` }));
    const devices = await provision(db, rows);
    const [probe] = await provision(db, [{ code: 'BENCH-PROBE', kind: 'environment', name: '时延探针' }]);
    const setupMs = performance.now() - t0;
    const results: PhaseResult[] = [];
    if (P.brokerSeconds > 0) results.push(await brokerOnlyPhase(db, devices));
    if (P.seconds > 0) results.push(await pipelinePhase(db, devices, probe!, 'separate', P.seconds, 1e9));
    if (P.inprocSeconds > 0) results.push(await pipelinePhase(db, devices, probe!, 'combined', P.inprocSeconds, 2e9));
    if (P.lagSeconds > 0 && P.lagRate > 0) results.push(await pipelinePhase(db, devices, probe!, 'separate', P.lagSeconds, 3e9, P.lagRate));
    report(results, setupMs);
    console.log(`\nTotal run time ${((performance.now() - t0) / 1000).toFixed(0)} s.`);
  } finally {
    await stopChildren();
    await db.close();
  }
}

main().catch(async (e) => {
  console.error(e);
  await stopChildren();
  process.exit(1);
});
