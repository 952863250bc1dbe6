import { AppError, msg, type Bilingual } from './errors';

/**
 * The one translation of a refused reference into what the user reads (issue #9). References
 * inside a tenant are composite foreign keys `(tenant_id, x) → (tenant_id, id)`, and people are
 * checked by member triggers (migration 0009); both raise foreign_key_violation (23503) with the
 * constraint's name, so the database has the last word whichever code path wrote the row, and no
 * call site has to remember a check of its own. The API maps errors through here in one place.
 */

interface Reference {
  /** The input field the reference came from (forms show the message there). */
  field: string;
  message: Bilingual;
}

const inCommunity = (zh: string, en: string): Bilingual => msg(`所选${zh}不属于本社区`, `The selected ${en} is not in this community`);

const FIELD_WORKER = msg(
  '所选人员不属于本社区，或不是一线人员（网格员、保安、技工、物业员工）',
  'The selected person is not a member of this community who does field work (grid worker, guard, technician, property staff)',
);

const AREA: Reference = { field: 'areaId', message: inCommunity('网格', 'grid area') };
const FIELD_DOC_TABLES = ['field_patrol_routes', 'field_patrol_runs', 'field_tasks', 'field_cases', 'field_visits', 'field_places', 'field_photos', 'field_conflicts'];

const REFERENCES: Record<string, Reference> = {
  ...Object.fromEntries(FIELD_DOC_TABLES.map((t) => [`${t}_area_fk`, AREA])),
  field_plans_area_fk: AREA,
  field_plans_device_fk: { field: 'deviceId', message: inCommunity('设备', 'device') },
  field_plans_assignee_member: { field: 'assigneeId', message: FIELD_WORKER },
  field_patrol_schedules_guard_member: { field: 'guardId', message: FIELD_WORKER },
  field_patrol_schedules_route_fk: { field: 'routeId', message: inCommunity('巡更路线', 'patrol route') },
  field_patrol_runs_ref_fk: { field: 'routeId', message: inCommunity('巡更路线', 'patrol route') },
  field_tasks_ref_fk: { field: 'planId', message: inCommunity('维保计划', 'plan') },
  field_visits_ref_fk: { field: 'householdId', message: inCommunity('房屋', 'household') },
  field_places_ref_fk: { field: 'parentId', message: inCommunity('上级位置', 'parent place') },
  field_cases_assignee_member: { field: 'assigneeId', message: FIELD_WORKER },
  field_area_members_user_member: { field: 'userId', message: FIELD_WORKER },
  field_areas_buildings_ref: { field: 'buildingIds', message: inCommunity('楼栋', 'building') },
  field_photo_uploads_photo_fk: { field: 'photoId', message: inCommunity('照片', 'photo') },
  commands_alarm_fk: { field: 'alarmId', message: inCommunity('告警', 'alarm') },
  linkage_runs_alarm_fk: { field: 'alarmId', message: inCommunity('告警', 'alarm') },
  residents_user_member: { field: 'userId', message: msg('所选账号不是本社区的居民', 'The selected account is not a resident of this community') },
};

/** Any other key of the schema: still the user's input, still not a server error. */
const UNKNOWN = msg('所选对象不存在或不属于本社区', 'The selected item does not exist or is not in this community');

interface PgError {
  code?: unknown;
  constraint_name?: unknown;
  message?: unknown;
}

/** The database error inside what drizzle or postgres.js threw (drizzle wraps it as the cause). */
function pgErrorOf(error: unknown): PgError | null {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++)
    if (typeof (e as PgError).code === 'string' && 'constraint_name' in e) return e as PgError;
  return null;
}

/**
 * A write that named a row the tenant does not have (another tenant's, or none) → BAD_REQUEST
 * with the reference's message; anything else → null. Only the writing side: a delete that
 * leaves references behind ("update or delete … is still referenced") is a server bug, not input.
 */
export function referenceViolation(error: unknown): AppError | null {
  const pg = pgErrorOf(error);
  if (!pg || pg.code !== '23503' || !String(pg.message ?? '').startsWith('insert or update')) return null;
  const ref = REFERENCES[String(pg.constraint_name ?? '')];
  if (!ref) return new AppError('BAD_REQUEST', UNKNOWN);
  return new AppError('BAD_REQUEST', ref.message, { fieldErrors: { [ref.field]: ref.message } });
}
