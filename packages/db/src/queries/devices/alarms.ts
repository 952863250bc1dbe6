import { and, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { nextAlarmState } from '@linli/iot';
import type { Executor } from '../../client';
import { appendAudit, type AuditActor } from '../../audit';
import { AppError, msg } from '../../errors';
import { alarms, devices, ALARM_STATES } from '../../schema';
import { likePattern, offsetOf, type PageInput } from '../paging';

export type AlarmStateName = (typeof ALARM_STATES)[number];

export interface AlarmFilter extends PageInput {
  states?: AlarmStateName[];
  severity?: 'info' | 'minor' | 'major' | 'critical';
  kind?: string;
  deviceId?: string;
  from?: Date;
  to?: Date;
  /** Device code or name, or the alarm's title. */
  search?: string;
}

/** Alarm history with search (R6.4.x "searchable history"). */
export async function listAlarms(tx: Executor, f: AlarmFilter) {
  const parts: SQL[] = [];
  if (f.states?.length) parts.push(inArray(alarms.state, f.states));
  if (f.severity) parts.push(eq(alarms.severity, f.severity));
  if (f.kind) parts.push(eq(devices.kind, f.kind));
  if (f.deviceId) parts.push(eq(alarms.deviceId, f.deviceId));
  if (f.from) parts.push(gte(alarms.raisedAt, f.from));
  if (f.to) parts.push(lte(alarms.raisedAt, f.to));
  if (f.search) {
    const p = likePattern(f.search);
    parts.push(or(ilike(devices.code, p), ilike(devices.name, p), ilike(alarms.titleZh, p), ilike(alarms.titleEn, p))!);
  }
  const where = parts.length ? and(...parts) : undefined;
  const items = await tx
    .select({
      id: alarms.id, deviceId: alarms.deviceId, deviceCode: devices.code, deviceName: devices.name, deviceKind: devices.kind,
      ruleId: alarms.ruleId, severity: alarms.severity, state: alarms.state, titleZh: alarms.titleZh, titleEn: alarms.titleEn,
      value: alarms.value, raisedAt: alarms.raisedAt, lastAt: alarms.lastAt, occurrences: alarms.occurrences,
      acknowledgedAt: alarms.acknowledgedAt, clearedAt: alarms.clearedAt, closedAt: alarms.closedAt, note: alarms.note,
    })
    .from(alarms)
    .innerJoin(devices, and(eq(devices.tenantId, alarms.tenantId), eq(devices.id, alarms.deviceId)))
    .where(where)
    .orderBy(desc(alarms.raisedAt))
    .limit(f.pageSize)
    .offset(offsetOf(f));
  const [{ total }] = (await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(alarms)
    .innerJoin(devices, and(eq(devices.tenantId, alarms.tenantId), eq(devices.id, alarms.deviceId)))
    .where(where)) as [{ total: number }];
  return { items, total, page: f.page, pageSize: f.pageSize };
}

/** Statistics: open alarms by severity, alarms per day (14 days), by device kind. */
export async function alarmStats(tx: Executor) {
  const [bySeverity, byDay, byKind] = await Promise.all([
    tx.execute<{ severity: string; n: number }>(sql`select severity, count(*)::int as n from alarms where state in ('raised','acknowledged') group by severity`),
    tx.execute<{ day: string; n: number }>(sql`select to_char(date_trunc('day', raised_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD') as day, count(*)::int as n from alarms where raised_at >= now() - interval '14 days' group by 1 order by 1`),
    tx.execute<{ kind: string; n: number }>(sql`select d.kind, count(*)::int as n from alarms a join devices d on d.tenant_id = a.tenant_id and d.id = a.device_id where a.raised_at >= now() - interval '30 days' group by d.kind order by n desc`),
  ]);
  return { bySeverity: [...bySeverity], byDay: [...byDay], byKind: [...byKind] };
}

/** A person acknowledges or closes an alarm; the lifecycle comes from @linli/iot. */
export async function transitionAlarm(tx: Executor, params: { tenantId: string; alarmId: string; action: 'acknowledge' | 'close'; note?: string; actor: AuditActor }) {
  const [alarm] = await tx.select().from(alarms).where(and(eq(alarms.tenantId, params.tenantId), eq(alarms.id, params.alarmId))).for('update');
  if (!alarm) throw new AppError('NOT_FOUND', msg('未找到该告警', 'Alarm not found'));
  const next = nextAlarmState(alarm.state, params.action);
  if (!next) {
    throw new AppError('CONFLICT', msg(`告警当前为「${alarm.state}」，不能${params.action === 'close' ? '关闭' : '确认'}`, `The alarm is ${alarm.state}; it cannot be ${params.action === 'close' ? 'closed' : 'acknowledged'}`));
  }
  const now = new Date();
  await tx
    .update(alarms)
    .set(
      params.action === 'acknowledge'
        ? { state: next, acknowledgedAt: now, acknowledgedBy: params.actor.userId, note: params.note ?? alarm.note }
        : { state: next, closedAt: now, closedBy: params.actor.userId, note: params.note ?? alarm.note },
    )
    .where(eq(alarms.id, alarm.id));
  await appendAudit(tx, params.actor, { action: `alarms.${params.action}`, tenantId: params.tenantId, targetType: 'alarm', targetId: alarm.id, summary: `${alarm.ruleId}: ${alarm.state} → ${next}` });
  return { id: alarm.id, state: next };
}
