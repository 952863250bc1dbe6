import { sql } from 'drizzle-orm';
import { bigint, boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { tenantRef } from './_columns';
import { households } from './buildings';
import { fieldAreas, fieldPlans } from './field-plans';
import { tenants } from './tenants';
import { users } from './users';

type TenantKeyed = { tenantId: AnyPgColumn; id: AnyPgColumn };

/**
 * Offline field work (issue #4, R5.3.8, R6.4.1, R6.5, R6.6.9–10). Each replicated collection of
 * the field PWA (`@linli/sync` COLLECTIONS) is one table holding the document as the tablet sees
 * it (`doc`), plus the columns the server filters on. `updated_at` is the server's stamp in ms
 * from the per-tenant clock (`field_clock`), so pull checkpoints `(updated_at, id)` never skip a
 * commit. The document is the truth; the columns are copies kept in step by `storeDoc`.
 *
 * `area_id` and, where it names one kind of row, `ref_id` are references inside the tenant
 * (composite foreign keys), so a document can never point at another community's area, route,
 * plan or household. `ref` is that target (a thunk: the tables reference each other), `'self'`
 * for places (a household's parent is a unit place).
 */
function fieldDocTable<N extends string>(name: N, ref?: (() => TenantKeyed) | 'self') {
  return pgTable(
    name,
    {
      tenantId: uuid('tenant_id').notNull(),
      id: uuid('id').notNull(),
      updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
      /** Grid area; null = tenant-wide (every worker of the tenant sees it). */
      areaId: uuid('area_id'),
      /** workerId / assigneeId / reportedBy / takenBy, depending on the collection. */
      ownerId: uuid('owner_id'),
      status: text('status'),
      kind: text('kind'),
      /** routeId / planId / householdId / parentId / linkedId, depending on the collection. */
      refId: uuid('ref_id'),
      /** Due time in ms (tasks, cases). */
      dueAt: bigint('due_at', { mode: 'number' }),
      /** When the overdue reminder was raised (tasks, cases); null while not overdue. */
      overdueAt: bigint('overdue_at', { mode: 'number' }),
      deleted: boolean('deleted').notNull().default(false),
      doc: jsonb('doc').$type<Record<string, unknown>>().notNull(),
      createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    },
    (t) => [
      primaryKey({ columns: [t.tenantId, t.id] }),
      foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
      // No ON DELETE action: deleting an area must untag its records first (deleteArea does).
      tenantRef(`${name}_area_fk`, t.tenantId, t.areaId, fieldAreas),
      ...(ref ? [tenantRef(`${name}_ref_fk`, t.tenantId, t.refId, ref === 'self' ? t : ref())] : []),
      index(`${name}_checkpoint_idx`).on(t.tenantId, t.updatedAt, t.id),
      index(`${name}_owner_idx`).on(t.tenantId, t.ownerId),
      index(`${name}_ref_idx`).on(t.tenantId, t.refId),
    ],
  );
}

export const fieldPatrolRoutes = fieldDocTable('field_patrol_routes');
/** ref_id = the route walked. */
export const fieldPatrolRuns = fieldDocTable('field_patrol_runs', () => fieldPatrolRoutes);
/** ref_id = the plan that generated the task. */
export const fieldTasks = fieldDocTable('field_tasks', () => fieldPlans);
export const fieldCases = fieldDocTable('field_cases');
/** ref_id = the household visited. */
export const fieldVisits = fieldDocTable('field_visits', () => households);
/** ref_id = the parent place (building → unit → household). */
export const fieldPlaces = fieldDocTable('field_places', 'self');
// ref_id of photos (linkedId) and conflicts (docId) names a row of any collection: no key.
export const fieldPhotos = fieldDocTable('field_photos');
export const fieldConflicts = fieldDocTable('field_conflicts');

export type FieldDocTable = typeof fieldCases;

/**
 * The one field clock behind `updated_at`, shared by all tenants because a worker may pull
 * several communities with one checkpoint. Holds no tenant data; the app reaches it only
 * through the SECURITY DEFINER function `field_next_stamp` (its row lock orders stamps by commit).
 */
export const fieldClock = pgTable('field_clock', {
  singleton: integer('singleton').primaryKey(),
  lastMs: bigint('last_ms', { mode: 'number' }).notNull(),
});

/**
 * Push batches already applied, by the worker who sent them: a retry after a lost reply gets
 * the stored answer and writes nothing. RLS: a worker sees only their own batches.
 */
export const fieldPushBatches = pgTable(
  'field_push_batches',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    batchId: uuid('batch_id').notNull(),
    collection: text('collection').notNull(),
    deviceId: text('device_id').notNull(),
    /** The PushOutput returned the first time. */
    result: jsonb('result').$type<Record<string, unknown>>().notNull(),
    rows: bigint('rows', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.batchId] })],
);

/** Bytes of a photo as they arrive (resumable); the file lives under LINLI_PHOTO_DIR. */
export const fieldPhotoUploads = pgTable(
  'field_photo_uploads',
  {
    tenantId: uuid('tenant_id').notNull(),
    /** The photo document's id. */
    id: uuid('id').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Byte ranges stored so far, [{start, end}] (end exclusive), merged. */
    received: jsonb('received').$type<{ start: number; end: number }[]>().notNull().default(sql`'[]'::jsonb`),
    complete: boolean('complete').notNull().default(false),
    sha256: text('sha256'),
    error: jsonb('error').$type<{ zh: string; en: string }>(),
    /** Relative to the photo directory. */
    path: text('path').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }).onDelete('cascade'),
    // Bytes only for a photo document of the same community (pushed before its bytes).
    tenantRef('field_photo_uploads_photo_fk', t.tenantId, t.id, fieldPhotos).onDelete('cascade'),
  ],
);
