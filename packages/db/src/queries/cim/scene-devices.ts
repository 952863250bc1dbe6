import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';

export interface SceneDevice {
  id: string;
  code: string;
  kind: string;
  name: string;
  lng: number | null;
  lat: number | null;
  buildingCode: string | null;
  floor: number | null;
  online: boolean;
  enabled: boolean;
  openAlarms: number;
  /** The worst severity among open alarms, or null. */
  severity: 'info' | 'minor' | 'major' | 'critical' | null;
}

/** The row as selected: snake_case where the name differs, online null without a state row. */
type SceneDeviceRow = Pick<SceneDevice, 'id' | 'code' | 'kind' | 'name' | 'lng' | 'lat' | 'floor' | 'enabled' | 'severity'> & {
  building_code: string | null;
  online: boolean | null;
  open_alarms: number;
};

/**
 * Devices located on the model (R4.1.2 devices CIM3: a point tied to a building/floor), with
 * online state and open alarms (raised or acknowledged) so the scene can highlight them.
 */
export async function sceneDevices(tx: Executor): Promise<SceneDevice[]> {
  const rows = await tx.execute<SceneDeviceRow>(sql`
    select d.id, d.code, d.kind, d.name, d.lng, d.lat, b.code as building_code, d.floor, s.online, d.enabled,
      coalesce(a.open, 0)::int as open_alarms, a.severity
    from devices d
    left join buildings b on b.tenant_id = d.tenant_id and b.id = d.building_id
    left join device_state s on s.tenant_id = d.tenant_id and s.device_id = d.id
    left join lateral (
      select count(*) as open,
        (array_agg(x.severity order by array_position(array['critical','major','minor','info'], x.severity)))[1] as severity
      from alarms x
      where x.tenant_id = d.tenant_id and x.device_id = d.id and x.state in ('raised', 'acknowledged')
    ) a on true
    order by d.kind, d.code`);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    kind: r.kind,
    name: r.name,
    lng: r.lng === null ? null : Number(r.lng),
    lat: r.lat === null ? null : Number(r.lat),
    buildingCode: r.building_code,
    floor: r.floor,
    online: r.online === true,
    enabled: r.enabled,
    openAlarms: Number(r.open_alarms),
    severity: r.severity,
  }));
}
