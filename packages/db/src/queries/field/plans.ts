import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { TaskDoc, TaskStatus } from '@linli/sync';
import { appendAudit, type AuditActor } from '../../audit';
import type { Executor } from '../../client';
import { AppError, msg } from '../../errors';
import { fieldPlans, fieldTasks, type PlanChecklistItem } from '../../schema';
import { likePattern, offsetOf, type PageInput } from '../paging';
import { notifyFieldChanges } from './notify';
import { namesOf } from './people';
import { loadDoc, storeDoc } from './tables';

const NOT_FOUND = msg('未找到该计划', 'Plan not found');

/** Plans with their task counts: open, done and overdue (the reminder list, R6.4.1). */
export async function listPlans(tx: Executor, f: { search?: string } = {}) {
  const plans = await tx
    .select()
    .from(fieldPlans)
    .where(f.search ? sql`${fieldPlans.name} ilike ${likePattern(f.search)}` : undefined)
    .orderBy(desc(fieldPlans.active), asc(fieldPlans.nextDueAt));
  const ids = plans.map((p) => p.id);
  const counts = ids.length
    ? await tx
        .select({
          planId: fieldTasks.refId,
          open: sql<number>`count(*) filter (where ${fieldTasks.status} in ('pending', 'in_progress'))::int`,
          done: sql<number>`count(*) filter (where ${fieldTasks.status} = 'done')::int`,
          overdue: sql<number>`count(*) filter (where ${fieldTasks.overdueAt} is not null and ${fieldTasks.status} in ('pending', 'in_progress'))::int`,
        })
        .from(fieldTasks)
        .where(inArray(fieldTasks.refId, ids))
        .groupBy(fieldTasks.refId)
    : [];
  const names = await namesOf(tx, plans.map((p) => p.assigneeId));
  return { items: plans.map((p) => ({ ...p, tasks: counts.find((c) => c.planId === p.id) ?? { open: 0, done: 0, overdue: 0 } })), names };
}

export interface PlanInput {
  id?: string;
  name: string;
  kind: 'maintenance' | 'inspection';
  deviceId?: string | null;
  areaId?: string | null;
  assigneeId: string;
  checklist: string[];
  everyDays: number;
  leadHours: number;
  graceHours: number;
  nextDueAt: number;
  active: boolean;
}

export async function savePlan(tx: Executor, params: { tenantId: string; plan: PlanInput; actor: AuditActor }) {
  const p = params.plan;
  const labels = p.checklist.map((l) => l.trim()).filter(Boolean);
  if (labels.length === 0) throw new AppError('BAD_REQUEST', msg('检查清单至少需要一项', 'The checklist needs at least one item'), { fieldErrors: { checklist: msg('请添加检查项', 'Add an item') } });
  let checklist: PlanChecklistItem[];
  let before: typeof fieldPlans.$inferSelect | undefined;
  if (p.id) {
    [before] = await tx.select().from(fieldPlans).where(and(eq(fieldPlans.tenantId, params.tenantId), eq(fieldPlans.id, p.id)));
    if (!before) throw new AppError('NOT_FOUND', NOT_FOUND);
    // Items keep their id when their label stays, so results of earlier tasks still line up.
    const byLabel = new Map(before.checklist.map((c) => [c.label, c.itemId]));
    let n = Math.max(0, ...before.checklist.map((c) => Number(c.itemId.replace(/\D/g, '')) || 0));
    checklist = labels.map((label) => ({ itemId: byLabel.get(label) ?? `i${++n}`, label }));
  } else checklist = labels.map((label, i) => ({ itemId: `i${i + 1}`, label }));
  const values = { name: p.name.trim(), kind: p.kind, deviceId: p.deviceId ?? null, areaId: p.areaId ?? null, assigneeId: p.assigneeId, checklist, everyDays: p.everyDays, leadHours: p.leadHours, graceHours: p.graceHours, nextDueAt: p.nextDueAt, active: p.active, updatedAt: new Date() };
  const [row] = p.id
    ? await tx.update(fieldPlans).set(values).where(and(eq(fieldPlans.tenantId, params.tenantId), eq(fieldPlans.id, p.id))).returning()
    : await tx.insert(fieldPlans).values({ tenantId: params.tenantId, ...values }).returning();
  await appendAudit(tx, params.actor, { action: p.id ? 'field.plan.update' : 'field.plan.create', tenantId: params.tenantId, targetType: 'plan', targetId: row!.id, summary: row!.name, before, after: row });
  return row!;
}

