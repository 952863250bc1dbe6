import { desc, sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { rejectedMessages } from '../../schema';
import { countRows, offsetOf, type PageInput } from '../paging';

/**
 * Messages the bridge refused for this tenant: a sample of them, newest first, and how many were
 * refused per reason — from the counts, since a flood keeps only a few rows (apps/bridge rejects.ts).
 */
export async function listRejected(tx: Executor, f: PageInput) {
  const [items, total, byReason] = await Promise.all([
    tx.select().from(rejectedMessages).orderBy(desc(rejectedMessages.id)).limit(f.pageSize).offset(offsetOf(f)),
    countRows(tx, rejectedMessages),
    tx.execute<{ reason: string; n: number }>(sql`select reason, sum(count)::int as n from rejected_message_counts group by reason order by n desc`),
  ]);
  return { items, total, page: f.page, pageSize: f.pageSize, byReason: [...byReason] };
}
