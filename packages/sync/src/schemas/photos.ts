import { PHOTO_MIMES } from '../photo';
import { baseIndexes, baseProperties, baseRequired, ms, oneOf, optUuid, type RxSchema, uuid } from './json-schema';

/** Photo metadata only; the bytes travel through the resumable upload, never through replication. */
export const photosSchema: RxSchema = {
  version: 0,
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
  },
  required: [...baseRequired, 'sha256', 'size', 'mime', 'width', 'height', 'takenAt', 'takenBy', 'uploaded'],
  indexes: [...baseIndexes],
};
