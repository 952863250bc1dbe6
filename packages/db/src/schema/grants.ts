import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './_columns';
import { organizations } from './organizations';
import { tenants } from './tenants';

export const ACCESS_LEVELS = ['operate', 'supervise', 'serve'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** Which tenants an organization may reach, and how far (it caps its members' permissions). */
export const grants = pgTable(
  'grants',
  {
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    accessLevel: text('access_level', { enum: ACCESS_LEVELS }).notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.tenantId] }), index('grants_tenant_idx').on(t.tenantId)],
);
