import { CASE_STATUSES } from '../workflow';
import { baseIndexes, baseProperties, baseRequired, lat, lng, ms, oneOf, optUuid, text, type RxSchema, uuid, uuidList } from './json-schema';

export const CASE_KINDS = ['public_facility', 'fire', 'high_altitude_throwing', 'group_renting', 'environment'] as const;

/** Hazard cases (R6.5.1–R6.5.5). */
export const casesSchema: RxSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    kind: oneOf(CASE_KINDS),
    title: { type: 'string', minLength: 1, maxLength: 200 },
    description: text(10_000),
    areaId: optUuid,
    location: {
      type: 'object',
      additionalProperties: false,
      properties: { buildingId: optUuid, unit: text(64), householdId: optUuid, lng, lat },
    },
    photoIds: uuidList(50),
    status: oneOf(CASE_STATUSES),
    reportedBy: { ...uuid },
    reportedAt: ms,
    assigneeId: optUuid,
    dueAt: ms,
    history: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: uuid,
          at: ms,
          by: uuid,
          from: { type: ['string', 'null'], enum: [...CASE_STATUSES, null] },
          to: oneOf(CASE_STATUSES),
          note: text(2000),
          assigneeId: optUuid,
        },
        required: ['id', 'at', 'by', 'from', 'to'],
      },
    },
    comments: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { id: uuid, at: ms, by: uuid, text: { type: 'string', minLength: 1, maxLength: 4000 } },
        required: ['id', 'at', 'by', 'text'],
      },
    },
  },
  required: [...baseRequired, 'kind', 'title', 'description', 'location', 'photoIds', 'status', 'reportedBy', 'reportedAt', 'history', 'comments'],
  indexes: [...baseIndexes, ['status', 'updatedAt'], ['kind', 'updatedAt']],
};
