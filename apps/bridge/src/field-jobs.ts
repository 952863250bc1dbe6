import type postgres from 'postgres';
import { SYSTEM_ACTOR, generateDueTasks, markOverdue, withScope, type Db } from '@linli/db';
import { allTenantIds } from './scope';

const FIELD_JOBS_LOCK = 0x6c696e66; // 'linf': one bridge at a time generates plan tasks

export interface FieldJobResult {
  ran: boolean;
  created: number;
  overdueTasks: number;
  overdueCases: number;
}

/**
 * The field-work sweep (issue #4, R6.4.1): generates the tasks of plans coming due and flags
 * overdue tasks and cases, tenant by tenant under RLS. With several bridges an advisory lock lets
 * one of them do it; the domain functions are idempotent, so an overlap would write nothing twice.
 * `db` must be its own drizzle client: drizzle installs its own type parsers on the postgres.js
 * client it wraps, which would break the bridge's raw queries on `sql` (Dates as parameters).
 */
export async function runFieldJobs(sql: postgres.Sql, db: Db, now = Date.now()): Promise<FieldJobResult> {
  const conn = await sql.reserve();
  try {
    const [{ locked }] = (await conn`select pg_try_advisory_lock(${FIELD_JOBS_LOCK}) as locked`) as unknown as [{ locked: boolean }];
    if (!locked) return { ran: false, created: 0, overdueTasks: 0, overdueCases: 0 };
    try {
      const out: FieldJobResult = { ran: true, created: 0, overdueTasks: 0, overdueCases: 0 };
      for (const tenantId of await allTenantIds(sql)) {
        await withScope(db, { tenantIds: [tenantId] }, async (tx) => {
          out.created += await generateDueTasks(tx, { now, actor: SYSTEM_ACTOR });
          const o = await markOverdue(tx, { now, actor: SYSTEM_ACTOR });
          out.overdueTasks += o.tasks;
          out.overdueCases += o.cases;
        });
      }
      return out;
    } finally {
      await conn`select pg_advisory_unlock(${FIELD_JOBS_LOCK})`;
    }
  } finally {
    conn.release();
  }
}
