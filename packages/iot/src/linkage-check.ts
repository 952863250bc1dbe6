import { isPlainObject } from './catalog/params';
import type { LinkageAction, LinkageRule } from './linkage';
import { isSeverity } from './severity';

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isBilingual = (v: unknown): boolean => isPlainObject(v) && isText(v.zh) && isText(v.en);
const isScope = (v: unknown): boolean => v === 'building' || v === 'community';
const isPriority = (v: unknown): boolean => v === 'emergency' || v === 'normal';
const isTextList = (v: unknown): boolean => Array.isArray(v) && v.every(isText);

function isAction(a: unknown): a is LinkageAction {
  if (!isPlainObject(a)) return false;
  switch (a.type) {
    case 'broadcast':
      return isScope(a.scope) && isBilingual(a.message) && isPriority(a.priority);
    case 'screen':
      return isScope(a.scope) && isBilingual(a.title) && isBilingual(a.body) && (a.priority === undefined || isPriority(a.priority));
    case 'open_barriers':
      return a.group === 'fire_lane' || a.group === 'all';
    case 'show_cameras':
      return typeof a.radiusMeters === 'number' && a.radiusMeters > 0 && a.radiusMeters <= 1000;
    case 'notify':
      return isTextList(a.roles) && (a.roles as unknown[]).length > 0;
    default:
      return false;
  }
}

/** Tenant linkage rules are stored as JSON; check one before it can drive devices. */
export function isLinkageRule(value: unknown): value is LinkageRule {
  if (!isPlainObject(value)) return false;
  const { id, nameZh, nameEn, enabled, trigger, actions } = value;
  if (!isText(id) || !isText(nameZh) || !isText(nameEn) || typeof enabled !== 'boolean') return false;
  if (!isPlainObject(trigger) || !isSeverity(trigger.minSeverity)) return false;
  for (const list of [trigger.deviceKinds, trigger.events, trigger.ruleIds]) {
    if (list !== undefined && !isTextList(list)) return false;
  }
  return Array.isArray(actions) && actions.length > 0 && actions.every(isAction);
}
