import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type CaseDoc, type CollectionName, type VisitDoc } from '@linli/sync';
import { appendAudit, type AuditActor } from '../../audit';
import type { Executor } from '../../client';
import { AppError, msg } from '../../errors';
import { buildings, fieldAreaMembers, fieldAreas, fieldCases, fieldPlans, fieldVisits, households } from '../../schema';
import { notifyFieldChanges, type FieldChange } from './notify';
import { fieldPeople } from './people';
import { syncPlaces } from './places';
import { FIELD_TABLES, reserveStamps, storeDocs } from './tables';

/**
 * Grid areas (网格, R6.6.9–10): a named set of buildings, given to field workers. A tablet pulls
 * only its worker's areas (see pull.ts), so every change here re-tags, in the same transaction,
 * the documents whose area follows from a building (places, cases with a building, visits via the
 * household) and re-stamps what a worker newly sees — a checkpoint never skips them.
 */

const NOT_FOUND = msg('未找到该网格', 'Grid area not found');

/** Areas with their buildings (code, name, households) and workers; every building (picker); the assignable workers. */
export async function listAreas(tx: Executor, params: { tenantId: string }) {
  const { tenantId } = params;
  // In the order they were drawn (the seed's in one transaction share a time: then by name).
  const areas = await tx.select().from(fieldAreas).where(eq(fieldAreas.tenantId, tenantId)).orderBy(asc(fieldAreas.createdAt), asc(fieldAreas.name));
  const blds = await tx
    .select({
      id: buildings.id,
      code: buildings.code,
      name: buildings.name,
      households: sql<number>`(select count(*)::int from households h where h.tenant_id = "buildings"."tenant_id" and h.building_id = "buildings"."id")`,
    })
    .from(buildings)
    .where(eq(buildings.tenantId, tenantId))
    .orderBy(asc(buildings.code));
  const members = areas.length
    ? await tx.select({ areaId: fieldAreaMembers.areaId, userId: fieldAreaMembers.userId }).from(fieldAreaMembers).where(eq(fieldAreaMembers.tenantId, tenantId))
    : [];
  const people = await fieldPeople(tx, { tenantId });
  const workers = dedupe(people.filter((p) => p.field));
  const byId = new Map(people.map((p) => [p.id, p]));
  const areaOf = new Map<string, string>();
  for (const a of areas) for (const b of a.buildingIds) if (!areaOf.has(b)) areaOf.set(b, a.id);
  const bById = new Map(blds.map((b) => [b.id, b]));
  return {
    areas: areas.map((a) => {
      const bs = a.buildingIds.map((id) => bById.get(id)).filter((b): b is (typeof blds)[number] => !!b);
      return {
        id: a.id,
        name: a.name,
        buildings: bs,
        households: bs.reduce((n, b) => n + b.households, 0),
        members: members
          .filter((m) => m.areaId === a.id)
          .map((m) => ({ id: m.userId, displayName: byId.get(m.userId)?.displayName ?? '—', username: byId.get(m.userId)?.username ?? '', role: byId.get(m.userId)?.role ?? null })),
      };
    }),
    buildings: blds.map((b) => ({ ...b, areaId: areaOf.get(b.id) ?? null })),
    workers: workers.map((w) => ({ id: w.id, displayName: w.displayName, username: w.username, role: w.role })),
  };
}

