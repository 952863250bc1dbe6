import { deviceKind, evaluateOffline, mergeRules } from '@linli/iot';
import type postgres from 'postgres';
import { writeAlarmChanges, type AlarmChange } from './alarm-engine';
import { allTenantIds, inTenants } from './scope';
import { notifyLive } from './live';

/**
 * Devices that went silent: past their kind's offline rule (≈ 3 heartbeats) they are marked
 * offline, an offline alarm is raised, and consoles hear about it; a returning device clears it.
 */
export async function sweepOffline(sql: postgres.Sql, now = Date.now()) {
  const tenants = await allTenantIds(sql);
  if (!tenants.length) return 0;
  return inTenants(sql, tenants, async (tx) => {
    const rows = await tx<{ tenant_id: string; device_id: string; kind: string; code: string; last_seen: Date | null; online: boolean }[]>`
      select s.tenant_id, s.device_id, d.kind, d.code, s.last_seen, s.online
        from device_state s join devices d on d.tenant_id = s.tenant_id and d.id = s.device_id where d.enabled`;
    const changes: AlarmChange[] = [];
    let marked = 0;
    for (const r of rows) {
      const rule = mergeRules(deviceKind(r.kind)?.defaultRules ?? [], []).find((x) => x.type === 'offline');
      if (!rule || !r.last_seen) continue;
      const result = evaluateOffline(rule, r.last_seen.getTime(), now, !r.online);
      if (result.transition === 'raise' && r.online) {
        await tx`update device_state set online = false, updated_at = now() where tenant_id = ${r.tenant_id} and device_id = ${r.device_id}`;
        await notifyLive(tx, { type: 'device', tenantId: r.tenant_id, deviceId: r.device_id, online: false, at: new Date(now).toISOString() });
        changes.push({ tenantId: r.tenant_id, deviceId: r.device_id, ruleId: rule.id, transition: 'raise', severity: rule.severity, titleZh: rule.nameZh, titleEn: rule.nameEn, value: result.silentSeconds, at: new Date(now) });
        marked++;
      }
    }
    // A device that reported again clears its offline alarm.
    const back = await tx<{ tenant_id: string; device_id: string; rule_id: string; code: string }[]>`
      select a.tenant_id, a.device_id, a.rule_id, d.code from alarms a
        join device_state s on s.tenant_id = a.tenant_id and s.device_id = a.device_id
        join devices d on d.tenant_id = a.tenant_id and d.id = a.device_id
       where a.state in ('raised', 'acknowledged') and a.rule_id like '%offline%' and s.online`;
    for (const b of back) changes.push({ tenantId: b.tenant_id, deviceId: b.device_id, ruleId: b.rule_id, transition: 'clear', severity: 'minor', titleZh: '', titleEn: '', value: null, at: new Date(now) });
    if (changes.length) await writeAlarmChanges(tx, changes, new Map([...rows.map((r) => [r.device_id, r.code] as const), ...back.map((b) => [b.device_id, b.code] as const)]));
    return marked;
  });
}

const RETENTION_LOCK = 0x6c696e6c; // 'linl': one bridge at a time runs retention

/**
 * Retention per class and tenant (R5.3.7: access events ≥ 180 days; telemetry ≥ 90 days by
 * default, both configurable per tenant). Rejected messages are kept 30 days. With several
 * bridges, an advisory lock lets one of them do it (pg-boss, the usual scheduler, needs Node 22).
 */
export async function purgeExpired(sql: postgres.Sql) {
  const conn = await sql.reserve();
  try {
    const [{ locked }] = (await conn`select pg_try_advisory_lock(${RETENTION_LOCK}) as locked`) as unknown as [{ locked: boolean }];
    if (!locked) return 0;
    try {
      return await purge(sql);
    } finally {
      await conn`select pg_advisory_unlock(${RETENTION_LOCK})`;
    }
  } finally {
    conn.release();
  }
}

async function purge(sql: postgres.Sql) {
  const tenants = await sql<{ id: string; telemetry_retention_days: number; access_retention_days: number }[]>`
    select id, telemetry_retention_days, access_retention_days from tenants`;
  let removed = 0;
  for (const t of tenants) {
    removed += await inTenants(sql, [t.id], async (tx) => {
      const a = await tx`delete from telemetry where tenant_id = ${t.id} and ts < now() - make_interval(days => ${t.telemetry_retention_days})`;
      const b = await tx`delete from device_events where tenant_id = ${t.id} and retention = 'telemetry' and ts < now() - make_interval(days => ${t.telemetry_retention_days})`;
      const c = await tx`delete from device_events where tenant_id = ${t.id} and retention = 'access' and ts < now() - make_interval(days => ${t.access_retention_days})`;
      // Counts of refused messages are kept as long as their samples (below).
      const d = await tx`delete from rejected_message_counts where tenant_id = ${t.id} and bucket < now() - interval '30 days'`;
      return a.count + b.count + c.count + d.count;
    });
  }
  const r = await sql`delete from rejected_messages where received_at < now() - interval '30 days'`;
  return removed + r.count;
}
