import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { createDb } from './client';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
export const APP_ROLE = 'linli_app';
export const BRIDGE_ROLE = 'linli_bridge';

/** Applies the committed migrations as the owner role (never as the app role). */
export async function runMigrations(ownerUrl: string): Promise<void> {
  const { db, close } = createDb(ownerUrl, { max: 1 });
  try {
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await close();
  }
}

/** Creates the database named in url if the server lacks it (connects to the maintenance db). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsupported database name: ${name}`);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const sql = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database ${name}`);
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
