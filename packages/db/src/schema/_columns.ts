import { timestamp, uuid } from 'drizzle-orm/pg-core';

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
