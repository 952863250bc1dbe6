import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../client';

export interface PageInput {
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const offsetOf = (p: PageInput) => (p.page - 1) * p.pageSize;

/** Escapes LIKE wildcards so a user's "%" or "_" matches literally. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Total rows of a (filtered) table, for a list's pager. */
export async function countRows(tx: Executor, table: PgTable, where?: SQL): Promise<number> {
  const [row] = await tx.select({ total: sql<number>`count(*)::int` }).from(table).where(where);
  return row?.total ?? 0;
}
