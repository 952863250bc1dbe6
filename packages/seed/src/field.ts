import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import {
  SYSTEM_ACTOR,
  appendAudit,
  buildings,
  fieldAreaMembers,
  fieldAreas,
  fieldPatrolSchedules,
  fieldPlans,
  generateDueTasks,
  households,
  loadDoc,
  storeDoc,
  syncPlaces,
  unitPlaceId,
  type Executor,
} from '@linli/db';
import { hashUuid, type CaseDoc, type CaseHistoryEntry, type CaseKind, type CaseStatus, type PatrolRouteDoc, type VisitDoc } from '@linli/sync';

/** tenants/<slug>/field.json: grid areas, patrol routes, plans, demo cases and visits (issue #4). */
interface FieldSeed {
  /** The office user the seeded workflow steps (assign, close) are recorded as. */
  office: string;
  areas: { key: string; name: string; buildings: string[]; members: string[] }[];
  routes: {
    key: string;
    name: string;
    area?: string;
    checkpoints: { key: string; name: string; offsetMin: number; toleranceMin: number }[];
    schedules: { times: string[]; weekdays: number[]; worker?: string }[];
  }[];
  plans: { key: string; name: string; kind: 'maintenance' | 'inspection'; area?: string; assignee: string; everyDays: number; leadHours: number; firstDueInHours: number; checklist: string[] }[];
  cases: { key: string; kind: CaseKind; title: string; description: string; building?: string; unit?: number; room?: string; reporter: string; ageHours: number; dueInHours: number; status: CaseStatus; assignee?: string }[];
  visits: { key: string; building: string; unit: number; room: string; worker: string; ageHours: number; occupancy: VisitDoc['occupancy']; residentsSeen?: number; notes: string; vulnerable: VisitDoc['vulnerable'] }[];
}

const HOUR = 3_600_000;

export function readFieldSeed(tenantsDir: string, slug: string): FieldSeed | null {
  const path = join(tenantsDir, slug, 'field.json');
  if (!existsSync(path)) return null;
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<FieldSeed>;
  for (const k of ['areas', 'routes', 'plans', 'cases', 'visits'] as const)
    if (!Array.isArray(raw[k])) throw new Error(`${slug}/field.json: "${k}" must be an array`);
  return raw as FieldSeed;
}

