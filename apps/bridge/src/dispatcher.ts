import { commandPayload, commandTopic } from '@linli/iot';
import type postgres from 'postgres';
import type { MqttLink } from './mqtt-link';
import { allTenantIds, inTenants } from './scope';
import { notifyLive } from './live';
import { COMMAND_CHANNEL } from '@linli/db/queries/devices/commands';

/** A published command not acknowledged within this is sent again (at most MAX_ATTEMPTS times). */
export const ACK_TIMEOUT_MS = 5_000;
export const MAX_ATTEMPTS = 3;

interface Claimed {
  id: string;
  tenant_id: string;
  device_id: string;
  name: string;
  params: Record<string, unknown>;
  expires_at: Date;
}

/**
 * Control path (R4.1.4): a command row becomes an MQTT publish to the device's command topic.
 * Claiming (queued → published) is one UPDATE, so several bridges never send a command twice;
 * devices that are offline keep their commands queued until they return or the TTL ends.
 */
export class Dispatcher {
  private sweeper: NodeJS.Timeout | null = null;
  private listener: { unlisten: () => Promise<void> } | null = null;
  published = 0;

  constructor(
    private readonly sql: postgres.Sql,
    private readonly link: MqttLink,
  ) {}

  async start() {
    this.listener = await this.sql.listen(COMMAND_CHANNEL, (payload) => {
      try {
        const { tenantId, commandId } = JSON.parse(payload) as { tenantId: string; commandId: string };
        void this.dispatch(tenantId, [commandId]);
      } catch {
        /* a malformed notification is not ours to act on */
      }
    });
    this.sweeper = setInterval(() => void this.sweep().catch((e) => console.error('[bridge] command sweep:', (e as Error).message)), 1000);
    await this.sweep();
  }

  async stop() {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.listener?.unlisten();
  }

  /** Publishes the given queued commands whose device is online. */
  async dispatch(tenantId: string, commandIds: string[]) {
    if (!commandIds.length || !this.link.connected) return;
    const claimed = await inTenants(this.sql, [tenantId], (tx) => tx<Claimed[]>`
      update commands c set state = 'published', published_at = now(), attempts = c.attempts + 1
        from device_state s
       where c.tenant_id = ${tenantId} and c.id = any(${commandIds}::uuid[]) and c.state = 'queued' and c.expires_at > now()
         and s.tenant_id = c.tenant_id and s.device_id = c.device_id and s.online
      returning c.id, c.tenant_id, c.device_id, c.name, c.params, c.expires_at`);
    await this.send(claimed);
  }

  /** Everything still queued for these devices (they just came online). */
  async flushDevices(devices: Array<{ tenantId: string; id: string }>) {
    const byTenant = new Map<string, string[]>();
    for (const d of devices) byTenant.set(d.tenantId, [...(byTenant.get(d.tenantId) ?? []), d.id]);
    for (const [tenantId, ids] of byTenant) {
      const rows = await inTenants(this.sql, [tenantId], (tx) => tx<{ id: string }[]>`
        select id from commands where tenant_id = ${tenantId} and device_id = any(${ids}::uuid[]) and state = 'queued' and expires_at > now()`);
      await this.dispatch(tenantId, rows.map((r) => r.id));
    }
  }

  private async send(claimed: Claimed[]) {
    const now = Date.now();
    await Promise.all(
      claimed.map(async (c) => {
        const payload = commandPayload({ commandId: c.id, name: c.name, params: c.params, now, expiresAt: Math.max(now + 1000, c.expires_at.getTime()) });
        try {
          await this.link.publish(commandTopic(c.tenant_id, c.device_id), JSON.stringify(payload), 1);
          this.published++;
          await notifyLive(this.sql, { type: 'command', tenantId: c.tenant_id, commandId: c.id, deviceId: c.device_id, state: 'published', latencyMs: null });
        } catch {
          // Not handed to the broker: back to the queue for the next sweep.
          await inTenants(this.sql, [c.tenant_id], (tx) => tx`update commands set state = 'queued' where tenant_id = ${c.tenant_id} and id = ${c.id} and state = 'published'`);
        }
      }),
    );
  }

  /** Retries unacknowledged commands, fails those out of attempts, expires those past their TTL. */
  async sweep() {
    const tenants = await allTenantIds(this.sql);
    if (!tenants.length) return;
    const retry = await inTenants(this.sql, tenants, async (tx) => {
      const expired = await tx<{ id: string; tenant_id: string; device_id: string }[]>`
        update commands set state = 'expired', detail = 'TTL passed before the device acknowledged'
         where state in ('queued', 'published') and expires_at <= now() returning id, tenant_id, device_id`;
      const failed = await tx<{ id: string; tenant_id: string; device_id: string }[]>`
        update commands set state = 'failed', detail = ${`no acknowledgement after ${MAX_ATTEMPTS} attempts`}
         where state = 'published' and attempts >= ${MAX_ATTEMPTS} and published_at < now() - make_interval(secs => ${ACK_TIMEOUT_MS / 1000})
        returning id, tenant_id, device_id`;
      const retry = await tx<{ id: string; tenant_id: string }[]>`
        update commands set state = 'queued'
         where state = 'published' and attempts < ${MAX_ATTEMPTS} and published_at < now() - make_interval(secs => ${ACK_TIMEOUT_MS / 1000})
        returning id, tenant_id`;
      const queued = await tx<{ id: string; tenant_id: string }[]>`
        select c.id, c.tenant_id from commands c join device_state s on s.tenant_id = c.tenant_id and s.device_id = c.device_id
         where c.state = 'queued' and c.expires_at > now() and s.online limit 500`;
      for (const r of [...expired.map((x) => ({ ...x, state: 'expired' })), ...failed.map((x) => ({ ...x, state: 'failed' }))]) {
        await notifyLive(tx, { type: 'command', tenantId: r.tenant_id, commandId: r.id, deviceId: r.device_id, state: r.state, latencyMs: null });
      }
      return [...retry, ...queued];
    });
    const byTenant = new Map<string, string[]>();
    for (const r of retry) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r.id]);
    for (const [tenantId, ids] of byTenant) await this.dispatch(tenantId, [...new Set(ids)]);
  }
}
