export type { AlarmRule, EventRule, OfflineRule, RateRule, RuleOverride, ThresholdOp, ThresholdRule } from './types';
export { isAlarmRule, mergeRules } from './merge';
export {
  evaluateEvent,
  evaluateOffline,
  evaluateSample,
  initialRuleState,
  FLAP_LIMIT,
  FLAP_QUIET_MS,
  FLAP_WINDOW_MS,
  type RuleState,
  type Transition,
} from './state-machine';
export { nextAlarmState, type AlarmAction, type AlarmState } from './lifecycle';
