/** Parent side of the load-generator workers (bench/lib/loadgen.ts) and the broker-only sink. */
import { join } from 'node:path';
import type { LoadgenCommand, LoadgenReport } from './loadgen';
import { ROOT, spawnTs, type Child, type Device } from './harness';

interface WorkerState {
  child: Child;
  sent: number;
  acked: number;
  errors: number;
  inflightAtStop: number;
}

export class LoadGenerator {
  private constructor(private readonly workers: WorkerState[]) {}

  /** Spreads the devices over `workers` processes and connects them all. */
  static async start(o: { workers: number; port: number; tenantId: string; devices: Device[]; windowPerWorker: number; totalRate: number }) {
    const states: WorkerState[] = [];
    const connectedMs: number[] = [];
    await Promise.all(
      Array.from({ length: o.workers }, async (_, w) => {
        const child = await spawnTs(`loadgen-${w}`, join(ROOT, 'bench/lib/loadgen.ts'), [], {}, undefined, true);
        const state: WorkerState = { child, sent: 0, acked: 0, errors: 0, inflightAtStop: 0 };
        states.push(state);
        child.proc.on('message', (m: LoadgenReport) => {
          if (m.type === 'stats' || m.type === 'stopped') {
            state.sent = m.sent;
            state.acked = m.acked;
            state.errors = m.errors;
          }
          if (m.type === 'stopped') state.inflightAtStop = m.inflight;
        });
        const devices = o.devices.filter((_, i) => i % o.workers === w).map((d) => ({ id: d.id, secret: d.secret }));
        const connected = waitFor(child, 'connected', 120_000);
        child.proc.send({ type: 'init', port: o.port, tenantId: o.tenantId, devices, window: o.windowPerWorker, rate: o.totalRate / o.workers } satisfies LoadgenCommand);
        connectedMs.push(((await connected) as { ms: number }).ms);
      }),
    );
    const gen = new LoadGenerator(states);
    gen.connectMs = Math.max(...connectedMs);
    return gen;
  }

  connectMs = 0;

  get pids() {
    return this.workers.map((w) => w.child.pid);
  }

  begin(seqBase: number) {
    for (const w of this.workers) {
      w.sent = w.acked = w.errors = 0;
      w.child.proc.send({ type: 'start', seqBase } satisfies LoadgenCommand);
    }
  }

  totals() {
    return this.workers.reduce((a, w) => ({ sent: a.sent + w.sent, acked: a.acked + w.acked, errors: a.errors + w.errors, inflight: a.inflight + w.inflightAtStop }), { sent: 0, acked: 0, errors: 0, inflight: 0 });
  }

  /** Stops publishing and waits for the in-flight messages' PUBACKs (bounded). */
  async end() {
    await Promise.all(
      this.workers.map((w) => {
        const stopped = waitFor(w.child, 'stopped', 60_000);
        w.child.proc.send({ type: 'stop' } satisfies LoadgenCommand);
        return stopped;
      }),
    );
    return this.totals();
  }

  async close() {
    await Promise.all(
      this.workers.map(async (w) => {
        if (w.child.proc.connected) w.child.proc.send({ type: 'exit' } satisfies LoadgenCommand);
        const t = setTimeout(() => void w.child.stop(), 10_000);
        await new Promise<void>((r) => (w.child.proc.exitCode !== null ? r() : w.child.proc.once('exit', () => r())));
        clearTimeout(t);
      }),
    );
  }
}

export function waitFor(child: Child, type: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${child.name}: no '${type}' within ${timeoutMs} ms\n${child.output.slice(-20).join('\n')}`)), timeoutMs);
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      clearTimeout(t);
      child.proc.off('message', on);
      resolve(m);
    };
    child.proc.on('message', on);
    child.proc.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`${child.name} exited (${code}) while waiting for '${type}'\n${child.output.slice(-20).join('\n')}`));
    });
  });
}

/** The broker-only reference subscriber (immediate PUBACK). */
export async function startSink(port: number, bridgeMqttPassword: string) {
  const child = await spawnTs('sink', join(ROOT, 'bench/lib/sink.ts'), [], { MQTT_PORT: String(port), LINLI_BRIDGE_MQTT_PASSWORD: bridgeMqttPassword, SINK_CLIENT_ID: `linli-bridge-sink-${port}` }, undefined, true);
  let received = 0;
  child.proc.on('message', (m: { type: string; received?: number }) => {
    if (m.type === 'stats') received = m.received!;
  });
  await waitFor(child, 'ready', 30_000);
  return {
    child,
    get received() {
      return received;
    },
    async close() {
      if (child.proc.connected) {
        child.proc.send({ type: 'exit' });
        await new Promise<void>((r) => child.proc.once('exit', () => r()));
      }
      await child.stop();
    },
  };
}
