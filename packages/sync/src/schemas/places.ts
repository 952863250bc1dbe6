import { baseIndexes, baseProperties, baseRequired, lat, lng, oneOf, optUuid, text, type RxSchema } from './json-schema';

/** Buildings, units and households of the worker's areas, for pickers; read-only on the tablet. */
export const placesSchema: RxSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    kind: oneOf(['building', 'unit', 'household']),
    parentId: optUuid,
    areaId: optUuid,
    addressCode: text(64),
    name: text(200),
    lng,
    lat,
  },
  required: [...baseRequired, 'kind', 'name'],
  indexes: [...baseIndexes, ['kind', 'name']],
};