function dedupe<T extends { id: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

export interface SaveAreaInput {
  tenantId: string;
  id?: string;
  name: string;
  buildingIds: string[];
  actor: AuditActor;
  now?: number;
}

/** Creates or edits an area. A building belongs to at most one area; buildings must be this community's. */
export async function saveArea(tx: Executor, params: SaveAreaInput) {
  const { tenantId } = params;
  const name = params.name.trim();
  const ids = [...new Set(params.buildingIds)];
  if (!name) throw new AppError('BAD_REQUEST', msg('请填写网格名称', 'Enter the area name'), { fieldErrors: { name: msg('请填写网格名称', 'Enter the area name') } });
  if (ids.length === 0) throw new AppError('BAD_REQUEST', msg('网格至少包含一栋楼', 'An area needs at least one building'), { fieldErrors: { buildingIds: msg('请选择楼栋', 'Pick buildings') } });
  // One area change per community at a time: two managers saving at once cannot both take one
  // building (a row lock would not cover two new areas).
  await lockAreas(tx, tenantId);
  const areas = await tx.select().from(fieldAreas).where(eq(fieldAreas.tenantId, tenantId));
  const before = params.id ? areas.find((a) => a.id === params.id) : undefined;
  if (params.id && !before) throw new AppError('NOT_FOUND', NOT_FOUND);
  const found = await tx.select({ id: buildings.id }).from(buildings).where(and(eq(buildings.tenantId, tenantId), inArray(buildings.id, ids)));
  if (found.length !== ids.length)
    throw new AppError('BAD_REQUEST', msg('所选楼栋不属于本小区', 'A chosen building is not in this community'), { fieldErrors: { buildingIds: msg('楼栋不存在或不属于本小区', 'Unknown building for this community') } });
  if (areas.some((a) => a.id !== params.id && a.name === name))
    throw new AppError('CONFLICT', msg(`已有名为“${name}”的网格`, `An area named "${name}" already exists`), { fieldErrors: { name: msg('名称已被使用', 'Name already used') } });
  const taken = areas.filter((a) => a.id !== params.id && a.buildingIds.some((b) => ids.includes(b)));
  if (taken.length) {
    const names = taken.map((a) => a.name).join('、');
    throw new AppError('CONFLICT', msg(`所选楼栋已属于网格：${names}。一栋楼只能属于一个网格，请先从原网格移出`, `A chosen building already belongs to: ${names}. A building can be in one area only; remove it there first`), {
      fieldErrors: { buildingIds: msg('楼栋已属于其他网格', 'Building already in another area') },
    });
  }
  const values = { name, buildingIds: ids, updatedAt: new Date() };
  const [row] = before
    ? await tx.update(fieldAreas).set(values).where(and(eq(fieldAreas.tenantId, tenantId), eq(fieldAreas.id, before.id))).returning()
    : await tx.insert(fieldAreas).values({ tenantId, ...values }).returning();
  const retagged = await retagFromBuildings(tx, { tenantId, actor: params.actor, now: params.now });
  await appendAudit(tx, params.actor, {
    action: before ? 'field.area.update' : 'field.area.create',
    tenantId,
    targetType: 'field_area',
    targetId: row!.id,
    summary: `${name}: ${ids.length} buildings; retagged ${retagged.places} places, ${retagged.cases} cases, ${retagged.visits} visits`,
    before,
    after: row,
  });
  return { area: row!, retagged };
}

/**
 * Deletes an area. What was tagged with it is untagged (becomes community-wide, seen by every
 * worker here) rather than refused or hidden: nothing a worker is doing disappears from the
 * tablets, and the manager can re-tag routes and plans from their own pages. Plans lose the area
 * too, so their future tasks are community-wide.
 */
export async function deleteArea(tx: Executor, params: { tenantId: string; id: string; actor: AuditActor; now?: number }) {
  const { tenantId, id } = params;
  await lockAreas(tx, tenantId);
  const [before] = await tx.select().from(fieldAreas).where(and(eq(fieldAreas.tenantId, tenantId), eq(fieldAreas.id, id)));
  if (!before) throw new AppError('NOT_FOUND', NOT_FOUND);
  const memberIds = (await tx.select({ userId: fieldAreaMembers.userId }).from(fieldAreaMembers).where(and(eq(fieldAreaMembers.tenantId, tenantId), eq(fieldAreaMembers.areaId, id)))).map((m) => m.userId);
  // Everything lets go of the area before it goes: the records' and plans' keys refuse a deleted
  // area (migration 0009). Emptied first, the area no longer claims its buildings, so re-deriving
  // from buildings drops it; what was tagged otherwise is untagged; then it is deleted.
  const plans = await tx.update(fieldPlans).set({ areaId: null, updatedAt: new Date() }).where(and(eq(fieldPlans.tenantId, tenantId), eq(fieldPlans.areaId, id))).returning({ id: fieldPlans.id });
  await tx.update(fieldAreas).set({ buildingIds: [] }).where(and(eq(fieldAreas.tenantId, tenantId), eq(fieldAreas.id, id)));
  const retagged = await retagFromBuildings(tx, { tenantId, actor: params.actor, now: params.now });
  // Its records become community-wide, re-stamped so every tablet pulls them. Its workers see no
  // more than that: a worker left without an area sees none of the areas (see worker.ts).
  const untagged = await untagArea(tx, { tenantId, areaId: id, now: params.now });
  await tx.delete(fieldAreas).where(and(eq(fieldAreas.tenantId, tenantId), eq(fieldAreas.id, id)));
  await appendAudit(tx, params.actor, {
    action: 'field.area.delete',
    tenantId,
    targetType: 'field_area',
    targetId: id,
    summary: `${before.name}: untagged ${untagged} records, ${plans.length} plans; retagged ${retagged.places} places, ${retagged.cases} cases, ${retagged.visits} visits`,
    before: { ...before, members: memberIds },
  });
  return { untagged, plans: plans.length, retagged };
}

/** Gives an area to a field worker of this community. */
export async function assignAreaWorker(tx: Executor, params: { tenantId: string; areaId: string; userId: string; actor: AuditActor; now?: number }) {
  const { tenantId, areaId, userId } = params;
  await lockAreas(tx, tenantId);
  await requireArea(tx, tenantId, areaId);
  const people = await fieldPeople(tx, { tenantId });
  if (!people.some((p) => p.id === userId && p.field))
    throw new AppError('BAD_REQUEST', msg('只能分配本小区的一线人员（网格员、保安、技工、物业员工）', 'Only field workers of this community (grid worker, guard, technician, property staff) can be assigned'), {
      fieldErrors: { userId: msg('请选择本小区的一线人员', 'Pick a field worker of this community') },
    });
  const before = await visibleAreas(tx, tenantId, userId);
  const inserted = await tx.insert(fieldAreaMembers).values({ tenantId, areaId, userId }).onConflictDoNothing().returning();
  if (inserted.length === 0) throw new AppError('CONFLICT', msg('该人员已在此网格', 'This worker is already assigned to the area'));
  const touched = await touchNewlyVisible(tx, tenantId, userId, before, params.now);
  await appendAudit(tx, params.actor, { action: 'field.area.assign', tenantId, targetType: 'field_area', targetId: areaId, summary: `worker ${userId}; re-sent ${touched}`, after: inserted[0] });
  return { touched };
}

export async function unassignAreaWorker(tx: Executor, params: { tenantId: string; areaId: string; userId: string; actor: AuditActor; now?: number }) {
  const { tenantId, areaId, userId } = params;
  await lockAreas(tx, tenantId);
  await requireArea(tx, tenantId, areaId);
  const before = await visibleAreas(tx, tenantId, userId);
  const removed = await tx
    .delete(fieldAreaMembers)
    .where(and(eq(fieldAreaMembers.tenantId, tenantId), eq(fieldAreaMembers.areaId, areaId), eq(fieldAreaMembers.userId, userId)))
    .returning();
  if (removed.length === 0) throw new AppError('NOT_FOUND', msg('该人员不在此网格', 'This worker is not assigned to the area'));
  // Nothing becomes newly visible: without their last area the worker sees none of the areas.
  const touched = await touchNewlyVisible(tx, tenantId, userId, before, params.now);
  await appendAudit(tx, params.actor, { action: 'field.area.unassign', tenantId, targetType: 'field_area', targetId: areaId, summary: `worker ${userId}; re-sent ${touched}`, before: removed[0] });
  return { touched };
}

const lockAreas = (tx: Executor, tenantId: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`field_areas|${tenantId}`}))`);

async function requireArea(tx: Executor, tenantId: string, areaId: string) {
  const [a] = await tx.select({ id: fieldAreas.id }).from(fieldAreas).where(and(eq(fieldAreas.tenantId, tenantId), eq(fieldAreas.id, areaId)));
  if (!a) throw new AppError('NOT_FOUND', NOT_FOUND);
}

/** The areas whose records an assignable (field) worker's tablet pulls here: their assigned ones (worker.ts). */
async function visibleAreas(tx: Executor, tenantId: string, userId: string): Promise<string[]> {
  const own = await tx.select({ id: fieldAreaMembers.areaId }).from(fieldAreaMembers).where(and(eq(fieldAreaMembers.tenantId, tenantId), eq(fieldAreaMembers.userId, userId)));
  return own.map((a) => a.id);
}

/**
 * A worker whose areas grow would never pull the new area's records (their stamps lie behind the
 * tablet's checkpoint), so those records get fresh stamps. Other tablets re-receive them unchanged.
 */
async function touchNewlyVisible(tx: Executor, tenantId: string, userId: string, before: string[], now?: number): Promise<number> {
  const after = await visibleAreas(tx, tenantId, userId);
  return touchAreas(tx, { tenantId, areaIds: after.filter((a) => !before.includes(a)), now });
}

const AREA_COLLECTIONS = (Object.keys(FIELD_TABLES) as CollectionName[]).filter((c) => c !== 'conflicts');

/** Fresh stamps for every record tagged with one of the areas (all collections a worker pulls by area). */
export async function touchAreas(tx: Executor, params: { tenantId: string; areaIds: string[]; now?: number }): Promise<number> {
  if (params.areaIds.length === 0) return 0;
  return restamp(tx, params.tenantId, params.areaIds, false, params.now);
}

/** Removes the area from every record still carrying it (not derived from a building), with fresh stamps. */
async function untagArea(tx: Executor, params: { tenantId: string; areaId: string; now?: number }): Promise<number> {
  return restamp(tx, params.tenantId, [params.areaId], true, params.now);
}

async function restamp(tx: Executor, tenantId: string, areaIds: string[], untag: boolean, now = Date.now()): Promise<number> {
  const areas = sql`${`{${areaIds.join(',')}}`}::uuid[]`;
  const changes: FieldChange[] = [];
  let total = 0;
  for (const c of AREA_COLLECTIONS) {
    const t = FIELD_TABLES[c];
    const rows = await tx.select({ id: t.id }).from(t).where(and(eq(t.tenantId, tenantId), sql`${t.areaId} = any(${areas})`)).orderBy(asc(t.id));
    if (rows.length === 0) continue;
    const stamps = await reserveStamps(tx, rows.length, now);
    const ids = sql`${`{${rows.map((r) => r.id).join(',')}}`}::uuid[]`;
    const st = sql`${`{${stamps.join(',')}}`}::bigint[]`;
    const table = sql.identifier(tableName(c));
    const doc = untag ? sql`jsonb_set(t.doc - 'areaId', '{updatedAt}', to_jsonb(v.s))` : sql`jsonb_set(t.doc, '{updatedAt}', to_jsonb(v.s))`;
    await tx.execute(
      sql`update ${table} as t set updated_at = v.s, doc = ${doc}${untag ? sql`, area_id = null` : sql``} from unnest(${ids}, ${st}) as v(id, s) where t.tenant_id = ${tenantId}::uuid and t.id = v.id`,
    );
    changes.push({ tenantId, collection: c, updatedAt: stamps[stamps.length - 1]!, id: rows[rows.length - 1]!.id });
    total += rows.length;
  }
  await notifyFieldChanges(tx, changes);
  return total;
}

const tableName = (c: CollectionName) => `field_${c}`;

/**
 * Re-derives the area of everything that follows a building: the tablet's places (syncPlaces),
 * cases reported at a building, visits (via the household's building). Only records whose area
 * changed are rewritten, each with a fresh stamp, so the tablets pull exactly the change.
 */
export async function retagFromBuildings(tx: Executor, params: { tenantId: string; actor: AuditActor; now?: number | undefined }) {
  const { tenantId } = params;
  const now = params.now ?? Date.now();
  const areaOf = new Map<string, string>();
  for (const a of await tx.select({ id: fieldAreas.id, buildingIds: fieldAreas.buildingIds }).from(fieldAreas).where(eq(fieldAreas.tenantId, tenantId)).orderBy(asc(fieldAreas.createdAt)))
    for (const b of a.buildingIds) if (!areaOf.has(b)) areaOf.set(b, a.id);
  const places = await syncPlaces(tx, { tenantId, actor: params.actor, now });

  const withArea = <D extends { areaId?: string }>(d: D, want: string | undefined): D | null => {
    if ((d.areaId ?? undefined) === want) return null;
    const { areaId: _drop, ...rest } = d;
    return (want ? { ...rest, areaId: want } : rest) as D;
  };
  const caseRows = await tx
    .select({ doc: fieldCases.doc, deleted: fieldCases.deleted })
    .from(fieldCases)
    .where(and(eq(fieldCases.tenantId, tenantId), sql`${fieldCases.doc}->'location'->>'buildingId' is not null`));
  const cases = caseRows
    .map((r) => {
      const d = r.doc as unknown as CaseDoc;
      const next = withArea(d, areaOf.get(d.location.buildingId!));
      return next && r.deleted ? { ...next, _deleted: true } : next;
    })
    .filter((d): d is CaseDoc => d !== null);
  const visitRows = await tx
    .select({ doc: fieldVisits.doc, deleted: fieldVisits.deleted, buildingId: households.buildingId })
    .from(fieldVisits)
    .innerJoin(households, and(eq(households.tenantId, fieldVisits.tenantId), eq(households.id, fieldVisits.refId)))
    .where(eq(fieldVisits.tenantId, tenantId));
  const visits = visitRows
    .map((r) => {
      const next = withArea(r.doc as unknown as VisitDoc, areaOf.get(r.buildingId));
      return next && r.deleted ? { ...next, _deleted: true } : next;
    })
    .filter((d): d is VisitDoc => d !== null);
  const storedCases = await storeDocs(tx, 'cases', cases, now);
  const storedVisits = await storeDocs(tx, 'visits', visits, now);
  const changes: FieldChange[] = [];
  const last = (collection: CollectionName, docs: { id: string; updatedAt: number }[]) => {
    const d = docs[docs.length - 1];
    if (d) changes.push({ tenantId, collection, updatedAt: d.updatedAt, id: d.id });
  };
  last('cases', storedCases);
  last('visits', storedVisits);
  await notifyFieldChanges(tx, changes);
  return { places, cases: cases.length, visits: visits.length };
}
