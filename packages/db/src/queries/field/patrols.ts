import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { evaluateRun, type PatrolRouteDoc, type PatrolRunDoc, type RouteCheckpoint } from '@linli/sync';
import { appendAudit, type AuditActor } from '../../audit';
import type { Executor } from '../../client';
import { AppError, msg } from '../../errors';
import { fieldPatrolRoutes, fieldPatrolRuns, fieldPatrolSchedules } from '../../schema';
import { offsetOf, type PageInput } from '../paging';
import { notifyFieldChanges } from './notify';
import { namesOf } from './people';
import { loadDoc, storeDoc } from './tables';

const NOT_FOUND = msg('未找到该巡更路线', 'Patrol route not found');

/** Routes with their checkpoint and schedule counts and the time of the last run. */
export async function listRoutes(tx: Executor) {
  const routes = await tx.select({ doc: fieldPatrolRoutes.doc, updatedAt: fieldPatrolRoutes.updatedAt }).from(fieldPatrolRoutes).where(eq(fieldPatrolRoutes.deleted, false)).orderBy(asc(sql`${fieldPatrolRoutes.doc}->>'name'`));
  const ids = routes.map((r) => (r.doc as unknown as PatrolRouteDoc).id);
  const schedules = ids.length ? await tx.select({ routeId: fieldPatrolSchedules.routeId, n: sql<number>`count(*)::int` }).from(fieldPatrolSchedules).where(inArray(fieldPatrolSchedules.routeId, ids)).groupBy(fieldPatrolSchedules.routeId) : [];
  const runs = ids.length
    ? await tx.select({ routeId: fieldPatrolRuns.refId, n: sql<number>`count(*)::int`, last: sql<number | null>`max((${fieldPatrolRuns.doc}->>'startedAt')::bigint)` }).from(fieldPatrolRuns).where(inArray(fieldPatrolRuns.refId, ids)).groupBy(fieldPatrolRuns.refId)
    : [];
  return routes.map((r) => {
    const d = r.doc as unknown as PatrolRouteDoc;
    const run = runs.find((x) => x.routeId === d.id);
    return { id: d.id, name: d.name, active: d.active, areaId: d.areaId ?? null, checkpoints: d.checkpoints.length, schedules: schedules.find((s) => s.routeId === d.id)?.n ?? 0, runs: run?.n ?? 0, lastRunAt: run?.last === null || run?.last === undefined ? null : Number(run.last) };
  });
}

export async function routeDetail(tx: Executor, params: { id: string }) {
  const route = (await loadDoc(tx, 'patrol_routes', params.id)) as PatrolRouteDoc | undefined;
  if (!route) throw new AppError('NOT_FOUND', NOT_FOUND);
  const schedules = await tx.select().from(fieldPatrolSchedules).where(eq(fieldPatrolSchedules.routeId, route.id)).orderBy(asc(fieldPatrolSchedules.createdAt));
  const names = await namesOf(tx, schedules.map((s) => s.guardId ?? ''));
  return { route: { ...route, checkpoints: [...route.checkpoints].sort((a, b) => a.order - b.order) }, schedules, names };
}

export interface CheckpointInput {
  id?: string;
  name: string;
  offsetMin: number;
  toleranceMin: number;
}

/** A fresh QR payload for a new sticker: unguessable, so a photo of one sticker fits no other point. */
const newQr = () => `LINLI-CP:${randomBytes(9).toString('base64url')}`;

/**
 * Creates or edits a route. Existing checkpoints keep their id and QR code (stickers already on
 * the walls stay valid); new ones get both. Order follows the list.
 */
export async function saveRoute(tx: Executor, params: { tenantId: string; id?: string; name: string; areaId?: string | null; active: boolean; checkpoints: CheckpointInput[]; actor: AuditActor }) {
  const before = params.id ? ((await loadDoc(tx, 'patrol_routes', params.id)) as PatrolRouteDoc | undefined) : undefined;
  if (params.id && !before) throw new AppError('NOT_FOUND', NOT_FOUND);
  if (params.checkpoints.length === 0) throw new AppError('BAD_REQUEST', msg('路线至少需要一个巡更点', 'A route needs at least one checkpoint'), { fieldErrors: { checkpoints: msg('请添加巡更点', 'Add a checkpoint') } });
  const old = new Map((before?.checkpoints ?? []).map((c) => [c.id, c]));
  const checkpoints: RouteCheckpoint[] = params.checkpoints.map((c, i) => {
    const prev = c.id ? old.get(c.id) : undefined;
    return { ...(prev ?? {}), id: prev?.id ?? crypto.randomUUID(), qrCode: prev?.qrCode ?? newQr(), name: c.name.trim(), order: i + 1, offsetMin: c.offsetMin, toleranceMin: c.toleranceMin };
  });
  const doc: PatrolRouteDoc = {
    id: before?.id ?? crypto.randomUUID(),
    tenantId: params.tenantId,
    updatedAt: 0,
    name: params.name.trim(),
    ...(params.areaId ? { areaId: params.areaId } : {}),
    active: params.active,
    checkpoints,
  };
  const stored = await storeDoc(tx, 'patrol_routes', doc);
  await appendAudit(tx, params.actor, { action: before ? 'field.route.update' : 'field.route.create', tenantId: params.tenantId, targetType: 'patrol_route', targetId: stored.id, summary: `${stored.name}: ${checkpoints.length} checkpoints`, before, after: stored });
  await notifyFieldChanges(tx, [{ tenantId: params.tenantId, collection: 'patrol_routes', updatedAt: stored.updatedAt, id: stored.id }]);
  return stored;
}

