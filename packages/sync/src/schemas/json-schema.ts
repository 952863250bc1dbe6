import { UUID_PATTERN } from '../ids';

/** The part of JSON Schema that RxDB schemas use here (and that validate-schema.ts checks). */
export interface JsonSchema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null' | Array<'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null'>;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  maxItems?: number;
  enum?: readonly (string | number | boolean | null)[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  description?: string;
}

/** RxDB collection schema: a JSON Schema object plus version, primary key and indexes. */
export interface RxSchema extends JsonSchema {
  version: number;
  primaryKey: 'id';
  type: 'object';
  properties: Record<string, JsonSchema>;
  required: readonly string[];
  indexes?: readonly (string | readonly string[])[];
  additionalProperties: false;
}

/** RxDB migration strategies by target schema version (a tablet keeps its data across versions). */
export type DocMigrations = Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>;
/** The strategy for a version that changed indexes or added an optional field only. */
export const keepDoc = (doc: Record<string, unknown>): Record<string, unknown> => doc;

export const uuid: JsonSchema = { type: 'string', maxLength: 36, pattern: UUID_PATTERN };
export const optUuid: JsonSchema = uuid;
/** ms since epoch; RxDB wants bounds and a step on indexed numbers. */
export const ms: JsonSchema = { type: 'number', minimum: 0, maximum: 9_999_999_999_999, multipleOf: 1 };
export const text = (maxLength: number): JsonSchema => ({ type: 'string', maxLength });
export const oneOf = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: values, maxLength: 32 });
export const uuidList = (maxItems: number): JsonSchema => ({ type: 'array', items: uuid, maxItems });
export const lng: JsonSchema = { type: 'number', minimum: -180, maximum: 180 };
export const lat: JsonSchema = { type: 'number', minimum: -90, maximum: 90 };

const clientClock: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    clientTime: { type: 'number' },
    skewMs: { type: 'number' },
    original: { type: 'object' },
  },
  required: ['clientTime', 'skewMs', 'original'],
};

/** Fields every synced document carries. */
export const baseProperties: Record<string, JsonSchema> = {
  id: uuid,
  tenantId: uuid,
  updatedAt: ms,
  clientClock,
};
export const baseRequired = ['id', 'tenantId', 'updatedAt'] as const;

/** Indexes every collection gets: the pull order, and tenant scoping on a shared tablet. */
export const baseIndexes = [['updatedAt', 'id'], ['tenantId', 'updatedAt']] as const;
