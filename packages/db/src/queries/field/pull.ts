import { and, asc, sql, type SQL } from 'drizzle-orm';
import { PULL_LIMIT_MAX, nextCheckpoint, type Checkpoint, type CollectionName, type PullOutput } from '@linli/sync';
import type { Executor } from '../../client';
import { FIELD_TABLES, wireDoc } from './tables';
import type { FieldWorker } from './worker';

const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** The area filter: rows in no area, the worker's areas, or any row of a tenant where the worker acts for the office. */
export function areaFilter(collection: CollectionName, worker: FieldWorker): SQL | undefined {
  if (worker.areaTenantIds.length === 0) return undefined;
  const t = FIELD_TABLES[collection];
  return sql`(${t.areaId} is null or ${t.areaId} = any(${uuidArray(worker.areaIds ?? [])}) or not (${t.tenantId} = any(${uuidArray(worker.areaTenantIds)})))`;
}

/**
 * One pull page: documents after the checkpoint in (updated_at, id) order, in the worker's
 * tenants (RLS) and areas. Conflicts are those the worker pushed or is a party to (a case step of
 * theirs that another's clashed with); photos are the worker's own only (showing the photos
 * linked to records the worker sees is left to the console; the tablet has its own photos).
 */
export async function pullDocs(tx: Executor, params: { collection: CollectionName; checkpoint: Checkpoint | null; limit: number; worker: FieldWorker }): Promise<PullOutput> {
  const { collection, checkpoint, worker } = params;
  const limit = Math.max(1, Math.min(PULL_LIMIT_MAX, Math.floor(params.limit)));
  const t = FIELD_TABLES[collection];
  const conds: (SQL | undefined)[] = [sql`${t.tenantId} = any(${uuidArray(worker.tenantIds)})`, areaFilter(collection, worker)];
  if (checkpoint) conds.push(sql`(${t.updatedAt}, ${t.id}) > (${checkpoint.updatedAt}::bigint, ${checkpoint.id}::uuid)`);
  if (collection === 'photos') conds.push(sql`${t.ownerId} = ${worker.userId}::uuid`);
  if (collection === 'conflicts') conds.push(sql`(${t.ownerId} = ${worker.userId}::uuid or ${t.doc}->'parties' ? ${worker.userId})`);
  const rows = await tx
    .select({ doc: t.doc, updatedAt: t.updatedAt, deleted: t.deleted })
    .from(t)
    .where(and(...conds))
    .orderBy(asc(t.updatedAt), asc(t.id))
    .limit(limit);
  const documents = rows.map(wireDoc);
  return { documents, checkpoint: nextCheckpoint(documents) ?? checkpoint };
}
