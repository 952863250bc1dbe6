import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApiTest } from './support';

/**
 * Tables that carry tenant_id but are platform access-control data, read before any tenant
 * context exists (to compute it) and written only by platform admins through the API.
 */
const PLATFORM_TABLES_WITH_TENANT_ID = ['memberships', 'grants'];

const t = useApiTest('rls');
let app: postgres.Sql;
let owner: postgres.Sql;
let ids: Record<string, string>;

beforeAll(async () => {
  app = postgres(t.db.appUrl, { max: 2, onnotice: () => {} });
  owner = postgres(t.db.ownerUrl, { max: 2, onnotice: () => {} });
  const rows = await owner`select slug, id from tenants`;
  ids = Object.fromEntries(rows.map((r) => [r.slug as string, r.id as string]));
});
afterAll(async () => {
  await app?.end();
  await owner?.end();
});

async function tenantTables(): Promise<string[]> {
  const rows = await owner`
    select c.table_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
     order by 1`;
  return rows.map((r) => r.table_name as string).filter((n) => !PLATFORM_TABLES_WITH_TENANT_ID.includes(n));
}

/** Runs statements as the app role inside one transaction with the given tenant context. */
function asTenant<T>(tenantIds: string[], fn: (sql: postgres.TransactionSql) => Promise<T>): Promise<T> {
  return app.begin(async (sql) => {
    await sql`select set_config('app.tenant_ids', ${tenantIds.join(',')}, true)`;
    return fn(sql);
  }) as Promise<T>;
}

describe('row-level security (R6.2.6)', () => {
  it('the app role is not the owner, not a superuser and cannot bypass RLS', async () => {
    const [role] = await app`select rolsuper, rolbypassrls from pg_roles where rolname = current_user`;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await app`select tablename from pg_tables where schemaname = 'public' and tableowner = current_user`;
    expect(owned).toHaveLength(0);
  });

  it('every tenant table has RLS enabled, FORCEd and a policy (a new table that forgets fails here)', async () => {
    const tables = await tenantTables();
    expect(tables).toEqual(expect.arrayContaining(['buildings', 'households', 'residents', 'audit_log']));
    const rows = await owner`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity,
             (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relname = any(${tables})`;
    const bad = rows.filter((r) => !r.relrowsecurity || !r.relforcerowsecurity || r.policies === 0).map((r) => r.relname);
    expect(bad).toEqual([]);
    expect(rows).toHaveLength(tables.length);
  });

  it('a table created without RLS is caught by the same check', async () => {
    await owner`create table rls_probe (tenant_id uuid not null, id int)`;
    try {
      const rows = await owner`select relrowsecurity from pg_class where relname = 'rls_probe'`;
      expect((await tenantTables()).includes('rls_probe')).toBe(true);
      expect(rows[0]!.relrowsecurity).toBe(false);
    } finally {
      await owner`drop table rls_probe`;
    }
  });

  it('without a tenant context every tenant table reads as empty', async () => {
    for (const table of await tenantTables()) {
      const [{ n }] = (await app`select count(*)::int as n from ${app(table)}`) as unknown as [{ n: number }];
      expect({ table, n }).toEqual({ table, n: 0 });
    }
    // …while the owner sees the seeded data, so the zero above is not an empty database.
    const [{ n }] = (await owner`select count(*)::int as n from residents`) as unknown as [{ n: number }];
    expect(n).toBeGreaterThan(1000);
  });

  it('in one tenant context, no other tenant row of any tenant table is visible', async () => {
    for (const table of await tenantTables()) {
      const foreign = await asTenant([ids.moma!], (sql) => sql`select count(*)::int as n from ${sql(table)} where tenant_id <> ${ids.moma!}`);
      expect({ table, n: foreign[0]!.n }).toEqual({ table, n: 0 });
    }
    const own = await asTenant([ids.moma!], (sql) => sql`select count(*)::int as n from residents`);
    expect(own[0]!.n).toBeGreaterThan(1000);
  });

  it('cross-tenant insert, update and delete are refused or touch nothing', async () => {
    const moma = ids.moma!;
    const fs = ids['fangsong-xinyuan']!;
    await expect(asTenant([moma], (sql) => sql`insert into residents (tenant_id, name) values (${fs}, '越权')`)).rejects.toThrow(/row-level security/);
    await expect(asTenant([moma], (sql) => sql`insert into buildings (tenant_id, code, name, floors_above) values (${fs}, 'X1', 'x', 3)`)).rejects.toThrow(/row-level security/);
    const updated = await asTenant([moma], (sql) => sql`update residents set name = 'hijacked' where tenant_id = ${fs}`);
    expect(updated.count).toBe(0);
    const deleted = await asTenant([moma], (sql) => sql`delete from households where tenant_id = ${fs}`);
    expect(deleted.count).toBe(0);
    // Moving an own row into another tenant is refused by WITH CHECK.
    await expect(asTenant([moma], (sql) => sql`update residents set tenant_id = ${fs} where id = (select id from residents limit 1)`)).rejects.toThrow(/row-level security/);
    const [{ n }] = (await owner`select count(*)::int as n from residents where name in ('hijacked', '越权')`) as unknown as [{ n: number }];
    expect(n).toBe(0);
  });

  it('the app role can append to the audit log but never rewrite it', async () => {
    await expect(app`update audit_log set summary = 'x'`).rejects.toThrow(/permission denied/);
    await expect(app`delete from audit_log`).rejects.toThrow(/permission denied/);
    await expect(app`truncate audit_log`).rejects.toThrow(/permission denied/);
  });
});

describe('tenant scope through the API', () => {
  it("a district officer's queries carry every community of the district and nothing else", async () => {
    const api = await t.as('fs.officer');
    const view = await api.district.overview({ district: 'fangsong', page: 1, pageSize: 20 });
    expect(view.communities.items.map((c) => c.slug).sort()).toEqual(['fangsong-xinyuan', 'jiangqiu-yuan', 'minyi-yuan']);
    const [truth] = (await owner`
      select count(*)::int as residents from residents r join tenants t on t.id = r.tenant_id
        join districts d on d.id = t.district_id where d.code = 'fangsong'`) as unknown as [{ residents: number }];
    expect(view.totals.residents).toBe(truth.residents);
    await expect(api.district.overview({ district: 'xiangheyuan', page: 1, pageSize: 20 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(api.tenant.overview({ tenant: 'moma' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a foreign tenant id anywhere in the input is refused and nothing is written', async () => {
    const fsAdmin = await t.as('sj.manager');
    const [momaResident] = await owner`select id from residents where tenant_id = ${ids.moma!} limit 1`;
    const [momaHousehold] = await owner`select id from households where tenant_id = ${ids.moma!} limit 1`;
    await expect(fsAdmin.tenant.overview({ tenant: ids.moma! })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(fsAdmin.residents.reveal({ tenant: 'fangsong-xinyuan', residentId: momaResident!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      fsAdmin.residents.update({ tenant: 'fangsong-xinyuan', residentId: momaResident!.id, resident: { name: '改名', category: 'permanent' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const before = await owner`select count(*)::int as n from residents`;
    await expect(
      fsAdmin.residents.create({ tenant: 'fangsong-xinyuan', resident: { name: '张三', category: 'permanent', householdId: momaHousehold!.id } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const after = await owner`select count(*)::int as n from residents`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
