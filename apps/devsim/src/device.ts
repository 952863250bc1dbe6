import mqtt, { type MqttClient } from 'mqtt';
import { commandTopic, deviceClientId, upTopic, validateCommand, type UpChannel } from '@linli/iot';
import { behaviour, initialState, readMetrics, type CommandOutcome, type Emitted, type SimDeviceInfo } from './kinds';
import { unit } from './patterns';

export interface DeviceHooks {
  sent: (channel: UpChannel) => void;
  error: (code: string, message: string) => void;
  command: (info: SimDeviceInfo, name: string, ok: boolean) => void;
}

export interface DeviceOptions {
  url: string;
  secret: string;
  intervalMs: number;
  /** Multiplies how often spontaneous events happen (the speed factor). */
  eventRate: number;
  reconnectMs: number;
  hooks: DeviceHooks;
}

interface CommandBody {
  commandId?: unknown;
  name?: unknown;
  params?: unknown;
  expiresAt?: unknown;
}

const OFFLINE_WILL = '{"online":false}';
const AUTH_FAILURES = new Set([4, 5, 134, 135]);

/** One simulated device: its own MQTT connection, sequence counter, state and command handling. */
export class SimDevice {
  readonly state = initialState();
  connected = false;
  /** Cut off by the offline scenario: no readings and no reconnecting until restored. */
  away = false;
  nextAt = 0;
  lastTick = 0;
  readonly fw: string;
  private client: MqttClient | null = null;
  // Strictly increasing per device across restarts without persisting anything.
  private seq = Date.now();
  private timers = new Set<NodeJS.Timeout>();
  private answered = new Map<string, CommandOutcome>();

  constructor(
    readonly info: SimDeviceInfo,
    private readonly options: DeviceOptions,
  ) {
    this.fw = `linli-sim/${info.kind} 2.${Math.floor(unit(info.id, 'fw') * 6)}.${Math.floor(unit(info.id, 'fw2') * 20)}`;
  }

  get intervalMs() {
    return this.options.intervalMs;
  }

  /** Connects; resolves once connected (state published), rejects on a refused login. */
  connect(): Promise<void> {
    this.away = false;
    const { info } = this;
    const client = mqtt.connect(this.options.url, {
      clientId: deviceClientId(info.id),
      username: info.id,
      password: this.options.secret,
      clean: true,
      keepalive: 60,
      reconnectPeriod: this.options.reconnectMs,
      connectTimeout: 10_000,
      will: { topic: upTopic(info.tenantId, info.id, 'state'), payload: Buffer.from(OFFLINE_WILL), qos: 1, retain: false },
    });
    this.client = client;
    client.on('message', (_topic, payload) => this.onCommand(payload));
    client.on('close', () => {
      this.connected = false;
    });
    return new Promise((resolve, reject) => {
      let settled = false;
      // Every (re)connect subscribes again and announces itself online.
      client.on('connect', () => {
        this.online().then(
          () => {
            if (settled) return;
            settled = true;
            resolve();
          },
          (e: Error) => this.options.hooks.error('publish', `${info.code}: ${e.message}`),
        );
      });
      client.on('error', (e: Error & { code?: number | string }) => {
        const refused = typeof e.code === 'number' && AUTH_FAILURES.has(e.code);
        this.options.hooks.error(refused ? 'auth' : String(e.code ?? 'mqtt'), `${info.code}: ${e.message}`);
        if (refused) client.end(true); // a wrong secret will not get better by retrying
        if (settled) return;
        settled = true;
        reject(e);
      });
    });
  }

  private async online() {
    await this.client!.subscribeAsync(commandTopic(this.info.tenantId, this.info.id), { qos: 1 });
    this.connected = true;
    await this.publish('state', { online: true, ts: Date.now(), seq: this.nextSeq(), fw: this.fw });
  }

  private nextSeq() {
    return ++this.seq;
  }

  publish(channel: UpChannel, body: Record<string, unknown>): Promise<void> {
    const client = this.client;
    if (!client || !this.connected || this.away) return Promise.resolve();
    return new Promise((resolve, reject) => {
      client.publish(upTopic(this.info.tenantId, this.info.id, channel), JSON.stringify(body), { qos: 1 }, (e) => {
        if (e) {
          this.options.hooks.error('publish', `${this.info.code}: ${e.message}`);
          reject(e);
          return;
        }
        this.options.hooks.sent(channel);
        resolve();
      });
    });
  }

