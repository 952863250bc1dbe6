import { and, eq, inArray, sql } from 'drizzle-orm';
import { RegistryImportRejected, SYSTEM_ACTOR, appendAudit, buildings, cimSites, commitRegistryImport, devices, households, residents, type Executor } from '@linli/db';
import type { ParsedImport } from '@linli/cim/import/index';
import { blindIndex, encryptField, type FieldKeys } from '@linli/security';
import { planDevices, seedTenantDevices } from './devices';
import { expandHouseholds, type PlannedHousehold } from './households';
import { PeopleGenerator, localRegionCodes, type Person } from './people';
import { createRng } from './prng';
import type { TenantRef, UserRef } from './reference';
import { siteGeometryOf } from './registry';
import { LOCK_CLASS, chunks, count } from './seed-sql';

export interface TenantSeedSummary {
  tenantId: string;
  buildings: number;
  households: number;
  residents: number;
  /** Devices in the tenant's ledger (demo devices only when a devsimKey was given). */
  devices: number;
}

export interface TenantContext {
  tenant: TenantRef;
  tenantId: string;
  city: string;
  keys: FieldKeys;
  /** Demo users whose resident link points into this tenant. */
  linked: UserRef[];
  userIds: Map<string, string>;
  devsimKey?: string;
  /** tenants/<slug>/registry, parsed: loaded through the registry import (the console's own path). */
  registry?: { files: string[]; parsed: ParsedImport } | null;
}

function residentRow(ctx: TenantContext, householdId: string | null, p: Person, userId: string | null = null): typeof residents.$inferInsert {
  return {
    tenantId: ctx.tenantId,
    householdId,
    name: p.name,
    idNumberEnc: encryptField(p.idNumber, ctx.keys.enc),
    idNumberBidx: blindIndex(p.idNumber, ctx.keys.idx),
    phone: p.phone,
    category: p.category,
    userId,
  };
}

