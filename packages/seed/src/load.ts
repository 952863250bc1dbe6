import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  SYSTEM_ACTOR,
  appendAudit,
  buildings,
  devices,
  districts,
  grants,
  households,
  memberships,
  organizations,
  residents,
  tenants,
  users,
  withScope,
  type Db,
  type Executor,
  type Role,
} from '@linli/db';
import { hashPassword } from '@linli/auth/password';
import { blindIndex, encryptField, loadFieldKeys, type FieldKeys } from '@linli/security';
import { seedTenantDevices } from './devices';
import { expandHouseholds, type PlannedHousehold } from './households';
import { PeopleGenerator, localRegionCodes, type Person } from './people';
import { createRng } from './prng';
import { loadReferenceData, residentTenant, type ReferenceData, type TenantRef, type UserRef } from './reference';

export interface SeedOptions {
  /** Folder holding platform.json and one <slug>/tenant.json per community. */
  tenantsDir: string;
  /** Password of every demo account created by this run (existing accounts keep theirs). */
  demoPassword: string;
  log?: (line: string) => void;
  /** Defaults to process.env: NODE_ENV, LINLI_SEED_DEMO and the field keys are read from it. */
  env?: Record<string, string | undefined>;
  /**
   * The local simulator key (`setupDatabase().localKeys.devsimKey`). With it, each tenant's
   * demo devices are seeded (their secrets derive from it); without it (production) none are.
   */
  devsimKey?: string;
}

export interface TenantSeedSummary {
  tenantId: string;
  buildings: number;
  households: number;
  residents: number;
  /** Devices in the tenant's ledger (demo devices only when a devsimKey was given). */
  devices: number;
}

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  tenant?: string;
}

export interface SeedSummary {
  tenants: Record<string, TenantSeedSummary>;
  districts: number;
  organizations: number;
  grants: number;
  /** Demo accounts in the reference data (all present after the run). */
  users: number;
  /** Of those, created by this run. */
  usersCreated: number;
  demoAccounts: DemoAccount[];
  durationMs: number;
}

const CHUNK = 1000;
// pg_advisory_xact_lock(LOCK_CLASS, …) serialises concurrent seed runs (organizations have no unique key).
const LOCK_CLASS = 0x4c494e4c; // "LINL"

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const count = sql<number>`count(*)::int`;

/** Refuses demo accounts (a password everyone knows) in production unless explicitly allowed. */
export function assertDemoAllowed(env: Record<string, string | undefined>): void {
  if (env.NODE_ENV === 'production' && env.LINLI_SEED_DEMO !== '1') {
    throw new Error(
      'Refusing to seed demo users with NODE_ENV=production: they share one known password. ' +
        'Set LINLI_SEED_DEMO=1 to seed them anyway. ' +
        '生产环境（NODE_ENV=production）默认不创建演示账号；如确需创建，请设置 LINLI_SEED_DEMO=1。',
    );
  }
}

/**
 * Loads tenants/ into the database through the owner connection. Idempotent: reference rows
 * are upserted by their natural keys; residents are generated only for a tenant that has none.
 */
export async function seedReferenceData(db: Db, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const env = options.env ?? process.env;
  assertDemoAllowed(env);
  if (!options.demoPassword) throw new Error('seedReferenceData: demoPassword is required');
  const ref = loadReferenceData(options.tenantsDir);
  const keys = loadFieldKeys(env);
  if (keys.dev) log('seed: using the DEV-ONLY field keys (set LINLI_FIELD_KEY / LINLI_INDEX_KEY for real data)');

  const platform = await seedPlatform(db, ref, options.demoPassword, log);
  const summary: SeedSummary = {
    tenants: {},
    districts: ref.platform.districts.length,
    organizations: ref.platform.organizations.length,
    grants: ref.platform.grants.length,
    users: ref.platform.users.length,
    usersCreated: platform.usersCreated,
    demoAccounts: ref.platform.users.map((u) => {
      const m = u.memberships[0];
      return { username: u.username, role: m?.role ?? 'resident', displayName: u.displayName, ...(m?.tenant ? { tenant: m.tenant } : {}) };
    }),
    durationMs: 0,
  };
  for (const tenant of ref.tenants) {
    const tenantId = platform.tenantIds.get(tenant.slug);
    if (!tenantId) throw new Error(`tenant ${tenant.slug} was not upserted`);
    const t0 = performance.now();
    const linked = ref.platform.users.filter((u) => u.resident && residentTenant(u) === tenant.slug);
    summary.tenants[tenant.slug] = await withScope(db, { tenantIds: [tenantId] }, (tx) =>
      seedTenant(tx, { tenant, tenantId, city: platform.cities.get(tenant.district) ?? '', keys, linked, userIds: platform.userIds, devsimKey: options.devsimKey }),
    );
    const s = summary.tenants[tenant.slug];
    log(`seed: ${tenant.slug}: ${s?.buildings} buildings, ${s?.households} households, ${s?.residents} residents, ${s?.devices} devices (${Math.round(performance.now() - t0)} ms)`);
  }
  summary.durationMs = Math.round(performance.now() - started);
  log(`seed: done in ${summary.durationMs} ms`);
  return summary;
}

