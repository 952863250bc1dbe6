import { baseIndexes, baseProperties, baseRequired, ms, oneOf, optUuid, text, type RxSchema, uuid, uuidList } from './json-schema';

/** Maintenance and inspection tasks generated from plans (R6.4.1). */
export const tasksSchema: RxSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    planId: { ...uuid },
    kind: oneOf(['maintenance', 'inspection']),
    title: text(200),
    deviceId: optUuid,
    areaId: optUuid,
    assigneeId: { ...uuid },
    dueAt: ms,
    status: oneOf(['pending', 'in_progress', 'done', 'cancelled']),
    checklist: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          itemId: text(64),
          label: text(300),
          result: oneOf(['ok', 'fault', 'na']),
          note: text(2000),
          photoIds: uuidList(20),
          checkedAt: ms,
          checkedBy: optUuid,
        },
        required: ['itemId', 'label'],
      },
    },
    notes: text(10_000),
    photoIds: uuidList(50),
    startedAt: ms,
    completedAt: ms,
  },
  required: [...baseRequired, 'planId', 'kind', 'title', 'assigneeId', 'dueAt', 'status', 'checklist', 'notes', 'photoIds'],
  indexes: [...baseIndexes, ['status', 'dueAt'], ['assigneeId', 'dueAt']],
};