/** Buildings, households, residents and the audit row of one tenant, inside its scoped transaction. */
export async function seedTenant(tx: Executor, ctx: TenantContext): Promise<TenantSeedSummary> {
  const { tenant, tenantId } = ctx;
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(${tenant.slug}))`);

  const planned = expandHouseholds(tenant);
  const [imported] = await tx.select({ n: count }).from(cimSites).where(eq(cimSites.tenantId, tenantId));
  if (ctx.registry && (imported?.n ?? 0) === 0) {
    // Once per community (later changes come from the console import and must not be reverted).
    // One code path: the reference registry goes through the same validation and commit as an upload.
    try {
      await commitRegistryImport(tx, SYSTEM_ACTOR, { tenantId, parsed: ctx.registry.parsed, files: ctx.registry.files });
    } catch (e) {
      if (e instanceof RegistryImportRejected) {
        const lines = e.problems.filter((p) => p.severity === 'error').slice(0, 20).map((p) => `${p.file}${p.row ? ` row ${p.row}` : ''}: ${p.en}`);
        throw new Error(`seed: tenants/${tenant.slug}/registry is invalid:\n  - ${lines.join('\n  - ')}`);
      }
      throw e;
    }
    // Demo devices seeded before the registry existed sat on a rough layout: move them into
    // their surveyed buildings, once (this branch runs once per community).
    const geometry = siteGeometryOf(ctx.registry.parsed);
    if (ctx.devsimKey && geometry) {
      const moved = planDevices(tenant, geometry).map((d) => ({ code: d.code, lng: d.lng, lat: d.lat }));
      await tx.execute(sql`
        update devices d set lng = x.lng, lat = x.lat, updated_at = now()
          from jsonb_to_recordset(${JSON.stringify(moved)}::jsonb) as x(code text, lng float8, lat float8)
         where d.tenant_id = ${tenantId}::uuid and d.code = x.code`);
    }
  } else if (!ctx.registry) {
    await insertFromTenantJson(tx, ctx, planned);
  }
  const codes = await tx.select({ id: buildings.id, code: buildings.code }).from(buildings).where(eq(buildings.tenantId, tenantId));
  const buildingIds = new Map(codes.map((b) => [b.code, b.id]));

  const householdRows = await tx
    .select({ id: households.id, buildingId: households.buildingId, unit: households.unit, room: households.room, state: households.state })
    .from(households)
    .where(eq(households.tenantId, tenantId));
  const hhKey = (buildingId: string, unit: number, room: string) => `${buildingId}/${unit}/${room}`;
  const householdByKey = new Map(householdRows.map((h) => [hhKey(h.buildingId, h.unit, h.room), h]));
  const find = (h: { buildingCode: string; unit: number; room: string }) =>
    householdByKey.get(hhKey(buildingIds.get(h.buildingCode) ?? '', h.unit, h.room));

  const [existing] = await tx.select({ n: count }).from(residents).where(eq(residents.tenantId, tenantId));
  if ((existing?.n ?? 0) === 0) {
    const rows = generateResidents(ctx, planned, find);
    for (const part of chunks(rows)) await tx.insert(residents).values(part);
  }

  for (const user of ctx.linked) await linkResidentUser(tx, ctx, user, find);

  if (ctx.devsimKey) {
    const geometry = ctx.registry ? siteGeometryOf(ctx.registry.parsed) : null;
    await seedTenantDevices(tx, { tenant, tenantId, devsimKey: ctx.devsimKey, buildingIds, geometry });
  }

  const [b] = await tx.select({ n: count }).from(buildings).where(eq(buildings.tenantId, tenantId));
  const [h] = await tx.select({ n: count }).from(households).where(eq(households.tenantId, tenantId));
  const [r] = await tx.select({ n: count }).from(residents).where(eq(residents.tenantId, tenantId));
  const [d] = await tx.select({ n: count }).from(devices).where(eq(devices.tenantId, tenantId));
  const summary = { tenantId, buildings: b?.n ?? 0, households: h?.n ?? 0, residents: r?.n ?? 0, devices: d?.n ?? 0 };
  await appendAudit(tx, SYSTEM_ACTOR, {
    action: 'seed.tenant',
    tenantId,
    targetType: 'tenant',
    targetId: tenantId,
    summary: `${summary.buildings} buildings, ${summary.households} households, ${summary.residents} residents, ${summary.devices} devices`,
  });
  return summary;
}

/** Tenants without a registry folder: buildings and households straight from tenant.json. */
async function insertFromTenantJson(tx: Executor, ctx: TenantContext, planned: PlannedHousehold[]): Promise<void> {
  const { tenant, tenantId } = ctx;
  const buildingRows = await tx
    .insert(buildings)
    .values(
      tenant.buildings.map((b) => ({
        tenantId,
        code: b.code,
        name: b.name,
        floorsAbove: b.floorsAbove,
        floorsBelow: b.floorsBelow,
        unitCount: b.units,
        use: b.use,
      })),
    )
    .onConflictDoUpdate({
      target: [buildings.tenantId, buildings.code],
      set: {
        name: sql`excluded.name`,
        floorsAbove: sql`excluded.floors_above`,
        floorsBelow: sql`excluded.floors_below`,
        unitCount: sql`excluded.unit_count`,
        use: sql`excluded.use`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ id: buildings.id, code: buildings.code });
  const buildingIds = new Map(buildingRows.map((b) => [b.code, b.id]));
  for (const part of chunks(planned)) {
    await tx
      .insert(households)
      .values(
        part.map((h) => ({
          tenantId,
          buildingId: buildingIds.get(h.buildingCode) ?? '',
          unit: h.unit,
          floor: h.floor,
          room: h.room,
          area: h.area,
          use: h.use,
          state: h.state,
        })),
      )
      .onConflictDoNothing();
  }
}

function generateResidents(
  ctx: TenantContext,
  planned: PlannedHousehold[],
  find: (h: PlannedHousehold) => { id: string; state: string } | undefined,
): (typeof residents.$inferInsert)[] {
  const people = new PeopleGenerator(createRng(`linli/residents/${ctx.tenant.slug}`), localRegionCodes(ctx.city));
  const rows: (typeof residents.$inferInsert)[] = [];
  for (const plan of planned) {
    const hh = find(plan);
    if (!hh || plan.use !== 'residential' || (hh.state !== 'occupied' && hh.state !== 'rented')) continue;
    const size = people.householdSize(ctx.tenant.residentsPerHousehold);
    for (const p of people.household(size, { rented: hh.state === 'rented' })) rows.push(residentRow(ctx, hh.id, p));
  }
  return rows;
}

/** Links a demo resident account to exactly one resident row in its named household. */
async function linkResidentUser(
  tx: Executor,
  ctx: TenantContext,
  user: UserRef,
  find: (h: { buildingCode: string; unit: number; room: string }) => { id: string; state: string } | undefined,
): Promise<void> {
  const link = user.resident;
  const userId = ctx.userIds.get(user.username);
  if (!link || !userId) return;
  const hh = find({ buildingCode: link.building, unit: link.unit, room: link.room });
  if (!hh) throw new Error(`seed: ${user.username}'s household ${link.building} ${link.unit}-${link.room} is missing in ${ctx.tenant.slug}`);

  const current = await tx.select({ id: residents.id, householdId: residents.householdId }).from(residents).where(eq(residents.userId, userId));
  const keep = current.find((r) => r.householdId === hh.id);
  const stale = current.filter((r) => r !== keep).map((r) => r.id);
  if (stale.length > 0) {
    await tx.update(residents).set({ userId: null, updatedAt: sql`now()` }).where(and(eq(residents.tenantId, ctx.tenantId), inArray(residents.id, stale)));
  }
  if (!keep) {
    const [namesake] = await tx
      .select({ id: residents.id })
      .from(residents)
      .where(and(eq(residents.tenantId, ctx.tenantId), eq(residents.householdId, hh.id), eq(residents.name, user.displayName)))
      .limit(1);
    if (namesake) {
      await tx.update(residents).set({ userId, updatedAt: sql`now()` }).where(and(eq(residents.tenantId, ctx.tenantId), eq(residents.id, namesake.id)));
    } else {
      const people = new PeopleGenerator(createRng(`linli/user/${user.username}`), localRegionCodes(ctx.city));
      const sex = /[芳娜敏静丽艳娟霞婷雪琳燕颖倩慧琪涵怡欣英兰]$/.test(user.displayName) ? 'female' : 'male';
      const id = people.idNumber(createRng(`linli/user-region/${user.username}`).pick(localRegionCodes(ctx.city)), 1990, sex);
      await tx.insert(residents).values(
        residentRow(ctx, hh.id, { name: user.displayName, sex, idNumber: id, phone: user.phone, category: 'permanent' }, userId),
      );
    }
  }
  if (hh.state === 'vacant' || hh.state === 'unknown') {
    await tx.update(households).set({ state: 'occupied', updatedAt: sql`now()` }).where(and(eq(households.tenantId, ctx.tenantId), eq(households.id, hh.id)));
  }
}