/**
 * Seeds only the demo devices of tenants that are already seeded (tests, or a database seeded
 * before devices existed). Returns the devices inserted per tenant slug.
 */
export async function seedDemoDevices(db: Db, options: { tenantsDir: string; devsimKey: string; tenants?: string[] }): Promise<Record<string, number>> {
  const ref = loadReferenceData(options.tenantsDir);
  const out: Record<string, number> = {};
  for (const tenant of ref.tenants) {
    if (options.tenants && !options.tenants.includes(tenant.slug)) continue;
    const [row] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, tenant.slug));
    if (!row) throw new Error(`seed: tenant ${tenant.slug} is not in the database; run seedReferenceData first`);
    out[tenant.slug] = await withScope(db, { tenantIds: [row.id] }, async (tx) => {
      const blds = await tx.select({ id: buildings.id, code: buildings.code }).from(buildings).where(eq(buildings.tenantId, row.id));
      return seedTenantDevices(tx, { tenant, tenantId: row.id, devsimKey: options.devsimKey, buildingIds: new Map(blds.map((b) => [b.code, b.id])) });
    });
  }
  return out;
}

interface PlatformIds {
  tenantIds: Map<string, string>;
  userIds: Map<string, string>;
  cities: Map<string, string>;
  usersCreated: number;
}

