import { decodeUp, deviceKind, parseTopic, type RuleState, type UpMessage } from '@linli/iot';
import type postgres from 'postgres';
import { writeAlarmChanges, type AlarmChange, type AlarmEngine } from './alarm-engine';
import type { DeviceDirectory, DeviceRecord } from './device-directory';
import type { Incoming } from './mqtt-link';
import type { RejectLog } from './rejects';
import { inTenants } from './scope';
import { notifyLive } from './live';

export interface Delivery extends Incoming {
  /** Sends the PUBACK for this delivery (called only after its batch has committed). */
  ack: () => void;
}

export interface PipelineHooks {
  /** Called when the backlog is too long (stop reading) and when it has drained (read again). */
  onPressure?: (high: boolean) => void;
  /** Alarms raised for the first time in a committed batch (linkage runs on these). */
  onRaised?: (alarms: Array<AlarmChange & { alarmId: string; device: DeviceRecord }>) => Promise<void> | void;
  /** Devices that came back online (queued commands can now be sent). */
  onOnline?: (devices: DeviceRecord[]) => void;
  /** Command acks that were recorded. */
  onAcked?: (commandIds: string[]) => void;
}

export interface PipelineStats {
  received: number;
  committed: number;
  duplicates: number;
  rejected: number;
  batches: number;
  retries: number;
}

interface Good {
  delivery: Delivery;
  device: DeviceRecord;
  message: UpMessage;
}

/**
 * At-least-once ingest: deliveries are batched, validated against the catalog, written in one
 * transaction (dedupe on tenant, device, ts, seq), and only then acknowledged. If the database
 * is away the batch waits and is retried; if the bridge dies, the broker redelivers.
 */
export class Pipeline {
  private queue: Delivery[] = [];
  /** Command acks and device events (alarms, access passes) jump the telemetry queue. */
  private urgent: Delivery[] = [];
  private running: Promise<void> | null = null;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  readonly stats: PipelineStats = { received: 0, committed: 0, duplicates: 0, rejected: 0, batches: 0, retries: 0 };

  constructor(
    private readonly sql: postgres.Sql,
    private readonly directory: DeviceDirectory,
    private readonly rejects: RejectLog,
    private readonly alarms: AlarmEngine,
    private readonly hooks: PipelineHooks = {},
    private readonly options = { maxBatch: 1000, lingerMs: 5, highWater: 4000, lowWater: 1000 },
  ) {}

  private pressured = false;

  /**
   * Unacknowledged messages cost the broker more the more there are (its per-session outgoing
   * list is scanned on every delivery), so the bridge stops reading at a high-water mark and
   * lets TCP push back towards the devices instead of queueing without bound.
   */
  private checkPressure() {
    const n = this.queue.length;
    if (!this.pressured && n >= this.options.highWater) {
      this.pressured = true;
      this.hooks.onPressure?.(true);
    } else if (this.pressured && n <= this.options.lowWater) {
      this.pressured = false;
      this.hooks.onPressure?.(false);
    }
  }

