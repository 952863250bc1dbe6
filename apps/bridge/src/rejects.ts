import type postgres from 'postgres';
import type { RejectReason } from '@linli/iot';
import { inTenants } from './scope';

export interface Rejection {
  tenantId: string | null;
  deviceId: string | null;
  topic: string;
  reason: RejectReason;
  detail: string;
  /** Decoded only if the message is kept as a sample: a flood is counted without copying it. */
  payload: string | Buffer;
}

const BUCKET_MS = 60_000;
/**
 * Rows kept in rejected_messages per device, reason and minute (per bridge process): enough to see
 * what a device sends wrongly; everything past it is only counted.
 */
export const SAMPLES_PER_MINUTE = 5;

const minuteOf = (ms: number) => ms - (ms % BUCKET_MS);
const keyOf = (tenantId: string | null, deviceId: string | null, reason: RejectReason, bucket: number) => `${tenantId}|${deviceId}|${reason}|${bucket}`;

interface PendingCount {
  tenant_id: string;
  device_id: string;
  reason: RejectReason;
  bucket: Date;
  count: number;
  last_at: Date;
}

/**
 * Every refused message is counted with its reason (rejected_message_counts, per device, reason and
 * minute) and a sample of them is kept whole (rejected_messages; console: Alarms → Rejected). A
 * device sending thousands of bad messages a second therefore costs a counter update, not a row
 * each. Written in batches, separately from the good traffic, so a flood of garbage never blocks it.
 */
export class RejectLog {
  private counts = new Map<string, PendingCount>();
  private samples: Array<Rejection & { payload: string }> = [];
  /** Samples taken per device, reason and minute; minutes that have passed are dropped at flush. */
  private sampled = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  /** Refused messages by reason since start (this process). */
  readonly totals = new Map<RejectReason, number>();

  constructor(private readonly sql: postgres.Sql) {}

  add(r: Rejection) {
    this.totals.set(r.reason, (this.totals.get(r.reason) ?? 0) + 1);
    const now = Date.now();
    const bucket = minuteOf(now);
    const key = keyOf(r.tenantId, r.deviceId, r.reason, bucket);
    // A message whose sender is unknown has no tenant to count it under (only an external broker
    // with an out-of-date ACL lets one through): it is kept as a sample and in `totals`.
    if (r.tenantId && r.deviceId) {
      const c = this.counts.get(key);
      if (c) {
        c.count++;
        c.last_at = new Date(now);
      } else {
        this.counts.set(key, { tenant_id: r.tenantId, device_id: r.deviceId, reason: r.reason, bucket: new Date(bucket), count: 1, last_at: new Date(now) });
      }
    }
    const taken = this.sampled.get(key) ?? 0;
    if (taken < SAMPLES_PER_MINUTE) {
      this.sampled.set(key, taken + 1);
      const text = typeof r.payload === 'string' ? r.payload : r.payload.subarray(0, 4096).toString('utf8');
      // Text columns cannot hold NUL bytes; a binary payload is kept as readable text.
      this.samples.push({ ...r, payload: text.slice(0, 1024).replace(/\u0000/g, '\uFFFD'), detail: r.detail.slice(0, 500) });
    }
    this.timer ??= setTimeout(() => void this.flush(), 200);
  }

  async flush(): Promise<void> {
    this.timer = null;
    const counts = [...this.counts.values()];
    const samples = this.samples.splice(0, this.samples.length);
    this.counts.clear();
    this.forgetPastMinutes();
    if (counts.length === 0 && samples.length === 0) return;
    try {
      // One transaction for both, so a retry never counts a message twice.
      await inTenants(
        this.sql,
        counts.map((c) => c.tenant_id),
        async (tx) => {
          if (counts.length) {
            await tx`
              insert into rejected_message_counts ${tx(counts, 'tenant_id', 'device_id', 'reason', 'bucket', 'count', 'last_at')}
              on conflict (tenant_id, device_id, reason, bucket) do update set
                count = rejected_message_counts.count + excluded.count,
                last_at = greatest(rejected_message_counts.last_at, excluded.last_at)`;
          }
          if (samples.length) {
            await tx`insert into rejected_messages ${tx(samples.map((b) => ({ tenant_id: b.tenantId, device_id: b.deviceId, topic: b.topic, reason: b.reason, detail: b.detail, payload: b.payload })))}`;
          }
        },
      );
    } catch (error) {
      // The database is away: keep them for the next flush rather than lose the record.
      for (const c of counts) {
        const key = keyOf(c.tenant_id, c.device_id, c.reason, c.bucket.getTime());
        const newer = this.counts.get(key);
        if (newer) {
          newer.count += c.count;
          if (c.last_at > newer.last_at) newer.last_at = c.last_at;
        } else this.counts.set(key, c);
      }
      this.samples.unshift(...samples);
      this.timer ??= setTimeout(() => void this.flush(), 2000);
      console.error('[bridge] could not record rejected messages:', (error as Error).message);
    }
  }

  private forgetPastMinutes() {
    const current = minuteOf(Date.now());
    for (const key of this.sampled.keys()) {
      if (Number(key.slice(key.lastIndexOf('|') + 1)) < current) this.sampled.delete(key);
    }
  }
}
