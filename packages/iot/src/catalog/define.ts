import type { AlarmRule, ThresholdOp } from '../rules/types';
import type { Severity } from '../severity';
import type { CommandDef, DeviceKind, EventDef, MetricDef, ParamDef } from './types';

export function num(key: string, nameZh: string, nameEn: string, unit: string, min: number, max: number): MetricDef {
  return { key, nameZh, nameEn, unit, type: 'number', min, max };
}

export function bool(key: string, nameZh: string, nameEn: string): MetricDef {
  return { key, nameZh, nameEn, unit: '', type: 'boolean' };
}

export function ev(
  key: string,
  nameZh: string,
  nameEn: string,
  severity: Severity,
  data?: Record<string, ParamDef>,
): EventDef {
  return data ? { key, nameZh, nameEn, severity, data } : { key, nameZh, nameEn, severity };
}

export function cmd(key: string, nameZh: string, nameEn: string, params: Record<string, ParamDef> = {}): CommandDef {
  return { key, nameZh, nameEn, params };
}

export function threshold(
  id: string,
  metric: string,
  op: ThresholdOp,
  value: number,
  severity: Severity,
  nameZh: string,
  nameEn: string,
  extra: { clearValue?: number; minDurationSeconds?: number } = {},
): AlarmRule {
  return { id, type: 'threshold', metric, op, value, severity, nameZh, nameEn, ...extra };
}

export function rate(
  id: string,
  metric: string,
  maxChangePerMinute: number,
  severity: Severity,
  nameZh: string,
  nameEn: string,
): AlarmRule {
  return { id, type: 'rate', metric, maxChangePerMinute, severity, nameZh, nameEn };
}

interface KindInput {
  kind: string;
  fiware: string;
  family: DeviceKind['family'];
  nameZh: string;
  nameEn: string;
  heartbeatSeconds: number;
  retention?: DeviceKind['retention'];
  metrics?: MetricDef[];
  events?: EventDef[];
  commands?: CommandDef[];
  /** Threshold and rate rules, with ids local to the kind. */
  rules?: AlarmRule[];
  /** A silent life-safety device is itself a hazard, so those kinds raise more than `minor`. */
  offlineSeverity?: Severity;
}

/**
 * Rule ids are prefixed with the kind so an alarm's rule id names its source on its own, and
 * every non-info event gets an event rule: the event's severity is its default alarm level.
 */
export function defineKind(input: KindInput): DeviceKind {
  const { kind, rules = [], offlineSeverity = 'minor', retention = 'telemetry', ...rest } = input;
  const events = input.events ?? [];
  const eventRules: AlarmRule[] = events
    .filter((e) => e.severity !== 'info')
    .map((e) => ({ id: e.key, type: 'event', event: e.key, severity: e.severity, nameZh: e.nameZh, nameEn: e.nameEn }));
  const offline: AlarmRule = {
    id: 'offline',
    type: 'offline',
    // Three missed heartbeats: one lost packet or a broker restart must not page anyone.
    afterSeconds: 3 * input.heartbeatSeconds,
    severity: offlineSeverity,
    nameZh: '设备离线',
    nameEn: 'Device offline',
  };
  return {
    ...rest,
    kind,
    retention,
    metrics: input.metrics ?? [],
    events,
    commands: input.commands ?? [],
    defaultRules: [...rules, ...eventRules, offline].map((r) => ({ ...r, id: `${kind}.${r.id}` })),
  };
}