/** Districts, tenants, organizations, users, memberships and grants: the tables without RLS. */
async function seedPlatform(db: Db, ref: ReferenceData, demoPassword: string, log: (line: string) => void): Promise<PlatformIds> {
  const { platform } = ref;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}, 0)`);

    const districtRows = await tx
      .insert(districts)
      .values(platform.districts.map((d) => ({ code: d.code, nameZh: d.nameZh, nameEn: d.nameEn, city: d.city })))
      .onConflictDoUpdate({
        target: districts.code,
        set: { nameZh: sql`excluded.name_zh`, nameEn: sql`excluded.name_en`, city: sql`excluded.city`, updatedAt: sql`now()` },
      })
      .returning({ id: districts.id, code: districts.code });
    const districtIds = new Map(districtRows.map((d) => [d.code, d.id]));

    const tenantRows = await tx
      .insert(tenants)
      .values(
        ref.tenants.map((t) => ({
          slug: t.slug,
          districtId: districtIds.get(t.district) ?? null,
          nameZh: t.nameZh,
          nameEn: t.nameEn,
          address: t.address,
          lng: t.lng,
          lat: t.lat,
          plan: t.plan,
          maxBuildings: t.maxBuildings,
          maxDevices: t.maxDevices,
          maxUsers: t.maxUsers,
          subscriptionEndsAt: t.subscriptionEndsAt,
        })),
      )
      .onConflictDoUpdate({
        target: tenants.slug,
        set: {
          districtId: sql`excluded.district_id`,
          nameZh: sql`excluded.name_zh`,
          nameEn: sql`excluded.name_en`,
          address: sql`excluded.address`,
          lng: sql`excluded.lng`,
          lat: sql`excluded.lat`,
          plan: sql`excluded.plan`,
          maxBuildings: sql`excluded.max_buildings`,
          maxDevices: sql`excluded.max_devices`,
          maxUsers: sql`excluded.max_users`,
          subscriptionEndsAt: sql`excluded.subscription_ends_at`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: tenants.id, slug: tenants.slug });
    const tenantIds = new Map(tenantRows.map((t) => [t.slug, t.id]));

    // Organizations have no natural unique key in the schema: match on (kind, name_zh).
    const orgKey = (kind: string, nameZh: string) => `${kind}\u0000${nameZh}`;
    const existingOrgs = await tx
      .select({ id: organizations.id, kind: organizations.kind, nameZh: organizations.nameZh, nameEn: organizations.nameEn, districtId: organizations.districtId })
      .from(organizations)
      .where(inArray(organizations.nameZh, platform.organizations.map((o) => o.nameZh)));
    const byName = new Map(existingOrgs.map((o) => [orgKey(o.kind, o.nameZh), o]));
    const orgIds = new Map<string, string>();
    for (const o of platform.organizations) {
      const districtId = o.district ? (districtIds.get(o.district) ?? null) : null;
      const found = byName.get(orgKey(o.kind, o.nameZh));
      if (found) {
        if (found.nameEn !== o.nameEn || found.districtId !== districtId) {
          await tx.update(organizations).set({ nameEn: o.nameEn, districtId, updatedAt: sql`now()` }).where(eq(organizations.id, found.id));
        }
        orgIds.set(o.key, found.id);
      } else {
        const [row] = await tx.insert(organizations).values({ kind: o.kind, nameZh: o.nameZh, nameEn: o.nameEn, districtId }).returning({ id: organizations.id });
        if (!row) throw new Error(`could not insert organization ${o.key}`);
        orgIds.set(o.key, row.id);
      }
    }

    // Users: an existing account keeps its password (and anything else its owner changed).
    const usernames = platform.users.map((u) => u.username);
    const existing = new Set(
      (await tx.select({ username: users.username }).from(users).where(inArray(users.username, usernames))).map((u) => u.username),
    );
    const missing = platform.users.filter((u) => !existing.has(u.username));
    let usersCreated = 0;
    if (missing.length > 0) {
      const passwordHash = await hashPassword(demoPassword); // once, shared by every new demo account
      const inserted = await tx
        .insert(users)
        .values(missing.map((u) => ({ username: u.username, displayName: u.displayName, phone: u.phone, passwordHash })))
        .onConflictDoNothing()
        .returning({ id: users.id });
      usersCreated = inserted.length;
    }
    const userRows = await tx.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, usernames));
    const userIds = new Map(userRows.map((u) => [u.username, u.id]));

    const id = (map: Map<string, string>, key: string, what: string): string => {
      const v = map.get(key);
      if (!v) throw new Error(`seed: no id for ${what} ${key}`);
      return v;
    };
    const membershipRows = platform.users.flatMap((u) =>
      u.memberships.map((m) => ({
        userId: id(userIds, u.username, 'user'),
        organizationId: id(orgIds, m.org, 'organization'),
        role: m.role,
        tenantId: m.tenant ? id(tenantIds, m.tenant, 'tenant') : null,
      })),
    );
    if (membershipRows.length > 0) await tx.insert(memberships).values(membershipRows).onConflictDoNothing();
    const grantRows = platform.grants.map((g) => ({
      organizationId: id(orgIds, g.org, 'organization'),
      tenantId: id(tenantIds, g.tenant, 'tenant'),
      accessLevel: g.level,
    }));
    if (grantRows.length > 0) await tx.insert(grants).values(grantRows).onConflictDoNothing();

    log(
      `seed: platform: ${districtRows.length} districts, ${tenantRows.length} tenants, ${orgIds.size} organizations, ` +
        `${userIds.size} users (${usersCreated} new), ${membershipRows.length} memberships, ${grantRows.length} grants`,
    );
    return { tenantIds, userIds, cities: new Map(platform.districts.map((d) => [d.code, d.city])), usersCreated };
  });
}

interface TenantContext {
  tenant: TenantRef;
  tenantId: string;
  city: string;
  keys: FieldKeys;
  /** Demo users whose resident link points into this tenant. */
  linked: UserRef[];
  userIds: Map<string, string>;
  devsimKey?: string;
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
async function seedTenant(tx: Executor, ctx: TenantContext): Promise<TenantSeedSummary> {
  const { tenant, tenantId } = ctx;
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(${tenant.slug}))`);

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

  const planned = expandHouseholds(tenant);
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

  if (ctx.devsimKey) await seedTenantDevices(tx, { tenant, tenantId, devsimKey: ctx.devsimKey, buildingIds });

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