export async function planDetail(tx: Executor, params: { id: string }) {
  const [plan] = await tx.select().from(fieldPlans).where(eq(fieldPlans.id, params.id));
  if (!plan) throw new AppError('NOT_FOUND', NOT_FOUND);
  return plan;
}

export interface TaskFilter {
  planId?: string;
  status?: TaskStatus;
  overdue?: boolean;
  assigneeId?: string;
  /** Words of the task's title. */
  search?: string;
}

/** Generated tasks with their checklist progress; overdue ones first when asked. */
export async function listTasks(tx: Executor, f: TaskFilter & PageInput) {
  const conds: (SQL | undefined)[] = [eq(fieldTasks.deleted, false)];
  if (f.planId) conds.push(eq(fieldTasks.refId, f.planId));
  if (f.status) conds.push(eq(fieldTasks.status, f.status));
  if (f.assigneeId) conds.push(eq(fieldTasks.ownerId, f.assigneeId));
  if (f.search) conds.push(sql`${fieldTasks.doc}->>'title' ilike ${likePattern(f.search)}`);
  if (f.overdue) conds.push(and(isNotNull(fieldTasks.overdueAt), inArray(fieldTasks.status, ['pending', 'in_progress'])));
  const where = and(...conds);
  const rows = await tx.select({ doc: fieldTasks.doc, updatedAt: fieldTasks.updatedAt, overdueAt: fieldTasks.overdueAt }).from(fieldTasks).where(where).orderBy(desc(fieldTasks.dueAt), asc(fieldTasks.id)).limit(f.pageSize).offset(offsetOf(f));
  const [{ total }] = (await tx.select({ total: sql<number>`count(*)::int` }).from(fieldTasks).where(where)) as [{ total: number }];
  const now = Date.now();
  const items = rows.map((r) => {
    const d = r.doc as unknown as TaskDoc;
    return {
      id: d.id,
      planId: d.planId,
      kind: d.kind,
      title: d.title,
      assigneeId: d.assigneeId,
      dueAt: d.dueAt,
      status: d.status,
      items: d.checklist.length,
      checked: d.checklist.filter((c) => c.result !== undefined).length,
      faults: d.checklist.filter((c) => c.result === 'fault').length,
      photos: d.photoIds.length + d.checklist.reduce((n, c) => n + (c.photoIds?.length ?? 0), 0),
      overdue: r.overdueAt !== null && (d.status === 'pending' || d.status === 'in_progress'),
      late: (d.status === 'pending' || d.status === 'in_progress') && d.dueAt < now,
      completedAt: d.completedAt ?? null,
    };
  });
  const names = await namesOf(tx, items.map((i) => i.assigneeId));
  return { items, names, total, page: f.page, pageSize: f.pageSize };
}

export async function taskDetail(tx: Executor, params: { id: string }) {
  const task = (await loadDoc(tx, 'tasks', params.id)) as TaskDoc | undefined;
  if (!task) throw new AppError('NOT_FOUND', msg('未找到该任务', 'Task not found'));
  const [row] = await tx.select({ overdueAt: fieldTasks.overdueAt }).from(fieldTasks).where(eq(fieldTasks.id, task.id));
  const names = await namesOf(tx, [task.assigneeId, ...task.checklist.map((c) => c.checkedBy ?? '')]);
  return { task, names, overdueAt: row?.overdueAt ?? null };
}

/** The office cancels a task (the tablet may not); it disappears from the technician's open list. */
export async function cancelTask(tx: Executor, params: { id: string; actor: AuditActor; reason: string }) {
  const task = (await loadDoc(tx, 'tasks', params.id)) as TaskDoc | undefined;
  if (!task) throw new AppError('NOT_FOUND', msg('未找到该任务', 'Task not found'));
  if (task.status === 'done' || task.status === 'cancelled') throw new AppError('PRECONDITION_FAILED', msg('任务已完成或已取消', 'The task is already done or cancelled'));
  const notes = params.reason.trim() ? `${task.notes}${task.notes ? '\n' : ''}[取消 / cancelled] ${params.reason.trim()}` : task.notes;
  const stored = await storeDoc(tx, 'tasks', { ...task, status: 'cancelled', notes });
  await appendAudit(tx, params.actor, { action: 'field.task.cancel', tenantId: task.tenantId, targetType: 'task', targetId: task.id, summary: params.reason.slice(0, 200), before: task, after: stored });
  await notifyFieldChanges(tx, [{ tenantId: task.tenantId, collection: 'tasks', updatedAt: stored.updatedAt, id: stored.id }]);
  return stored;
}
