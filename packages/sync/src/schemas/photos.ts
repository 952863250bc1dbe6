import { PHOTO_MIMES } from '../photo';
import { baseIndexes, baseProperties, baseRequired, ms, oneOf, optUuid, text, type DocMigrations, keepDoc, type RxSchema, uuid } from './json-schema';

/** Photo metadata only; the bytes travel through the resumable upload, never through replication. */
export const photosSchema: RxSchema = {
  // Version 1 added `refused` (the server's reason when it refused the bytes).
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    sha256: { type: 'string', maxLength: 64, pattern: '^[0-9a-f]{64}$' },
    size: { type: 'integer', minimum: 1, maximum: 100 * 1024 * 1024 },
    mime: oneOf(PHOTO_MIMES),
    width: { type: 'integer', minimum: 1, maximum: 20_000 },
    height: { type: 'integer', minimum: 1, maximum: 20_000 },
    takenAt: ms,
    takenBy: { ...uuid },
    linkedCollection: oneOf(['cases', 'tasks', 'visits', 'patrol_runs']),
    linkedId: optUuid,
    uploaded: { type: 'boolean' },
    refused: { type: 'object', additionalProperties: false, properties: { zh: text(500), en: text(500) }, required: ['zh', 'en'] },
  },
  required: [...baseRequired, 'sha256', 'size', 'mime', 'width', 'height', 'takenAt', 'takenBy', 'uploaded'],
  indexes: [...baseIndexes],
};

/** Version 1 only added an optional field: stored documents migrate as they are. */
export const photosMigrations: DocMigrations = { 1: keepDoc };
