import { asc, gt } from 'drizzle-orm';
import type { Db } from '../client';
import { withScope } from '../scope';
import { auditHead, auditLog } from '../schema';
import { chainHash, GENESIS_HASH } from './canonical';

export interface AuditProblem {
  id: number;
  reason: 'edited' | 'broken_link' | 'missing_rows' | 'head_mismatch';
  detail: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  lastId: number;
  problems: AuditProblem[];
}

/** Walks the whole chain in id order (platform scope) and names every row that does not hold. */
export async function verifyAuditChain(db: Db, batch = 5000): Promise<AuditVerifyResult> {
  return withScope(db, { tenantIds: [], platform: true }, async (tx) => {
    const problems: AuditProblem[] = [];
    let prevHash = GENESIS_HASH;
    let prevId = 0;
    let checked = 0;
    for (;;) {
      const rows = await tx.select().from(auditLog).where(gt(auditLog.id, prevId)).orderBy(asc(auditLog.id)).limit(batch);
      if (rows.length === 0) break;
      for (const row of rows) {
        if (row.id !== prevId + 1) {
          problems.push({ id: row.id, reason: 'missing_rows', detail: `rows ${prevId + 1}..${row.id - 1} are missing` });
        }
        if (row.prevHash !== prevHash) {
          problems.push({ id: row.id, reason: 'broken_link', detail: 'prev_hash does not match the row before it' });
        }
        if (chainHash(row.prevHash, row) !== row.hash) {
          problems.push({ id: row.id, reason: 'edited', detail: 'content does not match its hash' });
        }
        prevHash = row.hash;
        prevId = row.id;
        checked++;
      }
    }
    const [head] = await tx.select().from(auditHead);
    if (head && (head.lastId !== prevId || head.lastHash !== prevHash)) {
      problems.push({
        id: head.lastId,
        reason: 'head_mismatch',
        detail: `head says row ${head.lastId} is last, the log ends at ${prevId}`,
      });
    }
    return { ok: problems.length === 0, checked, lastId: prevId, problems };
  });
}
