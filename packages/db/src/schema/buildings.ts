import { foreignKey, index, integer, pgTable, primaryKey, real, text, unique, uuid } from 'drizzle-orm/pg-core';
import { tenantColumns, timestamps } from './_columns';
import { tenants } from './tenants';

/** Building registry (楼盘表, CIM1). The CIM work extends these with geometry. */
export const buildings = pgTable(
  'buildings',
  {
    ...tenantColumns,
    code: text('code').notNull(),
    name: text('name').notNull(),
    floorsAbove: integer('floors_above').notNull(),
    floorsBelow: integer('floors_below').notNull().default(0),
    unitCount: integer('unit_count').notNull().default(1),
    use: text('use').notNull().default('residential'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('buildings_code_unique').on(t.tenantId, t.code),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
  ],
);

export const HOUSEHOLD_STATES = ['occupied', 'vacant', 'rented', 'unknown'] as const;

export const households = pgTable(
  'households',
  {
    ...tenantColumns,
    buildingId: uuid('building_id').notNull(),
    unit: integer('unit').notNull(),
    floor: integer('floor').notNull(),
    room: text('room').notNull(),
    area: real('area'),
    use: text('use').notNull().default('residential'),
    state: text('state', { enum: HOUSEHOLD_STATES }).notNull().default('unknown'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('households_room_unique').on(t.tenantId, t.buildingId, t.unit, t.room),
    foreignKey({ columns: [t.tenantId, t.buildingId], foreignColumns: [buildings.tenantId, buildings.id] }).onDelete('cascade'),
    index('households_building_idx').on(t.tenantId, t.buildingId),
  ],
);