const minutes = (hhmm: string) => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`field.json: time "${hhmm}" is not HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
};

/** The workflow a seeded case went through to reach its status, entry by entry. */
const PATH: Record<string, CaseStatus[]> = {
  reported: ['reported'],
  assigned: ['reported', 'assigned'],
  in_progress: ['reported', 'assigned', 'in_progress'],
  resolved: ['reported', 'assigned', 'in_progress', 'resolved'],
  verified: ['reported', 'assigned', 'in_progress', 'resolved', 'verified'],
  closed: ['reported', 'assigned', 'in_progress', 'resolved', 'verified', 'closed'],
};

/**
 * Seeds one tenant's field data. Idempotent: ids derive from the tenant and the keys in the
 * file, and documents that exist are left as they are (workers may have changed them).
 */
export async function seedTenantField(
  tx: Executor,
  params: { slug: string; tenantId: string; seed: FieldSeed; userIds: Map<string, string>; now?: number },
): Promise<{ places: number; tasks: number; cases: number }> {
  const { tenantId, seed, slug } = params;
  const now = params.now ?? Date.now();
  const id = (kind: string, key: string) => hashUuid(`seed|${slug}|${kind}|${key}`);
  const user = (name: string) => {
    const u = params.userIds.get(name);
    if (!u) throw new Error(`${slug}/field.json: unknown user "${name}"`);
    return u;
  };
  const blds = new Map((await tx.select({ id: buildings.id, code: buildings.code }).from(buildings).where(eq(buildings.tenantId, tenantId))).map((b) => [b.code, b.id]));
  const building = (code: string) => {
    const b = blds.get(code);
    if (!b) throw new Error(`${slug}/field.json: unknown building "${code}"`);
    return b;
  };

  const areaIds = new Map<string, string>();
  for (const a of seed.areas) {
    const areaId = id('area', a.key);
    areaIds.set(a.key, areaId);
    await tx.insert(fieldAreas).values({ tenantId, id: areaId, name: a.name, buildingIds: a.buildings.map(building) }).onConflictDoNothing();
    for (const m of a.members) await tx.insert(fieldAreaMembers).values({ tenantId, areaId, userId: user(m) }).onConflictDoNothing();
  }
  const area = (key?: string) => (key ? { areaId: areaIds.get(key) ?? (() => { throw new Error(`${slug}/field.json: unknown area "${key}"`); })() } : {});
  const places = await syncPlaces(tx, { tenantId, actor: SYSTEM_ACTOR, now });

  for (const r of seed.routes) {
    const routeId = id('route', r.key);
    if (!(await loadDoc(tx, 'patrol_routes', routeId))) {
      const route: PatrolRouteDoc = {
        id: routeId,
        tenantId,
        updatedAt: 0,
        name: r.name,
        ...area(r.area),
        active: true,
        checkpoints: r.checkpoints.map((c, i) => ({ id: id('checkpoint', `${r.key}/${c.key}`), name: c.name, qrCode: `LINLI-CP:${slug}:${r.key}:${c.key}`, order: i + 1, offsetMin: c.offsetMin, toleranceMin: c.toleranceMin })),
      };
      await storeDoc(tx, 'patrol_routes', route, now);
      await appendAudit(tx, SYSTEM_ACTOR, { action: 'field.route.create', tenantId, targetType: 'patrol_route', targetId: routeId, summary: `seed ${r.name}` });
    }
    for (const [i, s] of r.schedules.entries())
      await tx
        .insert(fieldPatrolSchedules)
        .values({ tenantId, id: id('schedule', `${r.key}/${i}`), routeId, startMinutes: s.times.map(minutes), weekdays: s.weekdays, guardId: s.worker ? user(s.worker) : null })
        .onConflictDoNothing();
  }

  for (const p of seed.plans) {
    await tx
      .insert(fieldPlans)
      .values({
        tenantId,
        id: id('plan', p.key),
        name: p.name,
        kind: p.kind,
        ...area(p.area),
        assigneeId: user(p.assignee),
        checklist: p.checklist.map((label, i) => ({ itemId: `i${i + 1}`, label })),
        everyDays: p.everyDays,
        leadHours: p.leadHours,
        nextDueAt: Math.floor((now + p.firstDueInHours * HOUR) / HOUR) * HOUR,
      })
      .onConflictDoNothing();
  }
  const tasks = await generateDueTasks(tx, { now, actor: SYSTEM_ACTOR });

  let cases = 0;
  const office = user(seed.office);
  for (const c of seed.cases) {
    const caseId = id('case', c.key);
    if (await loadDoc(tx, 'cases', caseId)) continue;
    const reportedAt = now - c.ageHours * HOUR;
    const reporter = user(c.reporter);
    const assignee = c.assignee ? user(c.assignee) : undefined;
    const steps = PATH[c.status] ?? ['reported'];
    const history: CaseHistoryEntry[] = steps.map((to, i) => ({
      id: id('case-entry', `${c.key}/${i}`),
      at: reportedAt + i * Math.floor((c.ageHours * HOUR) / (steps.length + 1)),
      by: to === 'reported' ? reporter : to === 'in_progress' || to === 'resolved' ? (assignee ?? office) : office,
      from: i === 0 ? null : steps[i - 1]!,
      to,
      ...(to === 'assigned' && assignee ? { assigneeId: assignee } : {}),
    }));
    let householdId: string | undefined;
    if (c.building && c.unit && c.room) {
      const [h] = await tx
        .select({ id: households.id })
        .from(households)
        .where(and(eq(households.tenantId, tenantId), eq(households.buildingId, building(c.building)), eq(households.unit, c.unit), eq(households.room, c.room)));
      householdId = h?.id;
    }
    const areaId = c.building ? seed.areas.find((a) => a.buildings.includes(c.building!))?.key : undefined;
    const doc: CaseDoc = {
      id: caseId,
      tenantId,
      updatedAt: 0,
      kind: c.kind,
      title: c.title,
      description: c.description,
      ...area(areaId),
      location: {
        ...(c.building ? { buildingId: building(c.building) } : {}),
        ...(c.building && c.unit ? { unit: unitPlaceId(tenantId, building(c.building), c.unit) } : {}),
        ...(householdId ? { householdId } : {}),
      },
      photoIds: [],
      status: c.status,
      reportedBy: reporter,
      reportedAt,
      ...(assignee ? { assigneeId: assignee } : {}),
      dueAt: now + c.dueInHours * HOUR,
      history,
      comments: [],
    };
    await storeDoc(tx, 'cases', doc, now);
    await appendAudit(tx, SYSTEM_ACTOR, { action: 'field.case.create', tenantId, targetType: 'case', targetId: caseId, summary: `seed ${c.kind}` });
    cases++;
  }

  for (const v of seed.visits) {
    const visitId = id('visit', v.key);
    if (await loadDoc(tx, 'visits', visitId)) continue;
    const [h] = await tx
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.tenantId, tenantId), eq(households.buildingId, building(v.building)), eq(households.unit, v.unit), eq(households.room, v.room)));
    if (!h) throw new Error(`${slug}/field.json: visit ${v.key}: no household ${v.building}-${v.unit}-${v.room}`);
    const areaKey = seed.areas.find((a) => a.buildings.includes(v.building))?.key;
    const visit: VisitDoc = {
      id: visitId,
      tenantId,
      updatedAt: 0,
      householdId: h.id,
      ...area(areaKey),
      workerId: user(v.worker),
      at: now - v.ageHours * HOUR,
      occupancy: v.occupancy,
      ...(v.residentsSeen !== undefined ? { residentsSeen: v.residentsSeen } : {}),
      notes: v.notes,
      vulnerable: v.vulnerable,
      photoIds: [],
    };
    await storeDoc(tx, 'visits', visit, now);
    await appendAudit(tx, SYSTEM_ACTOR, { action: 'field.visit.create', tenantId, targetType: 'visit', targetId: visitId, summary: 'seed' });
  }
  return { places, tasks, cases };
}
