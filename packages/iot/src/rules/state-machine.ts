import type { AlarmRule, ThresholdOp, ThresholdRule } from './types';

export interface RuleState {
  active: boolean;
  /** When the current breach started; null when the condition does not hold. */
  pendingSince: number | null;
  lastChange: number | null;
  /** Times of recent raise→clear cycles, newest last, pruned to FLAP_WINDOW_MS. */
  flaps: number[];
  lastValue?: number;
  lastTs?: number;
  /** Set while raises are held back for flapping: no raise before this time. */
  suppressedUntil?: number;
}

export type Transition = 'raise' | 'clear' | null;

export const FLAP_WINDOW_MS = 10 * 60 * 1000;
export const FLAP_LIMIT = 3;
/** Raises resume only after this long without a flap. */
export const FLAP_QUIET_MS = 10 * 60 * 1000;

export function initialRuleState(): RuleState {
  return { active: false, pendingSince: null, lastChange: null, flaps: [] };
}

function holds(value: number, op: ThresholdOp, limit: number): boolean {
  switch (op) {
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
  }
}

interface Condition {
  breach: boolean;
  /** Past the clear point; in the hysteresis band neither this nor `breach` holds. */
  cleared: boolean;
  holdMs: number;
}

function thresholdCondition(rule: ThresholdRule, value: number): Condition {
  const breach = holds(value, rule.op, rule.value);
  const cleared = !holds(value, rule.op, rule.clearValue ?? rule.value);
  return { breach, cleared, holdMs: (rule.minDurationSeconds ?? 0) * 1000 };
}

function rateCondition(maxChangePerMinute: number, state: RuleState, value: number, ts: number): Condition {
  if (state.lastValue === undefined || state.lastTs === undefined) return { breach: false, cleared: true, holdMs: 0 };
  const perMinute = Math.abs(value - state.lastValue) / ((ts - state.lastTs) / 60_000);
  const breach = perMinute > maxChangePerMinute;
  return { breach, cleared: !breach, holdMs: 0 };
}

/**
 * One reading through a threshold or rate rule. Samples at or before the last one seen are
 * ignored: QoS 1 redelivers, and a device uploading its backlog must not move the state back.
 */
export function evaluateSample(
  rule: AlarmRule,
  state: RuleState,
  sample: { ts: number; metrics: Record<string, number | boolean> },
): { state: RuleState; transition: Transition; value?: number } {
  if (rule.type !== 'threshold' && rule.type !== 'rate') return { state, transition: null };
  const value = sample.metrics[rule.metric];
  if (typeof value !== 'number' || !Number.isFinite(value)) return { state, transition: null };
  const { ts } = sample;
  if (state.lastTs !== undefined && ts <= state.lastTs) return { state, transition: null, value };

  const condition =
    rule.type === 'threshold' ? thresholdCondition(rule, value) : rateCondition(rule.maxChangePerMinute, state, value, ts);
  const next: RuleState = { ...state, flaps: state.flaps.filter((t) => t > ts - FLAP_WINDOW_MS), lastValue: value, lastTs: ts };
  if (next.suppressedUntil !== undefined && ts >= next.suppressedUntil) {
    // A full quiet period wipes the flap history: the next breach is judged afresh.
    delete next.suppressedUntil;
    next.flaps = [];
  }

  if (next.active) {
    if (!condition.cleared) return { state: next, transition: null, value };
    next.active = false;
    next.pendingSince = null;
    next.lastChange = ts;
    next.flaps.push(ts);
    return { state: next, transition: 'clear', value };
  }

  if (!condition.breach) {
    // While held back, a breach that would have raised and then cleared is still a flap:
    // it keeps the quiet period from ending while the signal keeps bouncing.
    if (
      next.suppressedUntil !== undefined &&
      condition.cleared &&
      next.pendingSince !== null &&
      state.lastTs !== undefined &&
      state.lastTs - next.pendingSince >= condition.holdMs
    ) {
      next.flaps.push(ts);
      next.suppressedUntil = ts + FLAP_QUIET_MS;
    }
    next.pendingSince = null;
    return { state: next, transition: null, value };
  }

  next.pendingSince = next.pendingSince ?? ts;
  if (ts - next.pendingSince < condition.holdMs) return { state: next, transition: null, value };

  if (next.suppressedUntil === undefined && next.flaps.length >= FLAP_LIMIT) {
    next.suppressedUntil = (next.flaps.at(-1) ?? ts) + FLAP_QUIET_MS;
  }
  if (next.suppressedUntil !== undefined) return { state: next, transition: null, value };

  next.active = true;
  next.lastChange = ts;
  return { state: next, transition: 'raise', value };
}

export function evaluateEvent(rule: AlarmRule, eventKey: string): { transition: 'raise' | null } {
  return { transition: rule.type === 'event' && rule.event === eventKey ? 'raise' : null };
}

/**
 * Offline is judged from the last message time alone, so the check can run on a timer. Pass
 * `active` (whether the offline alarm is already raised) to get a clear when the device returns.
 */
export function evaluateOffline(
  rule: AlarmRule,
  lastSeen: number,
  now: number,
  active = false,
): { transition: Transition; offline: boolean; silentSeconds: number } {
  const silentSeconds = Math.max(0, Math.floor((now - lastSeen) / 1000));
  if (rule.type !== 'offline') return { transition: null, offline: false, silentSeconds };
  const offline = silentSeconds >= rule.afterSeconds;
  const transition: Transition = offline && !active ? 'raise' : !offline && active ? 'clear' : null;
  return { transition, offline, silentSeconds };
}
