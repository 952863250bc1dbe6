import { index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './_columns';
import { organizations } from './organizations';
import { tenants } from './tenants';
import { users } from './users';

export const ROLES = [
  'platform_admin',
  'district_admin',
  'district_officer',
  'property_admin',
  'property_staff',
  'security_guard',
  'technician',
  'grid_worker',
  'committee_staff',
  'resident',
  'service_provider',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * A user's role inside an organization. tenant_id narrows it to one of the organization's
 * granted tenants (a grid worker of one community, a resident); null means all of them.
 */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    ...timestamps,
  },
  (t) => [
    unique('memberships_unique').on(t.userId, t.organizationId, t.role, t.tenantId).nullsNotDistinct(),
    index('memberships_user_idx').on(t.userId),
    index('memberships_tenant_idx').on(t.tenantId),
  ],
);
