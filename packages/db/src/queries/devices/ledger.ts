import { and, asc, desc, eq, gte, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';
import { AppError, msg } from '../../errors';
import { alarms, buildings, commands, deviceEvents, deviceState, devices, telemetry } from '../../schema';
import { likePattern, offsetOf, type PageInput } from '../paging';

export interface DeviceFilter extends PageInput {
  search?: string;
  kind?: string;
  online?: boolean;
  buildingId?: string;
  zone?: string;
}

function filterOf(f: DeviceFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.search) parts.push(or(ilike(devices.code, likePattern(f.search)), ilike(devices.name, likePattern(f.search)))!);
  if (f.kind) parts.push(eq(devices.kind, f.kind));
  if (f.buildingId) parts.push(eq(devices.buildingId, f.buildingId));
  if (f.zone) parts.push(eq(devices.zone, f.zone));
  if (f.online !== undefined) parts.push(f.online ? eq(deviceState.online, true) : sql`coalesce(${deviceState.online}, false) = false`);
  return parts.length ? and(...parts) : undefined;
}

/** Device ledger with live state (R6.4.1): paginated, searchable, filtered by kind/online/building. */
export async function listDevices(tx: Executor, f: DeviceFilter) {
  const where = filterOf(f);
  const base = () =>
    tx
      .select({
        id: devices.id, code: devices.code, kind: devices.kind, name: devices.name, zone: devices.zone, enabled: devices.enabled,
        floor: devices.floor, lng: devices.lng, lat: devices.lat, buildingId: devices.buildingId, buildingName: buildings.name,
        online: deviceState.online, lastSeen: deviceState.lastSeen, values: deviceState.values, faults: deviceState.faults,
        openAlarms: sql<number>`(select count(*)::int from alarms a where a.tenant_id = "devices"."tenant_id" and a.device_id = "devices"."id" and a.state in ('raised','acknowledged'))`,
      })
      .from(devices)
      .leftJoin(deviceState, and(eq(deviceState.tenantId, devices.tenantId), eq(deviceState.deviceId, devices.id)))
      .leftJoin(buildings, and(eq(buildings.tenantId, devices.tenantId), eq(buildings.id, devices.buildingId)));
  const items = await base().where(where).orderBy(asc(devices.kind), asc(devices.code)).limit(f.pageSize).offset(offsetOf(f));
  const [{ total }] = (await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(devices)
    .leftJoin(deviceState, and(eq(deviceState.tenantId, devices.tenantId), eq(deviceState.deviceId, devices.id)))
    .where(where)) as [{ total: number }];
  return { items, total, page: f.page, pageSize: f.pageSize };
}

/** One device: ledger row, state, recent readings (for a trend), events, alarms, commands. */
export async function deviceDetail(tx: Executor, params: { deviceId: string; hours?: number }) {
  const [device] = await tx
    .select({ device: devices, state: deviceState, buildingName: buildings.name })
    .from(devices)
    .leftJoin(deviceState, and(eq(deviceState.tenantId, devices.tenantId), eq(deviceState.deviceId, devices.id)))
    .leftJoin(buildings, and(eq(buildings.tenantId, devices.tenantId), eq(buildings.id, devices.buildingId)))
    .where(eq(devices.id, params.deviceId));
  if (!device) throw new AppError('NOT_FOUND', msg('未找到该设备', 'Device not found'));
  const since = new Date(Date.now() - (params.hours ?? 24) * 3600_000);
  const [readings, events, recentAlarms, recentCommands] = await Promise.all([
    tx.select({ ts: telemetry.ts, metrics: telemetry.metrics }).from(telemetry).where(and(eq(telemetry.deviceId, params.deviceId), gte(telemetry.ts, since))).orderBy(desc(telemetry.ts)).limit(500),
    tx.select({ ts: deviceEvents.ts, event: deviceEvents.event, data: deviceEvents.data }).from(deviceEvents).where(eq(deviceEvents.deviceId, params.deviceId)).orderBy(desc(deviceEvents.ts)).limit(50),
    tx.select().from(alarms).where(eq(alarms.deviceId, params.deviceId)).orderBy(desc(alarms.raisedAt)).limit(20),
    tx.select().from(commands).where(eq(commands.deviceId, params.deviceId)).orderBy(desc(commands.createdAt)).limit(20),
  ]);
  const { secretHash: _secret, ...ledger } = device.device;
  return { device: ledger, state: device.state, buildingName: device.buildingName, readings: readings.reverse(), events, alarms: recentAlarms, commands: recentCommands };
}

/** Operations figures (R5.3.3, R6.4.5): online rate per kind, open alarms per kind, energy per kind. */
export async function deviceStats(tx: Executor) {
  const byKind = await tx.execute<{ kind: string; total: number; online: number; open_alarms: number }>(sql`
    select d.kind, count(*)::int as total, count(*) filter (where s.online)::int as online,
           (select count(*)::int from alarms a where a.tenant_id = any(app_tenant_ids()) and a.state in ('raised','acknowledged')
              and a.device_id in (select id from devices d2 where d2.kind = d.kind)) as open_alarms
      from devices d left join device_state s on s.tenant_id = d.tenant_id and s.device_id = d.id
     group by d.kind order by d.kind`);
  // Each meter kind reports its cumulative register under its own metric (see @linli/iot energy.ts).
  const energy = await tx.execute<{ kind: string; day: string; value: number }>(sql`
    with m(kind, metric) as (values ('meter_electricity', 'energy'), ('meter_water', 'volume'), ('meter_gas', 'volume'), ('meter_heat', 'heat'))
    select d.kind, to_char(date_trunc('day', t.ts at time zone 'Asia/Shanghai'), 'YYYY-MM-DD') as day,
           (max((t.metrics->>m.metric)::float8) - min((t.metrics->>m.metric)::float8)) as value
      from telemetry t join devices d on d.tenant_id = t.tenant_id and d.id = t.device_id join m on m.kind = d.kind
     where t.ts >= now() - interval '7 days' and t.metrics ? m.metric
     group by d.kind, d.id, 2`);
  const energyByKind: Record<string, Record<string, number>> = {};
  for (const r of energy) {
    const k = (energyByKind[r.kind] ??= {});
    k[r.day] = (k[r.day] ?? 0) + Number(r.value);
  }
  const totals = byKind.reduce((a, r) => ({ total: a.total + r.total, online: a.online + r.online }), { total: 0, online: 0 });
  return { byKind: [...byKind], totals, energyByKind };
}
