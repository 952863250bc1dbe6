import { baseProperties, baseRequired, ms, oneOf, optUuid, text, type RxSchema, uuid, uuidList } from './json-schema';

export const VULNERABLE_FLAGS = ['elderly_alone', 'disabled', 'left_behind_child', 'serious_illness', 'low_income'] as const;

/** Household visits by grid workers (R6.6.9 population, R6.6.10 occupancy judgement). */
export const visitsSchema: RxSchema = {
  // Version 1 dropped the (tenantId, updatedAt) and (householdId, at) indexes: no query on the
  // tablet uses them, and every index is one more IndexedDB entry written per visit — the first
  // pull writes 20,000 of them (bench:field-pull). Documents are unchanged (see migrations).
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    householdId: { ...uuid },
    areaId: optUuid,
    workerId: { ...uuid },
    at: ms,
    occupancy: oneOf(['occupied', 'vacant', 'rented', 'group_rented', 'unknown']),
    residentsSeen: { type: 'integer', minimum: 0, maximum: 200 },
    notes: text(10_000),
    vulnerable: { type: 'array', maxItems: VULNERABLE_FLAGS.length, items: oneOf(VULNERABLE_FLAGS) },
    photoIds: uuidList(50),
  },
  required: [...baseRequired, 'householdId', 'workerId', 'at', 'occupancy', 'notes', 'vulnerable', 'photoIds'],
  // Only the pull/list order: lists sort by (updatedAt, id); a household's visits are few.
  indexes: [['updatedAt', 'id']],
};

/**
 * RxDB migration strategies by target version, for tablets that stored an older schema. RxDB
 * copies documents and the replication's own records (checkpoints, the last known server state)
 * into the new version, so visits not yet sent stay unsent and are pushed afterwards.
 */
export const visitsMigrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {
  // 0 → 1: indexes only, documents as they were.
  1: (doc) => doc,
};
