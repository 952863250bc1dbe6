import { foreignKey, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** Timestamps every mutable table carries; updated_at is set by the domain functions. */
export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

/**
 * Tenant-owned tables lead their primary key with tenant_id so rows of one community
 * stay together (and Citus can co-locate them by tenant later).
 */
export const tenantColumns = {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull().defaultRandom(),
};

/**
 * A reference to another row of the same community: (tenant_id, column) → target (tenant_id, id).
 * The database itself refuses another tenant's id, whichever code path writes it (issue #9).
 * Named explicitly: drizzle's generated names pass PostgreSQL's 63-character limit, and the API
 * maps a violation to its message by this name (packages/db/src/reference-errors.ts).
 */
export function tenantRef(name: string, tenantId: AnyPgColumn, column: AnyPgColumn, target: { tenantId: AnyPgColumn; id: AnyPgColumn }) {
  return foreignKey({ name, columns: [tenantId, column], foreignColumns: [target.tenantId, target.id] });
}
