import { isSeverity } from '../severity';
import type { AlarmRule, RuleOverride, ThresholdOp, ThresholdRule } from './types';

const OPS: readonly string[] = ['>', '>=', '<', '<='];

const isOp = (v: unknown): v is ThresholdOp => typeof v === 'string' && OPS.includes(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPositive = (v: unknown): v is number => isFiniteNumber(v) && v > 0;
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Whether `value` is a complete, well-typed rule (tenant rules arrive as stored JSON). */
export function isAlarmRule(value: unknown): value is AlarmRule {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  if (!isText(r.id) || !isSeverity(r.severity) || !isText(r.nameZh) || !isText(r.nameEn)) return false;
  switch (r.type) {
    case 'threshold':
      return (
        isText(r.metric) &&
        isOp(r.op) &&
        isFiniteNumber(r.value) &&
        (r.clearValue === undefined || isFiniteNumber(r.clearValue)) &&
        (r.minDurationSeconds === undefined || (isFiniteNumber(r.minDurationSeconds) && r.minDurationSeconds >= 0))
      );
    case 'rate':
      return isText(r.metric) && isPositive(r.maxChangePerMinute);
    case 'offline':
      return isPositive(r.afterSeconds);
    case 'event':
      return isText(r.event);
    default:
      return false;
  }
}

function clearOnRightSide(rule: ThresholdRule): boolean {
  if (rule.clearValue === undefined) return true;
  return rule.op === '>' || rule.op === '>=' ? rule.clearValue <= rule.value : rule.clearValue >= rule.value;
}

function applyThreshold(rule: ThresholdRule, o: Record<string, unknown>): ThresholdRule {
  const next: ThresholdRule = { ...rule };
  if (isOp(o.op)) next.op = o.op;
  if (isFiniteNumber(o.value)) {
    next.value = o.value;
    // Moving the limit alone keeps the default's hysteresis gap rather than a clear point
    // left on the wrong side of the new limit (which would raise and clear on one reading).
    if (o.clearValue === undefined && rule.clearValue !== undefined) next.clearValue = o.value - (rule.value - rule.clearValue);
  }
  if (isFiniteNumber(o.clearValue)) next.clearValue = o.clearValue;
  if (isFiniteNumber(o.minDurationSeconds) && o.minDurationSeconds >= 0) next.minDurationSeconds = o.minDurationSeconds;
  if (!clearOnRightSide(next)) delete next.clearValue;
  return next;
}

function apply(rule: AlarmRule, o: Record<string, unknown>): AlarmRule {
  const base = {
    severity: isSeverity(o.severity) ? o.severity : rule.severity,
    nameZh: isText(o.nameZh) ? o.nameZh : rule.nameZh,
    nameEn: isText(o.nameEn) ? o.nameEn : rule.nameEn,
  };
  // The id, type, metric and event stay the kind's: an override tunes a rule, it cannot
  // point it at something the device does not report.
  switch (rule.type) {
    case 'threshold':
      return { ...applyThreshold(rule, o), ...base };
    case 'rate':
      return { ...rule, ...base, maxChangePerMinute: isPositive(o.maxChangePerMinute) ? o.maxChangePerMinute : rule.maxChangePerMinute };
    case 'offline':
      return { ...rule, ...base, afterSeconds: isPositive(o.afterSeconds) ? o.afterSeconds : rule.afterSeconds };
    case 'event':
      return { ...rule, ...base };
  }
}

/**
 * Tenant overrides by rule id: tune values and severity, or `enabled: false` to drop a rule.
 * Ill-typed fields are ignored field by field. An override whose id matches no default adds a
 * tenant rule, but only if it is a complete rule on its own.
 */
export function mergeRules(defaults: AlarmRule[], overrides: RuleOverride[]): AlarmRule[] {
  const byId = new Map(overrides.map((o) => [o.id, o as Record<string, unknown>]));
  const merged: AlarmRule[] = [];
  for (const rule of defaults) {
    const o = byId.get(rule.id);
    if (!o) merged.push({ ...rule });
    else if (o.enabled !== false) merged.push(apply(rule, o));
  }
  const known = new Set(defaults.map((r) => r.id));
  for (const [id, o] of byId) {
    if (known.has(id) || o.enabled === false) continue;
    const { enabled: _enabled, ...rule } = o;
    if (isAlarmRule(rule)) merged.push(rule);
  }
  return merged;
}
