import { baseIndexes, baseProperties, baseRequired, ms, oneOf, optUuid, text, type RxSchema, uuid, uuidList } from './json-schema';

/** One run holds its scans, so a device keeping ≥ 4000 scan records (R5.3.8) stays far below any document limit. */
export const patrolRunsSchema: RxSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    routeId: { ...uuid },
    workerId: { ...uuid },
    areaId: optUuid,
    startedAt: ms,
    finishedAt: ms,
    status: oneOf(['in_progress', 'finished', 'abandoned']),
    scans: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: uuid,
          checkpointId: uuid,
          at: ms,
          method: oneOf(['qr', 'manual']),
          late: { type: 'boolean' },
          note: text(500),
        },
        required: ['id', 'checkpointId', 'at', 'method', 'late'],
      },
    },
    missedCheckpointIds: uuidList(500),
    note: text(2000),
  },
  required: [...baseRequired, 'routeId', 'workerId', 'startedAt', 'status', 'scans', 'missedCheckpointIds'],
  indexes: [...baseIndexes, ['routeId', 'startedAt'], ['workerId', 'startedAt']],
};
