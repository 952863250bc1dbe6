import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { createDb } from './client';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
export const APP_ROLE = 'linli_app';
export const BRIDGE_ROLE = 'linli_bridge';
/**
 * Owns the schema and runs migrations on the embedded default. Not a superuser (issue #9.1): a
 * flaw in a SECURITY DEFINER function then cannot read pg_authid or the server's files. It keeps
 * BYPASSRLS because the seed and maintenance work across tenants.
 */
export const OWNER_ROLE = 'linli_owner';

/**
 * An embedded cluster's database, ready for the services: cluster roles, the database owned by
 * the non-superuser owner, migrations applied as that owner. Returns the owner's URL.
 */
export async function prepareOwnedDatabase(adminUrl: string, ownerPassword: string): Promise<string> {
  const server = new URL(adminUrl);
  server.pathname = '/postgres';
  await ensureClusterRoles(server.toString(), ownerPassword);
  await ensureDatabase(adminUrl, OWNER_ROLE);
  const ownerUrl = withCredentials(adminUrl, OWNER_ROLE, ownerPassword);
  await runMigrations(ownerUrl);
  return ownerUrl;
}

/** Applies the committed migrations as the owner role (never as the app role). */
export async function runMigrations(ownerUrl: string): Promise<void> {
  const { db, close } = createDb(ownerUrl, { max: 1 });
  try {
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await close();
  }
}

/**
 * Creates the database named in url if the server lacks it (connects to the maintenance db).
 * With `owner`, the database belongs to that role, and an older one that belonged to the admin
 * is handed over with everything in it (installs made before the owner role existed).
 */
export async function ensureDatabase(url: string, owner?: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsupported database name: ${name}`);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const sql = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  let handOver = false;
  try {
    const rows = await sql<{ owner: string }[]>`select pg_get_userbyid(datdba) as owner from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database ${name}${owner ? ` owner ${owner}` : ''}`);
    else if (owner && rows[0]!.owner !== owner) handOver = true;
  } finally {
    await sql.end({ timeout: 5 });
  }
  if (handOver && owner) await handOverDatabase(url, owner);
}

/** Moves the database and every object the admin created in it to the owner role. */
async function handOverDatabase(url: string, owner: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      await tx.unsafe(`alter database ${decodeURIComponent(new URL(url).pathname.slice(1))} owner to ${owner}`);
      await tx.unsafe(`
        do $$
        declare r record;
        begin
          for r in select n.nspname from pg_namespace n where n.nspname in ('public', 'drizzle') and n.nspowner = (select oid from pg_roles where rolname = current_user) loop
            execute format('alter schema %I owner to ${owner}', r.nspname);
          end loop;
          -- Sequences that belong to a column move with their table.
          for r in select c.oid::regclass as obj from pg_class c join pg_namespace n on n.oid = c.relnamespace
                   where n.nspname in ('public', 'drizzle') and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
                     and c.relowner = (select oid from pg_roles where rolname = current_user)
                     and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i'))) loop
            execute format('alter table %s owner to ${owner}', r.obj);
          end loop;
          for r in select p.oid::regprocedure as obj from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                   where n.nspname = 'public' and p.proowner = (select oid from pg_roles where rolname = current_user) loop
            execute format('alter routine %s owner to ${owner}', r.obj);
          end loop;
          for r in select t.oid::regtype as obj from pg_type t join pg_namespace n on n.oid = t.typnamespace
                   where n.nspname = 'public' and t.typtype in ('e', 'd', 'c') and t.typrelid = 0
                     and t.typowner = (select oid from pg_roles where rolname = current_user) loop
            execute format('alter type %s owner to ${owner}', r.obj);
          end loop;
        end
        $$`);
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Cluster roles, created by the admin (superuser) before any migration: the non-superuser owner
 * with its password, and the service roles the migrations grant to (they log in only once
 * `ensureRoleLogin` gives them a password). Idempotent; it also demotes an owner role that an
 * older install left with more rights.
 */
export async function ensureClusterRoles(adminUrl: string, ownerPassword: string): Promise<void> {
  if (!/^[A-Za-z0-9]{16,}$/.test(ownerPassword)) throw new Error(`${OWNER_ROLE} password must be 16+ alphanumeric characters`);
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    for (const role of [OWNER_ROLE, APP_ROLE, BRIDGE_ROLE]) {
      const [exists] = await sql`select 1 from pg_roles where rolname = ${role}`;
      if (!exists) await sql.unsafe(`create role ${role} nologin nosuperuser nobypassrls nocreatedb nocreaterole`);
    }
    await sql.unsafe(`alter role ${OWNER_ROLE} with login nosuperuser nocreatedb nocreaterole noreplication bypassrls password '${ownerPassword}'`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Lets a service role (created by the migrations) log in; returns the URL that service uses. */
export async function ensureRoleLogin(ownerUrl: string, role: typeof APP_ROLE | typeof BRIDGE_ROLE, password: string): Promise<string> {
  if (!/^[A-Za-z0-9]{16,}$/.test(password)) throw new Error(`${role} password must be 16+ alphanumeric characters`);
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`alter role ${role} with login password '${password}'`);
  } finally {
    await sql.end({ timeout: 5 });
  }
  return withCredentials(ownerUrl, role, password);
}


export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  return u.toString();
}

/** Monthly partitions for this month and the next three (as owner: the app roles cannot create tables). */
export async function ensurePartitions(ownerUrl: string): Promise<void> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`select app_ensure_month_partitions('telemetry', now()::date, 4), app_ensure_month_partitions('device_events', now()::date, 4)`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
