import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApiTest } from './support';

/**
 * Issue #9.1: the app and bridge roles must never run code as the schema owner. Every
 * SECURITY DEFINER function is listed from the catalog, so a new one cannot slip past.
 */
const t = useApiTest('definer');
let owner: postgres.Sql;
let admin: postgres.Sql;

beforeAll(async () => {
  owner = postgres(t.db.ownerUrl, { max: 1, onnotice: () => {} });
  admin = postgres(t.db.adminUrl, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await owner?.end();
  await admin?.end();
});

interface DefinerFn {
  fn: string;
  config: string[] | null;
  ownerIsSuper: boolean;
  publicExecute: boolean;
}

/** Why a definer function is unsafe, or null. `search_path` must end with pg_temp. */
function unsafeReason(f: DefinerFn): string | null {
  const path = f.config?.find((c) => c.startsWith('search_path='));
  if (!path) return 'no pinned search_path';
  const parts = path.slice('search_path='.length).split(',').map((p) => p.trim().replace(/^"|"$/g, ''));
  if (parts.at(-1) !== 'pg_temp') return `search_path "${parts.join(', ')}" does not put pg_temp last (it is then searched first)`;
  if (f.ownerIsSuper) return 'owned by a superuser';
  if (f.publicExecute) return 'executable by PUBLIC';
  return null;
}

describe('SECURITY DEFINER functions', () => {
  it('every one pins search_path with pg_temp last, is not owned by a superuser and is not granted to PUBLIC', async () => {
    const rows = await owner<DefinerFn[]>`
      select p.oid::regprocedure::text as fn, p.proconfig as config, r.rolsuper as "ownerIsSuper",
             coalesce(exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee = 0 and a.privilege_type = 'EXECUTE'), false) as "publicExecute"
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_roles r on r.oid = p.proowner
       where p.prosecdef and n.nspname not in ('pg_catalog', 'information_schema')`;
    // The check must see the functions it guards (field_next_stamp is one), or it proves nothing.
    expect(rows.map((r) => r.fn)).toContain('field_next_stamp(bigint,integer)');
    const unsafe = rows.map((r) => ({ fn: r.fn, reason: unsafeReason(r) })).filter((r) => r.reason);
    expect(unsafe).toEqual([]);
  });

  it('the rule itself refuses the old definition', () => {
    expect(unsafeReason({ fn: 'f', config: ['search_path=public'], ownerIsSuper: false, publicExecute: false })).toMatch(/pg_temp/);
    expect(unsafeReason({ fn: 'f', config: null, ownerIsSuper: false, publicExecute: false })).toMatch(/search_path/);
  });

  it('the schema owner is not a superuser; the service roles cannot create temporary objects', async () => {
    const [me] = await owner`select rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname = current_user`;
    expect(me).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false });
    for (const role of ['linli_app', 'linli_bridge']) {
      const [p] = await owner`select has_database_privilege(${role}, current_database(), 'TEMPORARY') as temp,
                                     has_schema_privilege(${role}, 'public', 'CREATE') as "create"`;
      expect(p, role).toEqual({ temp: false, create: false });
    }
  });
});

describe('the reported attack', () => {
  it('linli_app cannot shadow field_clock with a temporary table', async () => {
    const app = postgres(t.db.appUrl, { max: 1, onnotice: () => {} });
    try {
      const error = await app`create temp table field_clock (singleton int primary key, last_ms bigint)`.then(
        () => null,
        (e: postgres.PostgresError) => e,
      );
      expect(error?.code).toBe('42501'); // insufficient_privilege
    } finally {
      await app.end();
    }
  });

  it('even a role that may create temporary objects gets the real clock, and its trigger never runs as the owner', async () => {
    // A second line of defence: grant TEMP back for this one test and try the original exploit.
    await admin.unsafe(`grant temporary on database ${new URL(t.db.adminUrl).pathname.slice(1)} to linli_app`);
    const app = postgres(t.db.appUrl, { max: 1, onnotice: () => {} });
    try {
      const stolen = await app.begin(async (sql) => {
        await sql`create temp table loot (who text, super boolean)`;
        await sql`create temp table field_clock (singleton int primary key, last_ms bigint)`;
        await sql`insert into field_clock values (1, 42)`;
        await sql.unsafe(`create function pg_temp.steal() returns trigger language plpgsql as $$
          begin insert into pg_temp.loot select current_user, rolsuper from pg_roles where rolname = current_user; return new; end $$`);
        await sql.unsafe('create trigger steal before update on pg_temp.field_clock for each row execute function pg_temp.steal()');
        const [clock] = await sql`select field_next_stamp(${Date.now()}, 1)::text as stamp`;
        const loot = await sql`select * from loot`;
        return { stamp: Number(clock?.stamp), loot };
      });
      expect(stolen.loot).toEqual([]);
      expect(stolen.stamp).toBeGreaterThan(1_700_000_000_000);
    } finally {
      await app.end();
      await admin.unsafe(`revoke temporary on database ${new URL(t.db.adminUrl).pathname.slice(1)} from linli_app`);
    }
  });
});
