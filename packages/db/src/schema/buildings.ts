import { foreignKey, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    // CIM registry (issue #5, R4.1.2): geometry and standard address; filled by the registry import.
    /** Exterior ring, WGS84 [lng, lat], counter-clockwise, not closed. Null until surveyed. */
    footprint: jsonb('footprint').$type<[number, number][]>(),
    /** Unit (单元) outlines when the registry has them. */
    unitOutlines: jsonb('unit_outlines').$type<[number, number][][]>(),
    floorHeight: real('floor_height').notNull().default(3),
    year: integer('year'),
    structure: text('structure'),
    /** Standard address code (R6.6.10a), deterministic from the registry; unique per tenant. */
    addressCode: text('address_code'),
    /** The finest CIM level this building's data supports: 1 registry, 2 footprint, 3 units, 4 households. */
    cimLevel: smallint('cim_level').notNull().default(1),
    /** Normalised label for the trigram address search (see queries/cim/search.ts). */
    searchText: text('search_text'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('buildings_code_unique').on(t.tenantId, t.code),
    uniqueIndex('buildings_address_code_unique').on(t.tenantId, t.addressCode),
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
    /** Standard address code down to the room; unique per tenant, stable across re-imports. */
    addressCode: text('address_code'),
    searchText: text('search_text'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('households_room_unique').on(t.tenantId, t.buildingId, t.unit, t.room),
    uniqueIndex('households_address_code_unique').on(t.tenantId, t.addressCode),
    foreignKey({ columns: [t.tenantId, t.buildingId], foreignColumns: [buildings.tenantId, buildings.id] }).onDelete('cascade'),
    index('households_building_idx').on(t.tenantId, t.buildingId),
  ],
);
