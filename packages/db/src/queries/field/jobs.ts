import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { hashUuid, OPEN_STATUSES, type TaskDoc } from '@linli/sync';
import { appendAudit, type AuditActor } from '../../audit';
import type { Executor } from '../../client';
import { fieldCases, fieldPlans } from '../../schema';
import { notifyFieldChanges, type FieldChange } from './notify';
import { loadDoc, storeDoc } from './tables';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** A plan paused for long does not flood the technician: at most this many catch-up tasks per run. */
export const MAX_CATCH_UP = 3;

/** The task of one occurrence of a plan: the id is derived, so generating twice writes once. */
export const planTaskId = (planId: string, dueAt: number) => hashUuid(`plan-task|${planId}|${dueAt}`);

/**
 * Generates the tasks of every active plan in scope whose next occurrence is within its lead
 * time (R6.4.1 b/c: maintenance and inspection plans → tasks with their checklist), and moves
 * the plan to its next occurrence. Idempotent: a task id is derived from (plan, due time), and
 * an existing task is never overwritten. Returns the tasks created.
 */
export async function generateDueTasks(tx: Executor, params: { now?: number; actor: AuditActor; planId?: string }): Promise<number> {
  const now = params.now ?? Date.now();
  const conds = [eq(fieldPlans.active, true), lte(sql`${fieldPlans.nextDueAt} - ${fieldPlans.leadHours}::bigint * ${HOUR}`, now)];
  if (params.planId) conds.push(eq(fieldPlans.id, params.planId));
  const plans = await tx.select().from(fieldPlans).where(and(...conds)).orderBy(asc(fieldPlans.nextDueAt)).for('update');
  const changes: FieldChange[] = [];
  let created = 0;
  for (const p of plans) {
    const period = p.everyDays * DAY;
    let due = p.nextDueAt;
    const occurrences: number[] = [];
    while (due - p.leadHours * HOUR <= now) {
      occurrences.push(due);
      due += period;
    }
    // Keep the latest few when the plan was paused for long; the skipped ones are audited.
    const make = occurrences.slice(-MAX_CATCH_UP);
    for (const dueAt of make) {
      const id = planTaskId(p.id, dueAt);
      if (await loadDoc(tx, 'tasks', id)) continue;
      const task: TaskDoc = {
        id,
        tenantId: p.tenantId,
        updatedAt: 0,
        planId: p.id,
        kind: p.kind,
        title: `${p.name} ${new Date(dueAt + 8 * HOUR).toISOString().slice(0, 10)}`,
        ...(p.deviceId ? { deviceId: p.deviceId } : {}),
        ...(p.areaId ? { areaId: p.areaId } : {}),
        assigneeId: p.assigneeId,
        dueAt,
        status: 'pending',
        checklist: p.checklist.map((c) => ({ itemId: c.itemId, label: c.label })),
        notes: '',
        photoIds: [],
      };
      const stored = await storeDoc(tx, 'tasks', task, now);
      changes.push({ tenantId: p.tenantId, collection: 'tasks', updatedAt: stored.updatedAt, id });
      await appendAudit(tx, params.actor, { action: 'field.task.generate', tenantId: p.tenantId, targetType: 'task', targetId: id, summary: `${p.name} due ${new Date(dueAt).toISOString()}`, after: stored });
      created++;
    }
    await tx.update(fieldPlans).set({ nextDueAt: due, updatedAt: new Date(now) }).where(and(eq(fieldPlans.tenantId, p.tenantId), eq(fieldPlans.id, p.id)));
    if (occurrences.length > make.length)
      await appendAudit(tx, params.actor, { action: 'field.plan.skipped', tenantId: p.tenantId, targetType: 'plan', targetId: p.id, summary: `${occurrences.length - make.length} missed occurrences skipped` });
  }
  await notifyFieldChanges(tx, changes);
  return created;
}

/**
 * Flags open tasks and cases past their due time (plus the plan's grace) as overdue, once each:
 * the console lists them as reminders (R6.4.1 "tracking reminders"). Returns how many were flagged.
 */
export async function markOverdue(tx: Executor, params: { now?: number; actor: AuditActor }): Promise<{ tasks: number; cases: number }> {
  const now = params.now ?? Date.now();
  const tasks = await tx.execute<{ tenant_id: string; id: string }>(sql`
    update field_tasks t set overdue_at = ${now}
      from field_plans p
     where p.tenant_id = t.tenant_id and p.id = t.ref_id
       and t.overdue_at is null and not t.deleted and t.status in ('pending', 'in_progress')
       and t.due_at + p.grace_hours::bigint * ${HOUR} < ${now}
    returning t.tenant_id, t.id`);
  const cases = await tx
    .update(fieldCases)
    .set({ overdueAt: now })
    .where(and(isNull(fieldCases.overdueAt), eq(fieldCases.deleted, false), inArray(fieldCases.status, [...OPEN_STATUSES]), lte(fieldCases.dueAt, now)))
    .returning({ tenantId: fieldCases.tenantId, id: fieldCases.id });
  const byTenant = new Map<string, { tasks: number; cases: number }>();
  for (const t of tasks) byTenant.set(t.tenant_id, { tasks: (byTenant.get(t.tenant_id)?.tasks ?? 0) + 1, cases: byTenant.get(t.tenant_id)?.cases ?? 0 });
  for (const c of cases) byTenant.set(c.tenantId, { tasks: byTenant.get(c.tenantId)?.tasks ?? 0, cases: (byTenant.get(c.tenantId)?.cases ?? 0) + 1 });
  for (const [tenantId, n] of byTenant)
    await appendAudit(tx, params.actor, { action: 'field.overdue', tenantId, targetType: 'reminder', summary: `${n.tasks} tasks, ${n.cases} cases now overdue` });
  return { tasks: tasks.length, cases: cases.length };
}

/** Clears the overdue flag of records that are no longer open (done, closed…), so a reopened one can flag again. */
export async function clearSettledOverdue(tx: Executor): Promise<void> {
  await tx.execute(sql`update field_tasks set overdue_at = null where overdue_at is not null and status not in ('pending', 'in_progress')`);
  await tx.update(fieldCases).set({ overdueAt: null }).where(and(sql`${fieldCases.overdueAt} is not null`, sql`not (${fieldCases.status} = any(${`{${OPEN_STATUSES.join(',')}}`}::text[]))`));
}

