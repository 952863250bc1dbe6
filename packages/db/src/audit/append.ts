import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { auditHead, auditLog } from '../schema';
import { chainHash, digest, type ChainedFields } from './canonical';

export interface AuditActor {
  userId: string | null;
  name: string | null;
  organizationId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEvent {
  action: string;
  tenantId?: string | null;
  targetType?: string;
  targetId?: string;
  /** Human-readable, without personal data: the log itself is readable by admins. */
  summary?: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one chained row inside the caller's transaction, so the audit row commits or rolls
 * back with the change it describes. The head row lock serialises appends across the cluster.
 */
export async function appendAudit(tx: Executor, actor: AuditActor, event: AuditEvent): Promise<number> {
  return appendChained(tx, actor, [event]);
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, name: 'system', organizationId: null, ip: null, userAgent: null };

/**
 * Appends several chained rows under one head lock and one insert: for a batch of changes made
 * in the same transaction (a tablet's push), each still with its own row. Same chain as appendAudit.
 */
export async function appendAuditMany(tx: Executor, actor: AuditActor, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await appendChained(tx, actor, events);
}

/** Chains `events` (at least one) after the locked head; returns the id of the last row. */
async function appendChained(tx: Executor, actor: AuditActor, events: readonly AuditEvent[]): Promise<number> {
  const heads = await tx.execute<{ last_id: string; last_hash: string }>(
    sql`select last_id, last_hash from audit_head where singleton = 1 for update`,
  );
  const head = heads[0];
  if (!head) throw new Error('audit_head is missing: run the migrations');
  let prev = head.last_hash;
  let id = Number(head.last_id);
  const at = new Date();
  const rows = events.map((event) => {
    const row: ChainedFields = {
      id: ++id,
      at,
      actorUserId: actor.userId,
      actorName: actor.name,
      organizationId: actor.organizationId,
      tenantId: event.tenantId ?? null,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      summary: event.summary ?? null,
      beforeDigest: digest(event.before),
      afterDigest: digest(event.after),
      ip: actor.ip,
      userAgent: actor.userAgent,
    };
    const hash = chainHash(prev, row);
    const out = { ...row, prevHash: prev, hash };
    prev = hash;
    return out;
  });
  for (let i = 0; i < rows.length; i += 500) await tx.insert(auditLog).values(rows.slice(i, i + 500));
  await tx.update(auditHead).set({ lastId: id, lastHash: prev }).where(sql`singleton = 1`);
  return id;
}