  /** The current reading (telemetry), or a heartbeat state for kinds without metrics. */
  async publishReading(now = Date.now()) {
    const metrics = readMetrics(this.info, this.state, now);
    if (metrics) await this.publish('telemetry', { ts: now, seq: this.nextSeq(), metrics });
    else await this.publish('state', { online: true, ts: now, seq: this.nextSeq(), fw: this.fw });
  }

  async publishEvents(events: Emitted[], now = Date.now()) {
    await Promise.all(events.map((e) => this.publish('event', { ts: now, seq: this.nextSeq(), event: e.event, ...(e.data ? { data: e.data } : {}) })));
  }

  /** One scheduled round: spontaneous events since the last tick, then a reading. */
  async tick(now = Date.now()) {
    const b = behaviour(this.info.kind);
    const dt = this.lastTick ? now - this.lastTick : this.intervalMs;
    this.lastTick = now;
    if (b.events) await this.publishEvents(b.events(this.info, this.state, now, dt, this.options.eventRate), now);
    await this.publishReading(now);
  }

  /** Publishes a reading at `at` (e.g. when a broadcast ends), so the console sees the change. */
  readingAt(at: number) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.publishReading().catch(() => {});
    }, Math.max(0, at - Date.now()) + 100);
    this.timers.add(timer);
  }

  private onCommand(payload: Buffer) {
    let body: CommandBody;
    try {
      body = JSON.parse(payload.toString('utf8')) as CommandBody;
    } catch {
      this.options.hooks.error('command', `${this.info.code}: command is not JSON`);
      return;
    }
    const commandId = typeof body.commandId === 'string' ? body.commandId : '';
    const name = typeof body.name === 'string' ? body.name : '';
    if (!commandId) return;
    // A command past its expiry must be dropped (a late barrier lift is a hazard).
    if (typeof body.expiresAt === 'number' && body.expiresAt < Date.now()) {
      this.options.hooks.error('expired', `${this.info.code}: dropped expired command ${name}`);
      return;
    }
    const params = (typeof body.params === 'object' && body.params !== null ? body.params : {}) as Record<string, unknown>;
    let outcome = this.answered.get(commandId);
    const repeat = outcome !== undefined;
    if (!outcome) {
      const valid = validateCommand(this.info.kind, name, params);
      const handler = behaviour(this.info.kind).command;
      outcome = !valid.ok ? { ok: false, detail: `${valid.reason.zh} / ${valid.reason.en}` } : handler ? handler(this.info, this.state, name, params, Date.now()) : { ok: false, detail: `unsupported command ${name}` };
      this.answered.set(commandId, outcome);
      if (this.answered.size > 100) this.answered.delete(this.answered.keys().next().value!);
      this.options.hooks.command(this.info, name, outcome.ok);
    }
    const result = outcome;
    // Real actuators take a moment: acknowledge after 50–300 ms, then report the new state.
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void (async () => {
        const now = Date.now();
        await this.publish('ack', { ts: now, seq: this.nextSeq(), commandId, ok: result.ok, ...(result.ok ? {} : { detail: result.detail }) });
        if (repeat || !result.ok) return;
        if (result.events?.length) await this.publishEvents(result.events, now);
        await this.publishReading(now);
        for (const until of [this.state.playingUntil, this.state.raisedUntil, this.state.doorOpenUntil]) if (until > now) this.readingAt(until);
      })().catch(() => {});
    }, 50 + Math.random() * 250);
    this.timers.add(timer);
  }

  /** Drops the connection without DISCONNECT: the broker publishes the last will. */
  kill() {
    this.away = true;
    this.connected = false;
    this.client?.end(true);
    this.client = null;
  }

  /** Graceful stop: says it is going offline, then disconnects cleanly. */
  async stop(announce = true) {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const client = this.client;
    if (!client) return;
    // The broker may be going down at the same time: wait a second for the goodbye, no longer.
    let said = !(announce && this.connected);
    if (!said) {
      const goodbye = this.publish('state', { online: false, ts: Date.now(), seq: this.nextSeq() }).then(() => (said = true), () => {});
      await Promise.race([goodbye, new Promise((r) => setTimeout(r, 1000))]);
    }
    this.connected = false;
    this.client = null;
    await client.endAsync(!said).catch(() => {});
  }
}