export async function saveSchedule(tx: Executor, params: { tenantId: string; id?: string; routeId: string; startMinutes: number[]; weekdays: number[]; guardId: string | null; active: boolean; actor: AuditActor }) {
  if (!(await loadDoc(tx, 'patrol_routes', params.routeId))) throw new AppError('NOT_FOUND', NOT_FOUND);
  const values = { startMinutes: [...new Set(params.startMinutes)].sort((a, b) => a - b), weekdays: [...new Set(params.weekdays)].sort(), guardId: params.guardId, active: params.active, updatedAt: new Date() };
  const [row] = params.id
    ? await tx.update(fieldPatrolSchedules).set(values).where(and(eq(fieldPatrolSchedules.tenantId, params.tenantId), eq(fieldPatrolSchedules.id, params.id))).returning()
    : await tx.insert(fieldPatrolSchedules).values({ tenantId: params.tenantId, routeId: params.routeId, ...values }).returning();
  if (!row) throw new AppError('NOT_FOUND', msg('未找到该排班', 'Schedule not found'));
  await appendAudit(tx, params.actor, { action: params.id ? 'field.schedule.update' : 'field.schedule.create', tenantId: params.tenantId, targetType: 'patrol_schedule', targetId: row.id, after: row });
  return row;
}

export async function deleteSchedule(tx: Executor, params: { tenantId: string; id: string; actor: AuditActor }) {
  const [row] = await tx.delete(fieldPatrolSchedules).where(and(eq(fieldPatrolSchedules.tenantId, params.tenantId), eq(fieldPatrolSchedules.id, params.id))).returning();
  if (!row) throw new AppError('NOT_FOUND', msg('未找到该排班', 'Schedule not found'));
  await appendAudit(tx, params.actor, { action: 'field.schedule.delete', tenantId: params.tenantId, targetType: 'patrol_schedule', targetId: row.id, before: row });
}

export type RunFlagFilter = 'any' | 'missed' | 'late' | 'clean';

/** Patrol results (R5.3.8): runs with late scans and missed checkpoints, recomputed against the route now. */
export async function listRuns(tx: Executor, f: PageInput & { routeId?: string; flag?: RunFlagFilter; now?: number }) {
  const now = f.now ?? Date.now();
  const where = and(eq(fieldPatrolRuns.deleted, false), f.routeId ? eq(fieldPatrolRuns.refId, f.routeId) : undefined);
  const rows = await tx.select({ doc: fieldPatrolRuns.doc }).from(fieldPatrolRuns).where(where).orderBy(desc(sql`(${fieldPatrolRuns.doc}->>'startedAt')::bigint`)).limit(2000);
  const runs = rows.map((r) => r.doc as unknown as PatrolRunDoc);
  const routeIds = [...new Set(runs.map((r) => r.routeId))];
  const routes = new Map<string, PatrolRouteDoc>();
  if (routeIds.length)
    for (const r of await tx.select({ doc: fieldPatrolRoutes.doc }).from(fieldPatrolRoutes).where(inArray(fieldPatrolRoutes.id, routeIds))) routes.set((r.doc as unknown as PatrolRouteDoc).id, r.doc as unknown as PatrolRouteDoc);
  const evaluated = runs.map((run) => {
    const route = routes.get(run.routeId);
    const flags = route ? evaluateRun(route, run, now) : { lateScanIds: run.scans.filter((s) => s.late).map((s) => s.id), missedCheckpointIds: run.missedCheckpointIds };
    return {
      id: run.id,
      routeId: run.routeId,
      routeName: route?.name ?? '',
      workerId: run.workerId,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt ?? null,
      status: run.status,
      checkpoints: route?.checkpoints.length ?? 0,
      scanned: new Set(run.scans.map((s) => s.checkpointId)).size,
      late: flags.lateScanIds.length,
      missed: flags.missedCheckpointIds.length,
      manual: run.scans.filter((s) => s.method === 'manual').length,
    };
  });
  const filtered = evaluated.filter((r) => {
    if (f.flag === 'missed') return r.missed > 0;
    if (f.flag === 'late') return r.late > 0;
    if (f.flag === 'clean') return r.missed === 0 && r.late === 0;
    return true;
  });
  const items = filtered.slice(offsetOf(f), offsetOf(f) + f.pageSize);
  const names = await namesOf(tx, items.map((i) => i.workerId));
  const summary = { runs: filtered.length, withMissed: filtered.filter((r) => r.missed > 0).length, withLate: filtered.filter((r) => r.late > 0).length };
  return { items, names, total: filtered.length, page: f.page, pageSize: f.pageSize, summary };
}

export async function runDetail(tx: Executor, params: { id: string; now?: number }) {
  const run = (await loadDoc(tx, 'patrol_runs', params.id)) as PatrolRunDoc | undefined;
  if (!run) throw new AppError('NOT_FOUND', msg('未找到该巡更记录', 'Patrol run not found'));
  const route = (await loadDoc(tx, 'patrol_routes', run.routeId)) as PatrolRouteDoc | undefined;
  const flags = route ? evaluateRun(route, run, params.now ?? Date.now()) : { lateScanIds: [], missedCheckpointIds: run.missedCheckpointIds };
  const names = await namesOf(tx, [run.workerId]);
  const points = (route?.checkpoints ?? []).sort((a, b) => a.order - b.order).map((c) => {
    const scan = run.scans.find((s) => s.checkpointId === c.id);
    return { id: c.id, name: c.name, order: c.order, expectedAt: run.startedAt + c.offsetMin * 60_000, scan: scan ?? null, late: scan ? flags.lateScanIds.includes(scan.id) : false, missed: flags.missedCheckpointIds.includes(c.id) };
  });
  return { run, routeName: route?.name ?? '', points, names };
}

