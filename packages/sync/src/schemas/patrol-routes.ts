import { baseIndexes, baseProperties, baseRequired, lat, lng, optUuid, text, type RxSchema, uuid } from './json-schema';

export const patrolRoutesSchema: RxSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    name: text(200),
    areaId: optUuid,
    active: { type: 'boolean' },
    checkpoints: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: uuid,
          name: text(200),
          qrCode: text(512),
          order: { type: 'integer', minimum: 0, maximum: 10_000 },
          offsetMin: { type: 'number', minimum: 0, maximum: 24 * 60 },
          toleranceMin: { type: 'number', minimum: 0, maximum: 24 * 60 },
          lng,
          lat,
        },
        required: ['id', 'name', 'qrCode', 'order', 'offsetMin', 'toleranceMin'],
      },
    },
  },
  required: [...baseRequired, 'name', 'checkpoints', 'active'],
  indexes: [...baseIndexes],
};
