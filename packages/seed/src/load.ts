import { eq } from 'drizzle-orm';
import { SYSTEM_ACTOR, buildings, syncPlaces, tenants, withScope, type Db, type Role } from '@linli/db';
import { loadFieldKeys } from '@linli/security';
import { seedTenantDevices } from './devices';
import { readFieldSeed, seedTenantField } from './field';
import { loadReferenceData, residentTenant } from './reference';
import { readRegistry, siteGeometryOf } from './registry';
import { seedPlatform } from './seed-platform';
import { seedTenant, type TenantSeedSummary } from './seed-tenant';

export type { TenantSeedSummary } from './seed-tenant';

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
    const reg = await readRegistry(options.tenantsDir, tenant.slug);
    const registry = reg ? { files: reg.files.map((f) => f.name), parsed: reg.parsed } : null;
    summary.tenants[tenant.slug] = await withScope(db, { tenantIds: [tenantId] }, (tx) =>
      seedTenant(tx, { tenant, tenantId, city: platform.cities.get(tenant.district) ?? '', keys, linked, userIds: platform.userIds, devsimKey: options.devsimKey, registry }),
    );
    const field = readFieldSeed(options.tenantsDir, tenant.slug);
    if (field) {
      const f = await withScope(db, { tenantIds: [tenantId] }, (tx) => seedTenantField(tx, { slug: tenant.slug, tenantId, seed: field, userIds: platform.userIds }));
      log(`seed: ${tenant.slug}: field work: ${f.places} places refreshed, ${f.tasks} plan tasks, ${f.cases} cases`);
    } else {
      // Every community gets its location pickers for the field app, demo records or not.
      await withScope(db, { tenantIds: [tenantId] }, (tx) => syncPlaces(tx, { tenantId, actor: SYSTEM_ACTOR }));
    }
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
    const reg = await readRegistry(options.tenantsDir, tenant.slug);
    const geometry = reg ? siteGeometryOf(reg.parsed) : null;
    out[tenant.slug] = await withScope(db, { tenantIds: [row.id] }, async (tx) => {
      const blds = await tx.select({ id: buildings.id, code: buildings.code }).from(buildings).where(eq(buildings.tenantId, row.id));
      return seedTenantDevices(tx, { tenant, tenantId: row.id, devsimKey: options.devsimKey, buildingIds: new Map(blds.map((b) => [b.code, b.id])), geometry });
    });
  }
  return out;
}
