import type { JsonSchema } from './schemas/json-schema';

export interface SchemaError {
  /** JSON-pointer-like path: `history/2/to`. */
  path: string;
  en: string;
  zh: string;
}

/** Fields RxDB itself adds on the wire; a schema never declares them. */
const WIRE_FIELDS = new Set(['_deleted']);

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;

function typeMatches(expected: NonNullable<JsonSchema['type']>, value: unknown): boolean {
  const actual = typeOf(value);
  const list = Array.isArray(expected) ? expected : [expected];
  return list.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

/**
 * Checks a value against the JSON Schema subset the collection schemas use. Written here rather
 * than pulled from ajv so the tablet bundle stays small and this package keeps no dependencies.
 */
export function validateAgainst(schema: JsonSchema, value: unknown, path = '', top = true): SchemaError[] {
  const errors: SchemaError[] = [];
  const at = path || '(root)';
  if (schema.type !== undefined && !typeMatches(schema.type, value)) {
    const want = Array.isArray(schema.type) ? schema.type.join('|') : schema.type;
    return [{ path: at, en: `${at} must be ${want}`, zh: `${at} 应为 ${want} 类型` }];
  }
  if (schema.enum !== undefined && !schema.enum.includes(value as string)) {
    errors.push({ path: at, en: `${at} must be one of ${schema.enum.join(', ')}`, zh: `${at} 只能是 ${schema.enum.join('、')}` });
  }
  if (typeof value === 'string') {
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      errors.push({ path: at, en: `${at} is longer than ${schema.maxLength}`, zh: `${at} 超过 ${schema.maxLength} 个字符` });
    if (schema.minLength !== undefined && value.length < schema.minLength)
      errors.push({ path: at, en: `${at} is shorter than ${schema.minLength}`, zh: `${at} 少于 ${schema.minLength} 个字符` });
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value))
      errors.push({ path: at, en: `${at} has an invalid format`, zh: `${at} 格式不正确` });
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) errors.push({ path: at, en: `${at} must be a finite number`, zh: `${at} 应为有限数值` });
    if (schema.minimum !== undefined && value < schema.minimum)
      errors.push({ path: at, en: `${at} must be ≥ ${schema.minimum}`, zh: `${at} 不能小于 ${schema.minimum}` });
    if (schema.maximum !== undefined && value > schema.maximum)
      errors.push({ path: at, en: `${at} must be ≤ ${schema.maximum}`, zh: `${at} 不能大于 ${schema.maximum}` });
    if (schema.multipleOf !== undefined && value % schema.multipleOf !== 0)
      errors.push({ path: at, en: `${at} must be a multiple of ${schema.multipleOf}`, zh: `${at} 应为 ${schema.multipleOf} 的整数倍` });
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      errors.push({ path: at, en: `${at} has more than ${schema.maxItems} entries`, zh: `${at} 超过 ${schema.maxItems} 项` });
    if (schema.items !== undefined) {
      const items = schema.items;
      value.forEach((item, i) => errors.push(...validateAgainst(items, item, path ? `${path}/${i}` : String(i), false)));
    }
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (obj[key] === undefined) {
        const p = path ? `${path}/${key}` : key;
        errors.push({ path: p, en: `${p} is required`, zh: `缺少 ${p}` });
      }
    }
    for (const [key, v] of Object.entries(obj)) {
      if (v === undefined) continue;
      const p = path ? `${path}/${key}` : key;
      const sub = schema.properties?.[key];
      if (sub !== undefined) errors.push(...validateAgainst(sub, v, p, false));
      else if (schema.additionalProperties === false && !(top && WIRE_FIELDS.has(key)))
        errors.push({ path: p, en: `${p} is not a known field`, zh: `${p} 不是已知字段` });
    }
  }
  return errors;
}
