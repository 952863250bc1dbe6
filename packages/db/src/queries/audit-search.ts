import { and, desc, eq, gte, ilike, lte, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { auditLog } from '../schema';
import { countRows, likePattern, offsetOf, type PageInput } from './paging';

export interface AuditFilter extends PageInput {
  tenantId?: string;
  action?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  /** Free text: action, actor, summary, target or address. */
  search?: string;
}

/** Searches the log; RLS already limits a tenant caller to its own rows. */
export async function searchAudit(tx: Executor, f: AuditFilter) {
  const parts: SQL[] = [];
  if (f.tenantId) parts.push(eq(auditLog.tenantId, f.tenantId));
  if (f.action) parts.push(ilike(auditLog.action, likePattern(f.action)));
  if (f.actor) parts.push(or(ilike(auditLog.actorName, likePattern(f.actor)), ilike(auditLog.ip, likePattern(f.actor)))!);
  if (f.from) parts.push(gte(auditLog.at, f.from));
  if (f.to) parts.push(lte(auditLog.at, f.to));
  if (f.search) {
    const p = likePattern(f.search);
    parts.push(or(ilike(auditLog.action, p), ilike(auditLog.actorName, p), ilike(auditLog.summary, p), ilike(auditLog.targetId, p), ilike(auditLog.ip, p))!);
  }
  const where = parts.length ? and(...parts) : undefined;
  const items = await tx
    .select({
      id: auditLog.id, at: auditLog.at, actorName: auditLog.actorName, tenantId: auditLog.tenantId, action: auditLog.action,
      targetType: auditLog.targetType, targetId: auditLog.targetId, summary: auditLog.summary, ip: auditLog.ip, hash: auditLog.hash,
    })
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(f.pageSize)
    .offset(offsetOf(f));
  const total = await countRows(tx, auditLog, where);
  return { items, total, page: f.page, pageSize: f.pageSize };
}
