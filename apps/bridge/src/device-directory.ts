import { timingSafeEqual, createHash } from 'node:crypto';
import type postgres from 'postgres';

export interface DeviceRecord {
  id: string;
  tenantId: string;
  kind: string;
  code: string;
  buildingId: string | null;
  zone: string | null;
  lng: number | null;
  lat: number | null;
  enabled: boolean;
  secretHash: string;
}

/**
 * Device lookups for authentication and ingest, cached briefly: a broker handles thousands of
 * messages a second and the ledger changes rarely. The bridge role may read every device
 * (policy bridge_directory) but writes only inside a tenant context.
 */
export class DeviceDirectory {
  private cache = new Map<string, { at: number; record: DeviceRecord | null }>();
  constructor(
    private readonly sql: postgres.Sql,
    private readonly ttlMs = 30_000,
    /** An unknown id is re-checked soon: the device may be provisioned a moment later. */
    private readonly negativeTtlMs = 2_000,
  ) {}

  /** Drops cached entries when the ledger announces a change (provisioned, rotated, disabled). */
  async listen(channel: string): Promise<{ unlisten: () => Promise<void> }> {
    return this.sql.listen(channel, (id) => this.forget(id));
  }

  async get(deviceId: string): Promise<DeviceRecord | null> {
    const hit = this.cache.get(deviceId);
    if (hit && Date.now() - hit.at < (hit.record ? this.ttlMs : this.negativeTtlMs)) return hit.record;
    if (!/^[0-9a-f-]{36}$/.test(deviceId)) return null;
    const rows = await this.sql<DeviceRecord[]>`
      select id, tenant_id as "tenantId", kind, code, building_id as "buildingId", zone, lng, lat, enabled, secret_hash as "secretHash"
        from devices where id = ${deviceId}`;
    const record = rows[0] ?? null;
    this.cache.set(deviceId, { at: Date.now(), record });
    return record;
  }

  /** Preloads every device (start-up) so the first burst of traffic needs no lookups. */
  async warm(): Promise<number> {
    const rows = await this.sql<DeviceRecord[]>`
      select id, tenant_id as "tenantId", kind, code, building_id as "buildingId", zone, lng, lat, enabled, secret_hash as "secretHash" from devices`;
    const now = Date.now();
    for (const r of rows) this.cache.set(r.id, { at: now, record: r });
    return rows.length;
  }

  forget(deviceId: string) {
    this.cache.delete(deviceId);
  }

  async verify(deviceId: string, secret: string): Promise<DeviceRecord | null> {
    const record = await this.get(deviceId);
    if (!record || !record.enabled) return null;
    const given = createHash('sha256').update(secret).digest();
    const stored = Buffer.from(record.secretHash, 'hex');
    return stored.length === given.length && timingSafeEqual(stored, given) ? record : null;
  }
}
