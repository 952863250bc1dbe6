import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { canInTenant, tenantAllows, type AccessProfile } from '@linli/auth';
import {
  AppError,
  CASE_KINDS,
  OCCUPANCIES,
  VULNERABLE_FLAGS,
  actOnCase,
  assignAreaWorker,
  cancelTask,
  caseBoard,
  caseDetail,
  caseStats,
  commentOnCase,
  conflictDetail,
  deleteArea,
  deleteSchedule,
  fieldAreas,
  fieldPeople,
  generateDueTasks,
  listConflicts,
  listAreas,
  listCases,
  listPlans,
  listRoutes,
  listRuns,
  listTasks,
  listVisits,
  markOverdue,
  msg,
  planDetail,
  resolveConflict,
  routeDetail,
  routeSlots,
  saveArea,
  runDetail,
  savePlan,
  saveRoute,
  saveSchedule,
  setCaseDue,
  syncPlaces,
  taskDetail,
  unassignAreaWorker,
  vulnerableHouseholds,
} from '@linli/db';
import { CASE_STATUSES, type Actor } from '@linli/sync';
import { asc } from 'drizzle-orm';
import { pageInput } from '../inputs';
import { tenantProcedure } from '../trpc';

const id = z.string().uuid();
const ms = z.number().int().min(0).max(8_640_000_000_000);
const name = z.string().trim().min(1).max(80);

/** The role a console user acts in for the case workflow: their office role here if any. */
function workflowActor(profile: AccessProfile, tenantId: string, userId: string): Actor {
  const accesses = profile.tenants.filter((a) => a.tenantId === tenantId);
  const office = accesses.find((a) => tenantAllows(a.role, a.level, 'cases.manage'));
  const worker = accesses.find((a) => tenantAllows(a.role, a.level, 'field.work'));
  const pick = office ?? worker;
  if (!pick) throw new AppError('FORBIDDEN', msg('您无权办理案件', 'You may not handle cases'));
  return { userId, role: pick.role };
}

const casesRouter = {
  list: tenantProcedure('field.read')
    .input(pageInput.extend({ statuses: z.array(z.enum(CASE_STATUSES)).max(8).optional(), kind: z.enum(CASE_KINDS).optional(), assigneeId: id.optional(), overdue: z.boolean().optional() }))
    .query(({ ctx, input }) => listCases(ctx.tx, input)),
  board: tenantProcedure('field.read')
    .input(z.object({ kind: z.enum(CASE_KINDS).optional(), assigneeId: id.optional(), perColumn: z.number().int().min(1).max(50).default(20) }))
    .query(({ ctx, input }) => caseBoard(ctx.tx, input)),
  detail: tenantProcedure('field.read').input(z.object({ id })).query(({ ctx, input }) => caseDetail(ctx.tx, input)),
  stats: tenantProcedure('field.read').query(({ ctx }) => caseStats(ctx.tx)),
  people: tenantProcedure('field.read').query(({ ctx }) => fieldPeople(ctx.tx, { tenantId: ctx.tenantId })),
  /** Who the user acts as in the workflow here (the page offers only the steps they may take); null = read only. */
  actor: tenantProcedure('field.read').query(({ ctx }) => {
    try {
      return workflowActor(ctx.profile, ctx.tenantId, ctx.user.id);
    } catch {
      return null;
    }
  }),
  /** Workflow steps; the rules (who may do what from which state) are @linli/sync's. */
  act: tenantProcedure('field.read')
    .input(
      z.object({
        id,
        action: z.enum(['assign', 'start', 'resolve', 'verify', 'close', 'reject', 'reopen']),
        note: z.string().trim().max(500).optional(),
        assigneeId: id.optional(),
        dueAt: ms.optional(),
        expectedUpdatedAt: z.number().int().optional(),
      }),
    )
    .mutation(({ ctx, input }) => actOnCase(ctx.tx, { ...input, by: workflowActor(ctx.profile, ctx.tenantId, ctx.user.id), actor: ctx.actor })),
  setDue: tenantProcedure('cases.manage').input(z.object({ id, dueAt: ms.nullable() })).mutation(({ ctx, input }) => setCaseDue(ctx.tx, { ...input, actor: ctx.actor })),
  comment: tenantProcedure('field.read')
    .input(z.object({ id, text: z.string().max(1000) }))
    .mutation(({ ctx, input }) => {
      if (!canInTenant(ctx.profile, ctx.tenantId, 'field.work')) throw new AppError('FORBIDDEN', msg('您无权评论案件', 'You may not comment on cases'));
      return commentOnCase(ctx.tx, { ...input, by: workflowActor(ctx.profile, ctx.tenantId, ctx.user.id), actor: ctx.actor });
    }),
} satisfies TRPCRouterRecord;

