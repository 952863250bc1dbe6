import { deviceKind, type UpChannel } from '@linli/iot';
import { SimDevice } from './device';
import { loadDevices } from './directory';
import { runScenario, type ScenarioRequest, type ScenarioResult } from './scenarios';

export interface SimulatorOptions {
  /** Owner or bridge-role URL (the bridge role may read every device). */
  databaseUrl: string;
  mqttUrl: string;
  devsimKey: string;
  /** Tenant slugs; all tenants when empty. */
  tenants?: string[];
  /** 1 = one reading per device every 10–30 s; 2 = twice as often, and twice the events. */
  speed?: number;
  /** Start the cadence timer (false: only `round()` publishes, for tests and --once). */
  autoTick?: boolean;
  reconnectMs?: number;
  log?: (line: string) => void;
}

export interface SimError {
  at: string;
  code: string;
  message: string;
}

const MAX_ERRORS = 20;

/** Reading interval: a tenth of the heartbeat, kept within 10–30 s, divided by the speed. */
export function intervalFor(kind: string, speed: number): number {
  const heartbeat = deviceKind(kind)?.heartbeatSeconds ?? 300;
  const base = Math.min(30, Math.max(10, heartbeat / 10));
  return Math.round(Math.min(heartbeat, base / speed) * 1000);
}

/** The simulator: every demo device on its own MQTT connection, readings on a cadence. */
export class Simulator {
  readonly devices: SimDevice[] = [];
  readonly speed: number;
  readonly startedAt = Date.now();
  readonly sent: Record<UpChannel, number> = { telemetry: 0, event: 0, state: 0, ack: 0 };
  commands = { received: 0, failed: 0 };
  skipped = 0;
  errors: SimError[] = [];
  private errorCount = 0;
  private history: Array<{ at: number; total: number }> = [];
  private timers: NodeJS.Timeout[] = [];
  private stopping = false;
  readonly log: (line: string) => void;

  constructor(private readonly options: SimulatorOptions) {
    this.speed = options.speed && options.speed > 0 ? options.speed : 1;
    this.log = options.log ?? ((l) => console.log(`[devsim] ${l}`));
  }

  get totalSent() {
    return this.sent.telemetry + this.sent.event + this.sent.state + this.sent.ack;
  }

  get connected() {
    return this.devices.filter((d) => d.connected).length;
  }

  /** Messages per second over the last ten seconds. */
  rate(): number {
    const oldest = this.history[0];
    if (!oldest) return 0;
    const seconds = (Date.now() - oldest.at) / 1000;
    return seconds > 0 ? Math.round(((this.totalSent - oldest.total) / seconds) * 10) / 10 : 0;
  }

  error(code: string, message: string) {
    this.errorCount++;
    this.errors.push({ at: new Date().toISOString(), code, message });
    if (this.errors.length > MAX_ERRORS) this.errors.shift();
  }

  async start() {
    const { devices, skipped, tenants } = await loadDevices(this.options.databaseUrl, this.options.devsimKey, this.options.tenants);
    this.skipped = skipped;
    const hooks = {
      sent: (channel: UpChannel) => void this.sent[channel]++,
      error: (code: string, message: string) => this.error(code, message),
      command: (_info: unknown, _name: string, ok: boolean) => {
        this.commands.received++;
        if (!ok) this.commands.failed++;
      },
    };
    for (const d of devices) {
      const { secret, ...info } = d;
      this.devices.push(
        new SimDevice(info, { url: this.options.mqttUrl, secret, intervalMs: intervalFor(info.kind, this.speed), eventRate: this.speed, reconnectMs: this.options.reconnectMs ?? 3000, hooks }),
      );
    }
    const t0 = Date.now();
    // A few dozen logins at a time: the broker checks each secret against the ledger.
    const queue = [...this.devices];
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        for (let d = queue.shift(); d; d = queue.shift()) await d.connect().catch(() => {});
      }),
    );
    this.log(
      `${this.connected}/${this.devices.length} devices connected in ${Date.now() - t0} ms (${tenants.map((t) => t.slug).join(', ') || 'no tenants'}; speed ${this.speed})` +
        (skipped ? `; ${skipped} device(s) with their own secret left alone` : ''),
    );
    this.timers.push(
      setInterval(() => {
        this.history.push({ at: Date.now(), total: this.totalSent });
        if (this.history.length > 11) this.history.shift();
      }, 1000),
    );
    if (this.options.autoTick !== false) {
      const now = Date.now();
      for (const d of this.devices) d.nextAt = now + Math.random() * d.intervalMs;
      this.timers.push(setInterval(() => this.schedule(), 200));
      let lastErrors = 0;
      this.timers.push(
        setInterval(() => {
          const fresh = this.errorCount - lastErrors;
          lastErrors = this.errorCount;
          this.log(`${this.connected}/${this.devices.length} connected, ${this.rate()} msg/s, ${this.totalSent} sent, ${this.commands.received} commands${fresh ? `, ${fresh} new error(s): ${this.errors.at(-1)?.message}` : ''}`);
        }, 60_000),
      );
    }
    return this;
  }

  private schedule() {
    if (this.stopping) return;
    const now = Date.now();
    for (const d of this.devices) {
      if (!d.connected || d.away || d.nextAt > now) continue;
      d.nextAt = now + d.intervalMs * (0.85 + Math.random() * 0.3);
      d.tick(now).catch(() => {});
    }
  }

  /**
   * One reading (and the events due) from every connected device, now. `eventWindowMs` widens
   * the window spontaneous events are drawn from (tests use it to exercise every event kind).
   */
  async round(options: { eventWindowMs?: number } = {}) {
    const now = Date.now();
    await Promise.all(
      this.devices
        .filter((d) => d.connected && !d.away)
        .map((d) => {
          if (options.eventWindowMs) d.lastTick = now - options.eventWindowMs;
          return d.tick(now).catch(() => {});
        }),
    );
  }

  byCode(tenant: string, code: string) {
    return this.devices.find((d) => d.info.tenant === tenant && d.info.code === code);
  }

  scenario(request: ScenarioRequest): Promise<ScenarioResult> {
    return runScenario(this, request);
  }

  status() {
    const tenants: Record<string, { devices: number; connected: number; away: string[] }> = {};
    for (const d of this.devices) {
      const t = (tenants[d.info.tenant] ??= { devices: 0, connected: 0, away: [] });
      t.devices++;
      if (d.connected) t.connected++;
      if (d.away) t.away.push(d.info.code);
    }
    return {
      devices: this.devices.length,
      connected: this.connected,
      skipped: this.skipped,
      speed: this.speed,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      messagesSent: this.totalSent,
      messagesPerSecond: this.rate(),
      byChannel: this.sent,
      commands: this.commands,
      tenants,
      lastErrors: this.errors,
    };
  }

  async stop(announce = true) {
    this.stopping = true;
    for (const t of this.timers) clearInterval(t);
    await Promise.all(this.devices.map((d) => d.stop(announce)));
  }
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  return new Simulator(options).start();
}
