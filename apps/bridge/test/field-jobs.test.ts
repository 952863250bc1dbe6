import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@linli/db';
import { createTestDatabase, type TestDatabase } from '@linli/db/test-support';
import { seedReferenceData } from '@linli/seed';
import { runFieldJobs } from '../src/field-jobs';

const TENANTS_DIR = fileURLToPath(new URL('../../../tenants', import.meta.url));
let db: TestDatabase;
let bridge: postgres.Sql;
let bridgeDb: ReturnType<typeof createDb>;
let owner: postgres.Sql;
beforeAll(async () => {
  db = await createTestDatabase('field_jobs');
  await seedReferenceData(db.owner.db, { tenantsDir: TENANTS_DIR, demoPassword: 'Linli@2026-test' });
  bridge = postgres(db.bridgeUrl, { max: 2, onnotice: () => {} });
  bridgeDb = createDb(db.bridgeUrl, { max: 1 });
  owner = postgres(db.ownerUrl, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await bridge?.end();
  await bridgeDb?.close();
  await owner?.end();
  await db?.close();
});

describe('field jobs in the bridge sweep (as the bridge role, under RLS)', () => {
  it('generates due plan tasks once and flags overdue ones once, across tenants', async () => {
    const tasksBefore = Number((await owner`select count(*)::int as n from field_tasks`)[0]!.n);
    // Thirty days on, every seeded plan has come due again.
    const later = Date.now() + 30 * 86_400_000;
    const first = await runFieldJobs(bridge, bridgeDb.db, later);
    expect(first.ran).toBe(true);
    expect(first.created).toBeGreaterThan(0);
    expect(first.overdueTasks).toBeGreaterThan(0);
    expect(Number((await owner`select count(*)::int as n from field_tasks`)[0]!.n)).toBe(tasksBefore + first.created);
    const second = await runFieldJobs(bridge, bridgeDb.db, later);
    expect(second).toEqual({ ran: true, created: 0, overdueTasks: 0, overdueCases: 0 });
    const audited = await owner`select count(*)::int as n from audit_log where action = 'field.task.generate' and actor_name = 'system'`;
    expect(audited[0]!.n).toBeGreaterThanOrEqual(first.created);
    // Tasks landed in the tenant of their plan.
    const mismatched = await owner`select count(*)::int as n from field_tasks t join field_plans p on p.id = t.ref_id where p.tenant_id <> t.tenant_id`;
    expect(mismatched[0]!.n).toBe(0);
  });

  it('a second bridge holding the lock makes this one skip', async () => {
    const other = await owner.reserve();
    await other`select pg_advisory_lock(${0x6c696e66})`;
    try {
      expect((await runFieldJobs(bridge, bridgeDb.db)).ran).toBe(false);
    } finally {
      await other`select pg_advisory_unlock(${0x6c696e66})`;
      other.release();
    }
  });
});
