import type { ParamDef } from './types';

export type Bilingual = { zh: string; en: string };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkParam(name: string, def: ParamDef, value: unknown): Bilingual | null {
  if (def.type === 'boolean') {
    return typeof value === 'boolean' ? null : { zh: `参数 ${name} 应为布尔值`, en: `Parameter ${name} must be a boolean` };
  }
  if (def.type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return { zh: `参数 ${name} 应为数字`, en: `Parameter ${name} must be a number` };
    }
    if (def.integer && !Number.isInteger(value)) return { zh: `参数 ${name} 应为整数`, en: `Parameter ${name} must be an integer` };
    if ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max)) {
      const range = `${def.min ?? '-∞'}–${def.max ?? '∞'}`;
      return { zh: `参数 ${name} 应在 ${range} 之间`, en: `Parameter ${name} must be within ${range}` };
    }
    return null;
  }
  if (typeof value !== 'string') return { zh: `参数 ${name} 应为文本`, en: `Parameter ${name} must be a string` };
  if (def.enum && !def.enum.includes(value)) {
    const allowed = def.enum.join(' | ');
    return { zh: `参数 ${name} 只能是 ${allowed}`, en: `Parameter ${name} must be one of ${allowed}` };
  }
  const length = [...value].length;
  if (def.minLength !== undefined && length < def.minLength) {
    return { zh: `参数 ${name} 至少 ${def.minLength} 个字符`, en: `Parameter ${name} needs at least ${def.minLength} characters` };
  }
  if (def.maxLength !== undefined && length > def.maxLength) {
    return { zh: `参数 ${name} 最多 ${def.maxLength} 个字符`, en: `Parameter ${name} allows at most ${def.maxLength} characters` };
  }
  return null;
}

/**
 * Checks `value` against `defs`. Commands refuse unknown parameters (a typo must not be sent to
 * a barrier as a silent no-op); event data lets extra fields through for vendor extras.
 */
export function checkParams(
  defs: Record<string, ParamDef>,
  value: unknown,
  options: { allowUnknown: boolean },
): Bilingual | null {
  if (!isPlainObject(value)) return { zh: '参数应为 JSON 对象', en: 'Parameters must be a JSON object' };
  if (!options.allowUnknown) {
    for (const name of Object.keys(value)) {
      if (!Object.hasOwn(defs, name)) return { zh: `未知参数 ${name}`, en: `Unknown parameter ${name}` };
    }
  }
  for (const [name, def] of Object.entries(defs)) {
    const v = value[name];
    if (v === undefined) {
      if (def.required) return { zh: `缺少参数 ${name}`, en: `Missing parameter ${name}` };
      continue;
    }
    const problem = checkParam(name, def, v);
    if (problem) return problem;
  }
  return null;
}
