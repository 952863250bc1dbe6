import { desc, sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { rejectedMessages } from '../../schema';
import { countRows, offsetOf, type PageInput } from '../paging';

/** Messages the bridge refused for this tenant, newest first, with counts per reason. */
export async function listRejected(tx: Executor, f: PageInput) {
  const [items, total, byReason] = await Promise.all([
    tx.select().from(rejectedMessages).orderBy(desc(rejectedMessages.id)).limit(f.pageSize).offset(offsetOf(f)),
    countRows(tx, rejectedMessages),
    tx.execute<{ reason: string; n: number }>(sql`select reason, count(*)::int as n from rejected_messages group by reason order by n desc`),
  ]);
  return { items, total, page: f.page, pageSize: f.pageSize, byReason: [...byReason] };
}
