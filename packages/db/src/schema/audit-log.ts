import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, SM3-chained (R6.8.2): hash = SM3(prev_hash ‖ canonical row). The app role may
 * only INSERT and SELECT; audit_head holds the newest hash so a deleted tail is detected too.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    organizationId: uuid('organization_id'),
    tenantId: uuid('tenant_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    summary: text('summary'),
    beforeDigest: text('before_digest'),
    afterDigest: text('after_digest'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_tenant_at_idx').on(t.tenantId, t.at), index('audit_log_action_idx').on(t.action)],
);

export const auditHead = pgTable('audit_head', {
  singleton: integer('singleton').primaryKey().default(1),
  lastId: bigint('last_id', { mode: 'number' }).notNull().default(0),
  lastHash: text('last_hash').notNull(),
});
