import { and, eq } from 'drizzle-orm';
import { BUILTIN_LINKAGE, checkDeviceRow, deviceKind, isLinkageRule, mergeRules, validateCommand, type DeviceRow, type LinkageRule, type RuleOverride } from '@linli/iot';
import type { Executor } from '../../client';
import { appendAudit, type AuditActor } from '../../audit';
import { AppError, msg } from '../../errors';
import { alarmRuleOverrides, buildings, devices, linkageRules, tenants } from '../../schema';
import { requestCommand } from './commands';

/** A kind's alarm rules as this community runs them: defaults merged with its overrides. */
export async function alarmRulesOf(tx: Executor, params: { tenantId: string; kind: string }) {
  const def = deviceKind(params.kind);
  if (!def) throw new AppError('NOT_FOUND', msg('未知的设备类型', 'Unknown device kind'));
  const rows = await tx.select().from(alarmRuleOverrides).where(and(eq(alarmRuleOverrides.tenantId, params.tenantId), eq(alarmRuleOverrides.kind, params.kind)));
  const overrides = rows.map((r) => ({ ...(r.override as object), id: r.ruleId }) as RuleOverride);
  const effective = mergeRules(def.defaultRules, overrides);
  return def.defaultRules.map((d) => ({
    default: d,
    effective: effective.find((e) => e.id === d.id) ?? null,
    override: rows.find((r) => r.ruleId === d.id)?.override ?? null,
  }));
}

/** Changes a default rule for this community (value, clearValue, minDuration, severity, enabled); null resets it. */
export async function setAlarmRuleOverride(
  tx: Executor,
  params: { tenantId: string; kind: string; ruleId: string; override: Record<string, unknown> | null; actor: AuditActor },
) {
  const def = deviceKind(params.kind);
  const rule = def?.defaultRules.find((r) => r.id === params.ruleId);
  if (!def || !rule) throw new AppError('NOT_FOUND', msg('未找到该告警规则', 'Alarm rule not found'));
  if (params.override) {
    const merged = mergeRules([rule], [{ ...params.override, id: rule.id } as RuleOverride]);
    // mergeRules ignores ill-typed fields: an override that changes nothing it was asked to is refused.
    const asked = Object.keys(params.override).filter((k) => k !== 'enabled');
    const applied = merged[0] ?? null;
    if (applied && asked.some((k) => (applied as unknown as Record<string, unknown>)[k] !== params.override![k])) {
      throw new AppError('BAD_REQUEST', msg('规则参数无效', 'Invalid rule parameters'), { fieldErrors: { override: msg('规则参数无效', 'Invalid rule parameters') } });
    }
    await tx
      .insert(alarmRuleOverrides)
      .values({ tenantId: params.tenantId, kind: params.kind, ruleId: rule.id, override: params.override })
      .onConflictDoUpdate({ target: [alarmRuleOverrides.tenantId, alarmRuleOverrides.kind, alarmRuleOverrides.ruleId], set: { override: params.override, updatedAt: new Date() } });
  } else {
    await tx.delete(alarmRuleOverrides).where(and(eq(alarmRuleOverrides.tenantId, params.tenantId), eq(alarmRuleOverrides.kind, params.kind), eq(alarmRuleOverrides.ruleId, rule.id)));
  }
  await appendAudit(tx, params.actor, { action: params.override ? 'alarm_rules.override' : 'alarm_rules.reset', tenantId: params.tenantId, targetType: 'alarm_rule', targetId: rule.id, after: params.override ?? undefined });
  return alarmRulesOf(tx, { tenantId: params.tenantId, kind: params.kind });
}

/** Built-in linkage plus this community's own rules. */
export async function linkageRulesOf(tx: Executor, params: { tenantId: string }) {
  const custom = await tx.select().from(linkageRules).where(eq(linkageRules.tenantId, params.tenantId));
  return { builtin: BUILTIN_LINKAGE, custom: custom.map((c) => ({ id: c.id, enabled: c.enabled, rule: c.rule as unknown as LinkageRule })) };
}

export async function saveLinkageRule(tx: Executor, params: { tenantId: string; id?: string; rule: unknown; enabled: boolean; actor: AuditActor }) {
  if (!isLinkageRule(params.rule)) {
    throw new AppError('BAD_REQUEST', msg('联动规则格式不正确', 'The linkage rule is not valid'), { fieldErrors: { rule: msg('联动规则格式不正确', 'The linkage rule is not valid') } });
  }
  const value = params.rule as unknown as Record<string, unknown>;
  const [row] = params.id
    ? await tx.update(linkageRules).set({ rule: value, enabled: params.enabled, updatedAt: new Date() }).where(and(eq(linkageRules.tenantId, params.tenantId), eq(linkageRules.id, params.id))).returning({ id: linkageRules.id })
    : await tx.insert(linkageRules).values({ tenantId: params.tenantId, rule: value, enabled: params.enabled }).returning({ id: linkageRules.id });
  if (!row) throw new AppError('NOT_FOUND', msg('未找到该联动规则', 'Linkage rule not found'));
  await appendAudit(tx, params.actor, { action: params.id ? 'linkage_rules.update' : 'linkage_rules.create', tenantId: params.tenantId, targetType: 'linkage_rule', targetId: row.id, after: params.rule });
  return { id: row.id };
}

