import type { Severity } from '../severity';

interface RuleBase {
  id: string;
  severity: Severity;
  nameZh: string;
  nameEn: string;
}

export type ThresholdOp = '>' | '>=' | '<' | '<=';

export interface ThresholdRule extends RuleBase {
  type: 'threshold';
  metric: string;
  op: ThresholdOp;
  value: number;
  /** Where the alarm clears (hysteresis); defaults to `value`. */
  clearValue?: number;
  /** How long the breach must hold before raising, to ride out a single noisy reading. */
  minDurationSeconds?: number;
}

export interface RateRule extends RuleBase {
  type: 'rate';
  metric: string;
  maxChangePerMinute: number;
}

export interface OfflineRule extends RuleBase {
  type: 'offline';
  afterSeconds: number;
}

export interface EventRule extends RuleBase {
  type: 'event';
  event: string;
}

export type AlarmRule = ThresholdRule | RateRule | OfflineRule | EventRule;

export type RuleOverride = Partial<AlarmRule> & { id: string; enabled?: boolean };
