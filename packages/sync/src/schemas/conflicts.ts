import { baseIndexes, baseProperties, baseRequired, ms, oneOf, optUuid, text, type DocMigrations, keepDoc, type RxSchema, uuid, uuidList } from './json-schema';

/** Conflicts kept for the console; the tablet only reads them (to show "your change is under review"). */
export const conflictsSchema: RxSchema = {
  // Version 1 added `parties` (the other people a case-step clash involves, who see it too).
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    collection: text(32),
    docId: { ...uuid },
    status: oneOf(['open', 'auto_resolved', 'resolved']),
    fields: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        properties: {
          path: text(200),
          resolution: oneOf(['open', 'server']),
          reason: { type: 'object' },
        },
        required: ['path', 'resolution', 'reason'],
      },
    },
    assumedMaster: { type: ['object', 'null'] },
    realMaster: { type: 'object' },
    newDoc: { type: 'object' },
    merged: { type: 'object' },
    pushedBy: optUuid,
    parties: uuidList(20),
    resolvedBy: optUuid,
    resolvedAt: ms,
  },
  required: [...baseRequired, 'collection', 'docId', 'status', 'fields', 'assumedMaster', 'realMaster', 'newDoc', 'merged'],
  indexes: [...baseIndexes, ['status', 'updatedAt']],
};

/** Version 1 only added an optional field: stored documents migrate as they are. */
export const conflictsMigrations: DocMigrations = { 1: keepDoc };
