import type { TRPCRouterRecord } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  alarmStats,
  deviceDetail,
  deviceStats,
  listAlarms,
  listCommands,
  listDevices,
  listRejected,
  provisionDevices,
  requestCommand,
  rotateDeviceSecret,
  setDeviceEnabled,
  transitionAlarm,
  alarmContext,
  alarmRulesOf,
  setAlarmRuleOverride,
  linkageRulesOf,
  saveLinkageRule,
  deleteLinkageRule,
  requestGroupCommand,
  updateDevice,
  setRetention,
  tenants,
  ALARM_STATES,
  AppError,
  msg,
} from '@linli/db';
import { tenantEvents } from '../live';
import { CATALOG } from '@linli/iot';
import { pageInput } from '../inputs';
import { tenantProcedure } from '../trpc';

const deviceRow = z.object({
  code: z.string().trim().min(1).max(48),
  kind: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(80),
  buildingCode: z.string().trim().max(20).nullable().optional(),
  floor: z.number().int().nullable().optional(),
  lng: z.number().nullable().optional(),
  lat: z.number().nullable().optional(),
  zone: z.string().trim().max(40).nullable().optional(),
});

export const devicesRouter = {
  /** The device kinds this platform understands (Table 1), for forms and legends. */
  catalog: tenantProcedure('devices.read').query(() => Object.values(CATALOG)),

  list: tenantProcedure('devices.read')
    .input(pageInput.extend({ kind: z.string().max(40).optional(), online: z.boolean().optional(), buildingId: z.uuid().optional(), zone: z.string().max(40).optional() }))
    .query(({ ctx, input }) => listDevices(ctx.tx, input)),

  detail: tenantProcedure('devices.read')
    .input(z.object({ deviceId: z.uuid(), hours: z.number().int().min(1).max(24 * 30).optional() }))
    .query(({ ctx, input }) => deviceDetail(ctx.tx, input)),

  stats: tenantProcedure('devices.read').query(({ ctx }) => deviceStats(ctx.tx)),

  /** One device or a CSV batch; secrets come back once. */
  provision: tenantProcedure('devices.manage')
    .input(z.object({ rows: z.array(deviceRow).min(1).max(5000) }))
    .mutation(({ ctx, input }) => provisionDevices(ctx.tx, { tenantId: ctx.tenantId, rows: input.rows, actor: ctx.actor })),

  rotateSecret: tenantProcedure('devices.manage')
    .input(z.object({ deviceId: z.uuid() }))
    .mutation(({ ctx, input }) => rotateDeviceSecret(ctx.tx, { tenantId: ctx.tenantId, deviceId: input.deviceId, actor: ctx.actor })),

  setEnabled: tenantProcedure('devices.manage')
    .input(z.object({ deviceId: z.uuid(), enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setDeviceEnabled(ctx.tx, { tenantId: ctx.tenantId, ...input, actor: ctx.actor })),

  command: tenantProcedure('devices.control')
    .input(z.object({ deviceId: z.uuid(), name: z.string().min(1).max(40), params: z.record(z.string(), z.unknown()).default({}), ttlSeconds: z.number().int().min(5).max(86400).optional(), source: z.enum(['console', 'scene']).default('console') }))
    .mutation(({ ctx, input }) => requestCommand(ctx.tx, { tenantId: ctx.tenantId, request: input, actor: ctx.actor })),

  commands: tenantProcedure('devices.read')
    .input(pageInput.extend({ deviceId: z.uuid().optional() }))
    .query(({ ctx, input }) => listCommands(ctx.tx, input)),

  alarms: tenantProcedure('devices.read')
    .input(pageInput.extend({ states: z.array(z.enum(ALARM_STATES)).optional(), severity: z.enum(['info', 'minor', 'major', 'critical']).optional(), kind: z.string().max(40).optional(), deviceId: z.uuid().optional(), from: z.date().optional(), to: z.date().optional() }))
    .query(({ ctx, input }) => listAlarms(ctx.tx, input)),

  alarmStats: tenantProcedure('devices.read').query(({ ctx }) => alarmStats(ctx.tx)),

  /** What an alarm set in motion: linkage commands and their states, nearby cameras, who was told. */
  alarmContext: tenantProcedure('devices.read')
    .input(z.object({ alarmId: z.uuid() }))
    .query(({ ctx, input }) => alarmContext(ctx.tx, { tenantId: ctx.tenantId, alarmId: input.alarmId })),

  handleAlarm: tenantProcedure('alarms.handle')
    .input(z.object({ alarmId: z.uuid(), action: z.enum(['acknowledge', 'close']), note: z.string().trim().max(500).optional() }))
    .mutation(({ ctx, input }) => transitionAlarm(ctx.tx, { tenantId: ctx.tenantId, ...input, actor: ctx.actor })),

  /** Live alarms, command results and online changes of this community (SSE). */
  live: tenantProcedure('devices.read').subscription(async function* ({ ctx, signal }) {
    if (!ctx.bus) throw new AppError('PRECONDITION_FAILED', msg('实时推送不可用', 'Live updates are not available'));
    yield* tenantEvents(ctx.bus, ctx.tenantId, signal);
  }),

  rejected: tenantProcedure('devices.read').input(pageInput).query(({ ctx, input }) => listRejected(ctx.tx, input)),

  update: tenantProcedure('devices.manage')
    .input(z.object({ deviceId: z.uuid(), device: deviceRow.omit({ code: true, kind: true }) }))
    .mutation(({ ctx, input }) => updateDevice(ctx.tx, { tenantId: ctx.tenantId, deviceId: input.deviceId, input: input.device, actor: ctx.actor })),

  /** One command to every device of a kind in a zone or building (e.g. all street lights of a road). */
  commandGroup: tenantProcedure('devices.control')
    .input(z.object({ group: z.object({ kind: z.string().max(40), zone: z.string().max(40).nullable().optional(), buildingId: z.uuid().nullable().optional() }), name: z.string().min(1).max(40), params: z.record(z.string(), z.unknown()).default({}), ttlSeconds: z.number().int().min(5).max(86400).optional() }))
    .mutation(({ ctx, input }) => requestGroupCommand(ctx.tx, { tenantId: ctx.tenantId, ...input, actor: ctx.actor })),

  alarmRules: tenantProcedure('devices.read')
    .input(z.object({ kind: z.string().max(40) }))
    .query(({ ctx, input }) => alarmRulesOf(ctx.tx, { tenantId: ctx.tenantId, kind: input.kind })),

  setAlarmRule: tenantProcedure('devices.manage')
    .input(z.object({ kind: z.string().max(40), ruleId: z.string().max(80), override: z.record(z.string(), z.unknown()).nullable() }))
    .mutation(({ ctx, input }) => setAlarmRuleOverride(ctx.tx, { tenantId: ctx.tenantId, ...input, actor: ctx.actor })),

  linkageRules: tenantProcedure('devices.read').query(({ ctx }) => linkageRulesOf(ctx.tx, { tenantId: ctx.tenantId })),

  saveLinkageRule: tenantProcedure('devices.manage')
    .input(z.object({ id: z.uuid().optional(), rule: z.unknown(), enabled: z.boolean().default(true) }))
    .mutation(({ ctx, input }) => saveLinkageRule(ctx.tx, { tenantId: ctx.tenantId, id: input.id, rule: input.rule, enabled: input.enabled, actor: ctx.actor })),

  deleteLinkageRule: tenantProcedure('devices.manage')
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => deleteLinkageRule(ctx.tx, { tenantId: ctx.tenantId, id: input.id, actor: ctx.actor })),

  retention: tenantProcedure('devices.read').query(async ({ ctx }) => {
    const [t] = await ctx.tx.select({ telemetryDays: tenants.telemetryRetentionDays, accessDays: tenants.accessRetentionDays }).from(tenants).where(eq(tenants.id, ctx.tenantId));
    return t!;
  }),

  setRetention: tenantProcedure('devices.manage')
    .input(z.object({ telemetryDays: z.number().int(), accessDays: z.number().int() }))
    .mutation(({ ctx, input }) => setRetention(ctx.tx, { tenantId: ctx.tenantId, ...input, actor: ctx.actor })),
} satisfies TRPCRouterRecord;