const checkpointInput = z.object({ id: id.optional(), name, offsetMin: z.number().int().min(0).max(24 * 60), toleranceMin: z.number().int().min(0).max(240) });

const patrolsRouter = {
  routes: tenantProcedure('field.read').query(({ ctx }) => listRoutes(ctx.tx)),
  route: tenantProcedure('field.read').input(z.object({ id })).query(({ ctx, input }) => routeDetail(ctx.tx, input)),
  saveRoute: tenantProcedure('field.manage')
    .input(z.object({ id: id.optional(), name, areaId: id.nullable().optional(), active: z.boolean(), checkpoints: z.array(checkpointInput).min(1).max(200) }))
    .mutation(({ ctx, input }) => saveRoute(ctx.tx, { ...input, tenantId: ctx.tenantId, actor: ctx.actor })),
  saveSchedule: tenantProcedure('field.manage')
    .input(z.object({ id: id.optional(), routeId: id, startMinutes: z.array(z.number().int().min(0).max(1439)).min(1).max(24), weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7), guardId: id.nullable(), active: z.boolean() }))
    .mutation(({ ctx, input }) => saveSchedule(ctx.tx, { ...input, tenantId: ctx.tenantId, actor: ctx.actor })),
  deleteSchedule: tenantProcedure('field.manage').input(z.object({ id })).mutation(({ ctx, input }) => deleteSchedule(ctx.tx, { ...input, tenantId: ctx.tenantId, actor: ctx.actor })),
  runs: tenantProcedure('field.read')
    .input(pageInput.extend({ routeId: id.optional(), flag: z.enum(['any', 'missed', 'late', 'clean']).optional() }))
    .query(({ ctx, input }) => listRuns(ctx.tx, input)),
  run: tenantProcedure('field.read').input(z.object({ id })).query(({ ctx, input }) => runDetail(ctx.tx, input)),
  /** Scheduled rounds of a route, each on time, late, missed or upcoming. */
  slots: tenantProcedure('field.read').input(z.object({ routeId: id, days: z.number().int().min(1).max(31).default(7) })).query(({ ctx, input }) => routeSlots(ctx.tx, input)),
} satisfies TRPCRouterRecord;

const planInput = z.object({
  id: id.optional(),
  name,
  kind: z.enum(['maintenance', 'inspection']),
  deviceId: id.nullable().optional(),
  areaId: id.nullable().optional(),
  assigneeId: id,
  checklist: z.array(z.string().trim().max(120)).min(1).max(50),
  everyDays: z.number().int().min(1).max(366),
  leadHours: z.number().int().min(0).max(24 * 30),
  graceHours: z.number().int().min(0).max(24 * 30),
  nextDueAt: ms,
  active: z.boolean(),
});

const plansRouter = {
  list: tenantProcedure('field.read').input(z.object({ search: z.string().trim().max(100).optional() })).query(({ ctx, input }) => listPlans(ctx.tx, input)),
  detail: tenantProcedure('field.read').input(z.object({ id })).query(({ ctx, input }) => planDetail(ctx.tx, input)),
  save: tenantProcedure('field.manage').input(planInput).mutation(({ ctx, input }) => savePlan(ctx.tx, { tenantId: ctx.tenantId, plan: input, actor: ctx.actor })),
  /** "Generate now": the same job the bridge runs, for this community only. */
  generateNow: tenantProcedure('field.manage').input(z.object({ planId: id.optional() })).mutation(async ({ ctx, input }) => {
    const created = await generateDueTasks(ctx.tx, { actor: ctx.actor, ...(input.planId ? { planId: input.planId } : {}) });
    const overdue = await markOverdue(ctx.tx, { actor: ctx.actor });
    return { created, overdue };
  }),
  tasks: tenantProcedure('field.read')
    .input(pageInput.extend({ planId: id.optional(), status: z.enum(['pending', 'in_progress', 'done', 'cancelled']).optional(), overdue: z.boolean().optional(), assigneeId: id.optional() }))
    .query(({ ctx, input }) => listTasks(ctx.tx, input)),
  task: tenantProcedure('field.read').input(z.object({ id })).query(({ ctx, input }) => taskDetail(ctx.tx, input)),
  cancelTask: tenantProcedure('field.manage').input(z.object({ id, reason: z.string().trim().min(1).max(300) })).mutation(({ ctx, input }) => cancelTask(ctx.tx, { ...input, actor: ctx.actor })),
  areas: tenantProcedure('field.read').query(({ ctx }) => ctx.tx.select({ id: fieldAreas.id, name: fieldAreas.name, buildingIds: fieldAreas.buildingIds }).from(fieldAreas).orderBy(asc(fieldAreas.name))),
  /** Rebuilds the tablets' location pickers from the building registry. */
  syncPlaces: tenantProcedure('field.manage').mutation(async ({ ctx }) => ({ written: await syncPlaces(ctx.tx, { tenantId: ctx.tenantId, actor: ctx.actor }) })),
} satisfies TRPCRouterRecord;

