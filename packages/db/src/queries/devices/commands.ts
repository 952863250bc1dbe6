import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { validateCommand } from '@linli/iot';
import type { Executor } from '../../client';
import { appendAudit, type AuditActor } from '../../audit';
import { AppError, msg } from '../../errors';
import { commands, devices } from '../../schema';
import { likePattern, offsetOf, type PageInput } from '../paging';

/** The channel the bridge LISTENs on for new commands (several web instances, one or more bridges). */
export const COMMAND_CHANNEL = 'linli_commands';

export interface CommandRequest {
  deviceId: string;
  name: string;
  params: Record<string, unknown>;
  /** How long an offline device's command waits in the queue. */
  ttlSeconds?: number;
  source?: 'console' | 'linkage' | 'scene' | 'api';
  alarmId?: string | null;
}

/**
 * Queues a command for a device (R4.1.4): validated against the device kind, written as a row,
 * announced with NOTIFY after commit (the bridge publishes it and tracks the ack).
 */
export async function requestCommand(tx: Executor, params: { tenantId: string; request: CommandRequest; actor: AuditActor }) {
  const { request } = params;
  const [device] = await tx.select({ id: devices.id, kind: devices.kind, code: devices.code, enabled: devices.enabled }).from(devices).where(and(eq(devices.tenantId, params.tenantId), eq(devices.id, request.deviceId)));
  if (!device) throw new AppError('NOT_FOUND', msg('未找到该设备', 'Device not found'));
  if (!device.enabled) throw new AppError('PRECONDITION_FAILED', msg('该设备已停用', 'The device is disabled'));
  const check = validateCommand(device.kind, request.name, request.params);
  if (!check.ok) throw new AppError('BAD_REQUEST', check.reason, { fieldErrors: { params: check.reason } });
  const ttl = Math.min(Math.max(request.ttlSeconds ?? 300, 5), 86400);
  const [row] = await tx
    .insert(commands)
    .values({
      tenantId: params.tenantId,
      deviceId: device.id,
      name: request.name,
      params: request.params,
      source: request.source ?? 'console',
      requestedBy: params.actor.userId,
      alarmId: request.alarmId ?? null,
      expiresAt: new Date(Date.now() + ttl * 1000),
    })
    .returning({ id: commands.id, createdAt: commands.createdAt });
  await tx.execute(sql`select pg_notify(${COMMAND_CHANNEL}, ${JSON.stringify({ tenantId: params.tenantId, commandId: row!.id })})`);
  await appendAudit(tx, params.actor, { action: 'devices.command', tenantId: params.tenantId, targetType: 'command', targetId: row!.id, summary: `${device.code}: ${request.name}`, after: request.params });
  return { id: row!.id };
}

export async function listCommands(tx: Executor, f: PageInput & { deviceId?: string; search?: string }) {
  const parts: SQL[] = [];
  if (f.deviceId) parts.push(eq(commands.deviceId, f.deviceId));
  if (f.search) {
    const p = likePattern(f.search);
    parts.push(or(ilike(devices.code, p), ilike(devices.name, p), ilike(commands.name, p))!);
  }
  const where = parts.length ? and(...parts) : undefined;
  const items = await tx
    .select({
      id: commands.id, deviceId: commands.deviceId, deviceCode: devices.code, deviceName: devices.name, name: commands.name, params: commands.params,
      state: commands.state, source: commands.source, createdAt: commands.createdAt, publishedAt: commands.publishedAt, ackedAt: commands.ackedAt,
      expiresAt: commands.expiresAt, attempts: commands.attempts, detail: commands.detail,
      latencyMs: sql<number | null>`case when ${commands.ackedAt} is not null then round(extract(epoch from (${commands.ackedAt} - ${commands.createdAt})) * 1000)::int end`,
    })
    .from(commands)
    .innerJoin(devices, and(eq(devices.tenantId, commands.tenantId), eq(devices.id, commands.deviceId)))
    .where(where)
    .orderBy(desc(commands.createdAt))
    .limit(f.pageSize)
    .offset(offsetOf(f));
  const [{ total }] = (await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(commands)
    .innerJoin(devices, and(eq(devices.tenantId, commands.tenantId), eq(devices.id, commands.deviceId)))
    .where(where)) as [{ total: number }];
  return { items, total, page: f.page, pageSize: f.pageSize };
}