  push(delivery: Delivery) {
    this.stats.received++;
    if (delivery.topic.endsWith('/ack') || delivery.topic.endsWith('/event')) this.urgent.push(delivery);
    else this.queue.push(delivery);
    this.checkPressure();
    if (this.queue.length + this.urgent.length >= this.options.maxBatch) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.options.lingerMs);
  }

  private kick() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running ??= this.drain().finally(() => {
      this.running = null;
      if (this.queue.length || this.urgent.length) this.kick();
    });
  }

  /**
   * Stops retrying: what is not committed stays unacknowledged, and the broker redelivers it to
   * the next bridge (at-least-once), so nothing is lost by stopping.
   */
  close() {
    this.closed = true;
  }

  /** Resolves when everything received so far is committed (tests, shutdown). */
  async idle(): Promise<void> {
    while ((this.queue.length || this.urgent.length || this.running) && !this.closed) {
      this.kick();
      await this.running;
    }
  }

  private async drain() {
    while ((this.queue.length || this.urgent.length) && !this.closed) {
      const first = this.urgent.splice(0, this.options.maxBatch);
      const batch = first.concat(this.queue.splice(0, this.options.maxBatch - first.length));
      this.checkPressure();
      while (!this.closed) {
        try {
          await this.process(batch);
          break;
        } catch (error) {
          this.stats.retries++;
          console.error(`[bridge] batch of ${batch.length} not committed, retrying: ${(error as Error).message}`);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    }
  }

  private async process(batch: Delivery[]) {
    const now = Date.now();
    const good: Good[] = [];
    const refused: Delivery[] = [];
    for (const d of batch) {
      const topic = parseTopic(d.topic);
      const payload = d.payload;
      if (!topic.ok) {
        this.reject(d, null, null, topic.reason, 'not a device up-topic');
        refused.push(d);
        continue;
      }
      if (topic.channel === 'command') continue; // our own command (an external broker may echo it)
      const device = await this.directory.get(topic.deviceId);
      if (!device) {
        this.reject(d, null, topic.deviceId, 'unknown_device', 'no such device in the ledger');
        refused.push(d);
        continue;
      }
      if (device.tenantId !== topic.tenantId) {
        this.reject(d, device.tenantId, device.id, 'tenant_mismatch', `topic names tenant ${topic.tenantId}`);
        refused.push(d);
        continue;
      }
      const decoded = decodeUp(topic.channel, payload, device, now);
      if (!decoded.ok) {
        this.reject(d, device.tenantId, device.id, decoded.reason, decoded.detail);
        refused.push(d);
        continue;
      }
      good.push({ delivery: d, device, message: decoded.message });
    }
    const pendingStates = new Map<string, RuleState>();
    let raised: Array<AlarmChange & { alarmId: string; isNew: boolean }> = [];
    let cameOnline: DeviceRecord[] = [];
    let acked: string[] = [];
    if (good.length) {
      const result = await inTenants(this.sql, good.map((g) => g.device.tenantId), (tx) => this.write(tx, good, pendingStates));
      raised = result.raised;
      cameOnline = result.cameOnline;
      acked = result.acked;
      this.stats.duplicates += result.duplicates;
      this.alarms.commit(pendingStates);
    }
    // Rejected messages are acknowledged too: they are kept with their reason, and a device must
    // not resend a broken message forever.
    for (const d of batch) d.ack();
    this.stats.committed += good.length;
    this.stats.rejected += refused.length;
    this.stats.batches++;
    if (acked.length) this.hooks.onAcked?.(acked);
    if (cameOnline.length) this.hooks.onOnline?.(cameOnline);
    const fresh = raised.filter((r) => r.isNew);
    if (fresh.length && this.hooks.onRaised) {
      const byId = new Map(good.map((g) => [g.device.id, g.device]));
      // Linkage runs in its own transactions and must not hold up the next batch.
      void Promise.resolve(this.hooks.onRaised(fresh.map((r) => ({ ...r, device: byId.get(r.deviceId)! })))).catch((error) =>
        console.error(`[bridge] linkage failed: ${(error as Error).message}`),
      );
    }
  }

  private reject(d: Delivery, tenantId: string | null, deviceId: string | null, reason: Parameters<RejectLog['add']>[0]['reason'], detail: string) {
    this.rejects.add({ tenantId, deviceId, topic: d.topic, reason, detail, payload: d.payload });
  }

  private async write(tx: postgres.TransactionSql, good: Good[], pendingStates: Map<string, RuleState>) {
    const telemetry: Array<Record<string, unknown>> = [];
    const events: Array<Record<string, unknown>> = [];
    const state = new Map<string, { tenant_id: string; device_id: string; last_seen: Date; last_seq: number | null; values: Record<string, number | boolean>; online: boolean; firmware: string | null; faults: string[] | null; explicitOffline: boolean }>();
    const acks: Array<{ tenantId: string; deviceId: string; commandId: string; ok: boolean; detail: string | null; ts: Date }> = [];
    const changes: AlarmChange[] = [];
    const codes = new Map<string, string>();
    for (const { device, message } of good) {
      codes.set(device.id, device.code);
      const ts = new Date(message.ts ?? Date.now());
      const s = state.get(device.id) ?? { tenant_id: device.tenantId, device_id: device.id, last_seen: new Date(0), last_seq: null, values: {}, online: true, firmware: null, faults: null, explicitOffline: false };
      // Readings can arrive out of order (redelivery): the state keeps the newest one.
      const newest = ts >= s.last_seen;
      if (newest) s.last_seen = ts;
      if (message.seq !== undefined) s.last_seq = Math.max(s.last_seq ?? 0, message.seq);
      switch (message.channel) {
        case 'telemetry':
          telemetry.push({ tenant_id: device.tenantId, device_id: device.id, ts, seq: message.seq, metrics: tx.json(message.metrics) });
          if (newest) Object.assign(s.values, message.metrics);
          changes.push(...(await this.alarms.onTelemetry(tx, pendingStates, { tenantId: device.tenantId, deviceId: device.id, kind: device.kind, ts: message.ts, metrics: message.metrics })));
          break;
        case 'event':
          // Access passes are kept longer than sensor events (R5.3.7).
          events.push({ tenant_id: device.tenantId, device_id: device.id, ts, seq: message.seq, event: message.event, data: message.data ? tx.json(message.data as never) : null, retention: deviceKind(device.kind)?.retention ?? 'telemetry' });
          changes.push(...(await this.alarms.onEvent(tx, { tenantId: device.tenantId, deviceId: device.id, kind: device.kind, ts: message.ts, event: message.event })));
          break;
        case 'state':
          s.online = message.online;
          s.explicitOffline = !message.online;
          if (message.fw) s.firmware = message.fw;
          if (message.faults) s.faults = message.faults;
          break;
        case 'ack':
          acks.push({ tenantId: device.tenantId, deviceId: device.id, commandId: message.commandId, ok: message.ok, detail: message.detail ?? null, ts });
          break;
      }
      state.set(device.id, s);
    }
    let duplicates = 0;
    if (telemetry.length) {
      const inserted = await tx`insert into telemetry ${tx(telemetry, 'tenant_id', 'device_id', 'ts', 'seq', 'metrics')} on conflict do nothing`;
      duplicates += telemetry.length - inserted.count;
    }
    if (events.length) {
      const inserted = await tx`insert into device_events ${tx(events, 'tenant_id', 'device_id', 'ts', 'seq', 'event', 'data', 'retention')} on conflict do nothing`;
      duplicates += events.length - inserted.count;
    }
    const rows = [...state.values()].map((s) => ({ tenant_id: s.tenant_id, device_id: s.device_id, online: s.online, last_seen: s.last_seen, last_seq: s.last_seq, values: tx.json(s.values), firmware: s.firmware, faults: s.faults }));
    // The online flag before this batch: a device that comes (back) online gets its queued commands.
    const before = await tx<{ device_id: string; online: boolean }[]>`
      select device_id, online from device_state where device_id = any(${rows.map((r) => r.device_id)}::uuid[])`;
    const previous = new Map(before.map((r) => [r.device_id, r.online]));
    await tx`
      insert into device_state ${tx(rows, 'tenant_id', 'device_id', 'online', 'last_seen', 'last_seq', 'values', 'firmware', 'faults')}
      on conflict (tenant_id, device_id) do update set
        online = excluded.online,
        last_seen = greatest(device_state.last_seen, excluded.last_seen),
        last_seq = greatest(device_state.last_seq, excluded.last_seq),
        values = case when excluded.last_seen >= device_state.last_seen or device_state.last_seen is null then device_state.values || excluded.values else device_state.values end,
        firmware = coalesce(excluded.firmware, device_state.firmware),
        faults = coalesce(excluded.faults, device_state.faults),
        updated_at = now()`;
    const cameOnline: DeviceRecord[] = [];
    for (const s of state.values()) {
      if (previous.get(s.device_id) === s.online) continue;
      await notifyLive(tx, { type: 'device', tenantId: s.tenant_id, deviceId: s.device_id, online: s.online });
      if (s.online) cameOnline.push(good.find((g) => g.device.id === s.device_id)!.device);
    }
    const acked: string[] = [];
    for (const a of acks) {
      const [row] = await tx<{ id: string; latency: number }[]>`
        update commands set state = ${a.ok ? 'acked' : 'failed'}, acked_at = now(), detail = ${a.detail}
         where tenant_id = ${a.tenantId} and id = ${a.commandId} and device_id = ${a.deviceId} and state in ('queued', 'published')
        returning id, round(extract(epoch from (now() - created_at)) * 1000)::int as latency`;
      if (!row) continue;
      acked.push(row.id);
      await notifyLive(tx, { type: 'command', tenantId: a.tenantId, commandId: row.id, deviceId: a.deviceId, state: a.ok ? 'acked' : 'failed', latencyMs: row.latency });
    }
    const raised = changes.length ? await writeAlarmChanges(tx, changes, codes) : [];
    return { raised, cameOnline, acked, duplicates };
  }
}