export async function deleteLinkageRule(tx: Executor, params: { tenantId: string; id: string; actor: AuditActor }) {
  const [row] = await tx.delete(linkageRules).where(and(eq(linkageRules.tenantId, params.tenantId), eq(linkageRules.id, params.id))).returning({ id: linkageRules.id });
  if (!row) throw new AppError('NOT_FOUND', msg('未找到该联动规则', 'Linkage rule not found'));
  await appendAudit(tx, params.actor, { action: 'linkage_rules.delete', tenantId: params.tenantId, targetType: 'linkage_rule', targetId: row.id });
  return row;
}

/**
 * One command to a group (street lights of a zone or building, all screens…): a command row per
 * device, each tracked on its own, so the console shows which lamp did not answer.
 */
export async function requestGroupCommand(
  tx: Executor,
  params: { tenantId: string; group: { kind: string; zone?: string | null; buildingId?: string | null }; name: string; params: Record<string, unknown>; ttlSeconds?: number; actor: AuditActor },
) {
  const check = validateCommand(params.group.kind, params.name, params.params);
  if (!check.ok) throw new AppError('BAD_REQUEST', check.reason, { fieldErrors: { params: check.reason } });
  const where = [eq(devices.tenantId, params.tenantId), eq(devices.kind, params.group.kind), eq(devices.enabled, true)];
  if (params.group.zone) where.push(eq(devices.zone, params.group.zone));
  if (params.group.buildingId) where.push(eq(devices.buildingId, params.group.buildingId));
  const targets = await tx.select({ id: devices.id }).from(devices).where(and(...where));
  if (!targets.length) throw new AppError('NOT_FOUND', msg('该分组中没有可用设备', 'No enabled device in this group'));
  if (targets.length > 2000) throw new AppError('BAD_REQUEST', msg('一次最多控制 2000 台设备', 'At most 2,000 devices per group command'));
  const ids: string[] = [];
  for (const t of targets) ids.push((await requestCommand(tx, { tenantId: params.tenantId, request: { deviceId: t.id, name: params.name, params: params.params, ttlSeconds: params.ttlSeconds }, actor: params.actor })).id);
  return { commandIds: ids };
}

/** Edits a device's ledger entry (name, place, zone); the kind and code identify it and stay. */
export async function updateDevice(tx: Executor, params: { tenantId: string; deviceId: string; input: Omit<DeviceRow, 'code' | 'kind'>; actor: AuditActor }) {
  const [before] = await tx.select().from(devices).where(and(eq(devices.tenantId, params.tenantId), eq(devices.id, params.deviceId)));
  if (!before) throw new AppError('NOT_FOUND', msg('未找到该设备', 'Device not found'));
  const blds = await tx.select({ id: buildings.id, code: buildings.code }).from(buildings).where(eq(buildings.tenantId, params.tenantId));
  const problems = checkDeviceRow({ ...params.input, code: before.code, kind: before.kind }, { buildingCodes: new Set(blds.map((b) => b.code)) });
  if (problems.length) {
    throw new AppError('BAD_REQUEST', problems[0]!.message, { fieldErrors: Object.fromEntries(problems.map((p) => [p.field, p.message])) });
  }
  const buildingId = params.input.buildingCode ? blds.find((b) => b.code === params.input.buildingCode)!.id : null;
  await tx
    .update(devices)
    .set({ name: params.input.name.trim(), buildingId, floor: params.input.floor ?? null, lng: params.input.lng ?? null, lat: params.input.lat ?? null, zone: params.input.zone || null, updatedAt: new Date() })
    .where(and(eq(devices.tenantId, params.tenantId), eq(devices.id, params.deviceId)));
  await appendAudit(tx, params.actor, { action: 'devices.update', tenantId: params.tenantId, targetType: 'device', targetId: before.id, summary: before.code, before: { ...before, secretHash: undefined, brokerHash: undefined }, after: params.input });
  return { id: before.id };
}

/** Device data retention for this community (R5.3.7 floors: telemetry 90 days, access events 180). */
export async function setRetention(tx: Executor, params: { tenantId: string; telemetryDays: number; accessDays: number; actor: AuditActor }) {
  if (params.telemetryDays < 90 || params.accessDays < 180 || params.telemetryDays > 3650 || params.accessDays > 3650) {
    throw new AppError('BAD_REQUEST', msg('遥测数据至少保留 90 天，通行记录至少 180 天（最多 3650 天）', 'Keep telemetry ≥ 90 days and access events ≥ 180 days (at most 3,650)'));
  }
  const [before] = await tx.select({ t: tenants.telemetryRetentionDays, a: tenants.accessRetentionDays }).from(tenants).where(eq(tenants.id, params.tenantId));
  await tx.update(tenants).set({ telemetryRetentionDays: params.telemetryDays, accessRetentionDays: params.accessDays, updatedAt: new Date() }).where(eq(tenants.id, params.tenantId));
  await appendAudit(tx, params.actor, { action: 'devices.retention', tenantId: params.tenantId, targetType: 'tenant', targetId: params.tenantId, before, after: { t: params.telemetryDays, a: params.accessDays } });
  return { telemetryDays: params.telemetryDays, accessDays: params.accessDays };
}
