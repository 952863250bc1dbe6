import { bigint, boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantColumns, tenantRef, timestamps } from './_columns';
import { devices } from './devices';
import { fieldPatrolRoutes } from './field';
import { tenants } from './tenants';
import { users } from './users';

/** A grid area (网格): a named set of buildings in one community. */
export const fieldAreas = pgTable(
  'field_areas',
  {
    ...tenantColumns,
    name: text('name').notNull(),
    buildingIds: uuid('building_ids').array().notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade')],
);

/**
 * Which workers an area is given to. A worker with no row here sees the whole community.
 * user_id must be a field worker of the community (trigger of migration 0009).
 */
export const fieldAreaMembers = pgTable(
  'field_area_members',
  {
    tenantId: uuid('tenant_id').notNull(),
    areaId: uuid('area_id').notNull(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.areaId, t.userId] }),
    foreignKey({ columns: [t.tenantId, t.areaId], foreignColumns: [fieldAreas.tenantId, fieldAreas.id] }).onDelete('cascade'),
    index('field_area_members_user_idx').on(t.userId),
  ],
);

export const PLAN_KINDS = ['maintenance', 'inspection'] as const;

export interface PlanChecklistItem {
  itemId: string;
  label: string;
}

/**
 * Maintenance and inspection plans (R6.4.1 b/c/e/g): every `everyDays` a task is generated
 * `leadHours` before it is due, with the plan's checklist; tasks past due are flagged overdue.
 */
export const fieldPlans = pgTable(
  'field_plans',
  {
    ...tenantColumns,
    name: text('name').notNull(),
    kind: text('kind', { enum: PLAN_KINDS }).notNull(),
    deviceId: uuid('device_id'),
    areaId: uuid('area_id'),
    /** A field worker of this community (checked by a trigger, migration 0009: users are platform-wide). */
    assigneeId: uuid('assignee_id').notNull(),
    checklist: jsonb('checklist').$type<PlanChecklistItem[]>().notNull(),
    everyDays: integer('every_days').notNull(),
    /** How long before the due time the task appears on the tablet. */
    leadHours: integer('lead_hours').notNull().default(24),
    /** How long the assignee has once the task is due before it counts as overdue. */
    graceHours: integer('grace_hours').notNull().default(0),
    /** Next due time in ms; advanced by the generator. */
    nextDueAt: bigint('next_due_at', { mode: 'number' }).notNull(),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
    tenantRef('field_plans_device_fk', t.tenantId, t.deviceId, devices),
    // No ON DELETE action: deleteArea clears the plans' area before it deletes the area.
    tenantRef('field_plans_area_fk', t.tenantId, t.areaId, fieldAreas),
    index('field_plans_due_idx').on(t.tenantId, t.active, t.nextDueAt),
  ],
);

/** Patrol schedules: when a route is to be walked (daily at given times) and by whom. */
export const fieldPatrolSchedules = pgTable(
  'field_patrol_schedules',
  {
    ...tenantColumns,
    routeId: uuid('route_id').notNull(),
    /** Minutes after local midnight (Asia/Shanghai) a run should start, e.g. [480, 1200]. */
    startMinutes: integer('start_minutes').array().notNull(),
    /** ISO weekdays 1–7 the schedule applies to. */
    weekdays: integer('weekdays').array().notNull(),
    /** A field worker of this community, or anyone of them when null (trigger of migration 0009). */
    guardId: uuid('guard_id'),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
    tenantRef('field_patrol_schedules_route_fk', t.tenantId, t.routeId, fieldPatrolRoutes).onDelete('cascade'),
    index('field_patrol_schedules_route_idx').on(t.tenantId, t.routeId),
  ],
);