const visitsRouter = {
  list: tenantProcedure('field.read')
    .input(pageInput.extend({ flag: z.enum(VULNERABLE_FLAGS).optional(), occupancy: z.enum(OCCUPANCIES).optional(), householdId: id.optional() }))
    .query(({ ctx, input }) => listVisits(ctx.tx, input)),
  vulnerable: tenantProcedure('field.read').query(({ ctx }) => vulnerableHouseholds(ctx.tx)),
} satisfies TRPCRouterRecord;

const conflictsRouter = {
  list: tenantProcedure('field.manage')
    .input(pageInput.extend({ status: z.enum(['open', 'auto_resolved', 'resolved']).optional() }))
    .query(({ ctx, input }) => listConflicts(ctx.tx, input)),
  detail: tenantProcedure('field.manage').input(z.object({ id })).query(({ ctx, input }) => conflictDetail(ctx.tx, input)),
  resolve: tenantProcedure('field.manage')
    .input(z.object({ id, choice: z.enum(['server', 'tablet']) }))
    .mutation(({ ctx, input }) => resolveConflict(ctx.tx, { ...input, actor: ctx.actor, by: workflowActor(ctx.profile, ctx.tenantId, ctx.user.id) })),
} satisfies TRPCRouterRecord;

const areaName = z
  .string({ message: '请填写网格名称 / Enter the area name' })
  .trim()
  .min(1, '请填写网格名称 / Enter the area name')
  .max(80, '网格名称不超过80字 / Area name: at most 80 characters');
const buildingIds = z.array(id, { message: '请选择楼栋 / Pick buildings' }).min(1, '网格至少包含一栋楼 / An area needs at least one building').max(500, '一个网格最多500栋楼 / At most 500 buildings per area');

/** Grid areas (网格, R6.6.9–10): which buildings, which workers; every change re-tags the tablets' records. */
const areasRouter = {
  list: tenantProcedure('field.read').query(({ ctx }) => listAreas(ctx.tx, { tenantId: ctx.tenantId })),
  save: tenantProcedure('field.manage')
    .input(z.object({ id: id.optional(), name: areaName, buildingIds }))
    .mutation(({ ctx, input }) => saveArea(ctx.tx, { ...input, tenantId: ctx.tenantId, actor: ctx.actor })),
  delete: tenantProcedure('field.manage').input(z.object({ id })).mutation(({ ctx, input }) => deleteArea(ctx.tx, { ...input, tenantId: ctx.tenantId, actor: ctx.actor })),
  assign: tenantProcedure('field.manage')
    .input(z.object({ areaId: id, userId: id }))
    .mutation(({ ctx, input }) => assignAreaWorker(ctx.tx, { ...input, tenantId: ctx.tenantId, actor: ctx.actor })),
  unassign: tenantProcedure('field.manage')
    .input(z.object({ areaId: id, userId: id }))
    .mutation(({ ctx, input }) => unassignAreaWorker(ctx.tx, { ...input, tenantId: ctx.tenantId, actor: ctx.actor })),
} satisfies TRPCRouterRecord;

/** The office side of field work (issue #4): cases, patrols, plans and tasks, visits, conflicts. */
export const fieldConsoleRouter = {
  cases: casesRouter,
  patrols: patrolsRouter,
  plans: plansRouter,
  visits: visitsRouter,
  conflicts: conflictsRouter,
  areas: areasRouter,
} satisfies TRPCRouterRecord;
