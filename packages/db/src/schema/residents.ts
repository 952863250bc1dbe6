import { foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantColumns, timestamps } from './_columns';
import { households } from './buildings';
import { tenants } from './tenants';
import { users } from './users';

export const RESIDENT_CATEGORIES = ['permanent', 'floating', 'key'] as const;

/**
 * Population (R6.6.9). The ID number is stored SM4-encrypted with an HMAC-SM3 blind index
 * for exact search (R6.8.1); names and phones are masked on read unless the role may see them.
 */
export const residents = pgTable(
  'residents',
  {
    ...tenantColumns,
    householdId: uuid('household_id'),
    name: text('name').notNull(),
    idNumberEnc: text('id_number_enc'),
    idNumberBidx: text('id_number_bidx'),
    phone: text('phone'),
    category: text('category', { enum: ['permanent', 'floating', 'key'] }).notNull().default('permanent'),
    /** The resident's own login, when they use the resident app: a resident member of this community (trigger, migration 0009). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
    // SET NULL of household_id only (migration 0009): tenant_id is NOT NULL.
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }).onDelete('set null'),
    index('residents_bidx_idx').on(t.tenantId, t.idNumberBidx),
    index('residents_user_idx').on(t.userId),
  ],
);
