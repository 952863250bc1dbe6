import { sql } from 'drizzle-orm';
import type { CollectionName } from '@linli/sync';
import type { Executor } from '../../client';
import { LIVE_CHANNEL, type LiveEvent } from '../../live';

export interface FieldChange {
  tenantId: string;
  collection: CollectionName;
  updatedAt: number;
  id: string;
}

/**
 * One NOTIFY per (tenant, collection) with the newest checkpoint, delivered at commit: open
 * `field.stream` subscriptions tell their tablets to pull.
 */
export async function notifyFieldChanges(tx: Executor, changes: readonly FieldChange[]): Promise<void> {
  const newest = new Map<string, FieldChange>();
  for (const c of changes) {
    const key = `${c.tenantId}|${c.collection}`;
    const prev = newest.get(key);
    if (!prev || c.updatedAt > prev.updatedAt || (c.updatedAt === prev.updatedAt && c.id > prev.id)) newest.set(key, c);
  }
  for (const c of newest.values()) {
    const event: LiveEvent = { type: 'field', tenantId: c.tenantId, collection: c.collection, checkpoint: { updatedAt: c.updatedAt, id: c.id } };
    await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`);
  }
}
