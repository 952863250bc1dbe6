import type postgres from 'postgres';
import type { RejectReason } from '@linli/iot';

export interface Rejection {
  tenantId: string | null;
  deviceId: string | null;
  topic: string;
  reason: RejectReason;
  detail: string;
  payload: string;
}

/**
 * Every refused message is counted and kept with its reason (console: Alarms → Rejected).
 * Written in batches, separately from the good traffic, so a flood of garbage never blocks it.
 */
export class RejectLog {
  private pending: Rejection[] = [];
  private timer: NodeJS.Timeout | null = null;
  readonly counts = new Map<RejectReason, number>();

  constructor(private readonly sql: postgres.Sql) {}

  add(r: Rejection) {
    this.counts.set(r.reason, (this.counts.get(r.reason) ?? 0) + 1);
    // Text columns cannot hold NUL bytes; a binary payload is kept as readable text.
    this.pending.push({ ...r, payload: r.payload.slice(0, 1024).replace(/\u0000/g, '\uFFFD'), detail: r.detail.slice(0, 500) });
    this.timer ??= setTimeout(() => void this.flush(), 200);
  }

  async flush(): Promise<void> {
    this.timer = null;
    const batch = this.pending.splice(0, this.pending.length);
    if (batch.length === 0) return;
    try {
      await this.sql`insert into rejected_messages ${this.sql(batch.map((b) => ({ tenant_id: b.tenantId, device_id: b.deviceId, topic: b.topic, reason: b.reason, detail: b.detail, payload: b.payload })))}`;
    } catch (error) {
      // The database is away: keep them for the next flush rather than lose the record.
      this.pending.unshift(...batch);
      this.timer ??= setTimeout(() => void this.flush(), 2000);
      console.error('[bridge] could not record rejected messages:', (error as Error).message);
    }
  }
}
