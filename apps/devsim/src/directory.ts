import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { deviceKind } from '@linli/iot';
import { demoDeviceSecret } from '@linli/seed/devices-secret';
import type { SimDeviceInfo } from './kinds';

export interface LoadedDevices {
  devices: Array<SimDeviceInfo & { secret: string }>;
  /** Enabled devices skipped: provisioned with their own secret (real hardware) or an unknown kind. */
  skipped: number;
  tenants: Array<{ id: string; slug: string }>;
}

/**
 * Reads the enabled demo devices of the given tenants (all when none are named). Works with the
 * owner URL or the bridge role's (which may read every device); buildings are read inside a
 * tenant context because RLS guards them. Only devices whose stored hash matches the derived
 * secret are simulated: anything provisioned by hand keeps its own secret and is left alone.
 */
export async function loadDevices(databaseUrl: string, devsimKey: string, slugs?: string[]): Promise<LoadedDevices> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connection: { application_name: 'linli-devsim' } });
  try {
    const tenants = await sql<{ id: string; slug: string; lat: number | null }[]>`
      select id, slug, lat from tenants ${slugs?.length ? sql`where slug in ${sql(slugs)}` : sql``} order by slug`;
    const missing = (slugs ?? []).filter((s) => !tenants.some((t) => t.slug === s));
    if (missing.length) throw new Error(`unknown tenant(s): ${missing.join(', ')} / 小区不存在`);
    if (!tenants.length) return { devices: [], skipped: 0, tenants: [] };
    const ids = tenants.map((t) => t.id);
    const rows = await sql.begin(async (tx) => {
      await tx`select set_config('app.tenant_ids', ${ids.join(',')}, true)`;
      return tx<{ id: string; tenant_id: string; kind: string; code: string; name: string; zone: string | null; floor: number | null; lng: number | null; lat: number | null; building_code: string | null; secret_hash: string }[]>`
        select d.id, d.tenant_id, d.kind, d.code, d.name, d.zone, d.floor, d.lng, d.lat, b.code as building_code, d.secret_hash
          from devices d left join buildings b on b.tenant_id = d.tenant_id and b.id = d.building_id
         where d.enabled and d.tenant_id = any(${ids}::uuid[])
         order by d.tenant_id, d.code`;
    });
    const byId = new Map(tenants.map((t) => [t.id, t]));
    const devices: LoadedDevices['devices'] = [];
    let skipped = 0;
    for (const r of rows) {
      const secret = demoDeviceSecret(devsimKey, r.id);
      if (!deviceKind(r.kind) || createHash('sha256').update(secret).digest('hex') !== r.secret_hash) {
        skipped++;
        continue;
      }
      const tenant = byId.get(r.tenant_id)!;
      devices.push({
        id: r.id,
        tenantId: r.tenant_id,
        tenant: tenant.slug,
        kind: r.kind,
        code: r.code,
        name: r.name,
        zone: r.zone,
        buildingCode: r.building_code,
        floor: r.floor,
        lng: r.lng,
        lat: r.lat,
        tenantLat: tenant.lat ?? 39.9,
        secret,
      });
    }
    return { devices, skipped, tenants: tenants.map((t) => ({ id: t.id, slug: t.slug })) };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
