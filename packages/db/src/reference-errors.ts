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

const inCommunity = (field: string, zh: string, en: string): Reference => ({ field, message: msg(`所选${zh}不属于本社区`, `The selected ${en} is not in this community`) });

const fieldWorker = (field: string): Reference => ({
  field,
  message: msg(
    '所选人员不属于本社区，或不是一线人员（网格员、保安、技工、物业员工）',
    'The selected person is not a member of this community who does field work (grid worker, guard, technician, property staff)',
  ),
});

const AREA = inCommunity('areaId', '网格', 'grid area');
const ROUTE = inCommunity('routeId', '巡更路线', 'patrol route');
const ALARM = inCommunity('alarmId', '告警', 'alarm');

/**
 * By constraint name: the keys named in the schema (tenantRef) and the triggers' labels (migration
 * 0009). Every field record's area key is `<table>_area_fk`.
 */
const REFERENCES: Record<string, Reference> = {
  field_plans_device_fk: inCommunity('deviceId', '设备', 'device'),
  field_plans_assignee_member: fieldWorker('assigneeId'),
  field_patrol_schedules_guard_member: fieldWorker('guardId'),
  field_patrol_schedules_route_fk: ROUTE,
  field_patrol_runs_ref_fk: ROUTE,
  field_tasks_ref_fk: inCommunity('planId', '维保计划', 'plan'),
  field_visits_ref_fk: inCommunity('householdId', '房屋', 'household'),
  field_places_ref_fk: inCommunity('parentId', '上级位置', 'parent place'),
  field_cases_assignee_member: fieldWorker('assigneeId'),
  field_area_members_user_member: fieldWorker('userId'),
  field_areas_buildings_ref: inCommunity('buildingIds', '楼栋', 'building'),
  field_photo_uploads_photo_fk: inCommunity('photoId', '照片', 'photo'),
  commands_alarm_fk: ALARM,
  linkage_runs_alarm_fk: ALARM,
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
  const name = String(pg.constraint_name ?? '');
  const ref = REFERENCES[name] ?? (name.endsWith('_area_fk') ? AREA : undefined);
  if (!ref) return new AppError('BAD_REQUEST', UNKNOWN);
  return new AppError('BAD_REQUEST', ref.message, { fieldErrors: { [ref.field]: ref.message } });
}
