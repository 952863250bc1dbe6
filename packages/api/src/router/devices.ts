import type { TRPCRouterRecord } from '@trpc/server';
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
    .input(pageInput.extend({ kind: z.string().max(40).optional(), online: z.boolean().optional(), buildingId: z.uuid().optional() }))
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

  handleAlarm: tenantProcedure('alarms.handle')
    .input(z.object({ alarmId: z.uuid(), action: z.enum(['acknowledge', 'close']), note: z.string().trim().max(500).optional() }))
    .mutation(({ ctx, input }) => transitionAlarm(ctx.tx, { tenantId: ctx.tenantId, ...input, actor: ctx.actor })),

  /** Live alarms, command results and online changes of this community (SSE). */
  live: tenantProcedure('devices.read').subscription(async function* ({ ctx, signal }) {
    if (!ctx.bus) throw new AppError('PRECONDITION_FAILED', msg('实时推送不可用', 'Live updates are not available'));
    yield* tenantEvents(ctx.bus, ctx.tenantId, signal);
  }),

  rejected: tenantProcedure('devices.read').input(pageInput).query(({ ctx, input }) => listRejected(ctx.tx, input)),
} satisfies TRPCRouterRecord;
