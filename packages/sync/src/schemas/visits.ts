import { baseIndexes, baseProperties, baseRequired, ms, oneOf, optUuid, text, type RxSchema, uuid, uuidList } from './json-schema';

export const VULNERABLE_FLAGS = ['elderly_alone', 'disabled', 'left_behind_child', 'serious_illness', 'low_income'] as const;

/** Household visits by grid workers (R6.6.9 population, R6.6.10 occupancy judgement). */
export const visitsSchema: RxSchema = {
  version: 0,
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
  indexes: [...baseIndexes, ['householdId', 'at']],
};
