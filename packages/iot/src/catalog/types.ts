import type { AlarmRule } from '../rules/types';
import type { Severity } from '../severity';

export type Family =
  | 'water'
  | 'power'
  | 'gas'
  | 'lighting'
  | 'fire'
  | 'sanitation'
  | 'environment'
  | 'energy'
  | 'security'
  | 'access'
  | 'parking'
  | 'patrol'
  | 'communication';

export interface MetricDef {
  key: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  type: 'number' | 'boolean';
  /** Physically possible range: a reading outside it means a broken sensor, not an alarm. */
  min?: number;
  max?: number;
}

export interface ParamDef {
  type: 'number' | 'string' | 'boolean';
  min?: number;
  max?: number;
  integer?: boolean;
  enum?: string[];
  required?: boolean;
  minLength?: number;
  /** Counted in characters (code points), so a Chinese character counts as one. */
  maxLength?: number;
}

export interface EventDef {
  key: string;
  nameZh: string;
  nameEn: string;
  severity: Severity;
  /** Fields of `data` the platform relies on; other fields pass through unchecked. */
  data?: Record<string, ParamDef>;
}

export interface CommandDef {
  key: string;
  nameZh: string;
  nameEn: string;
  params: Record<string, ParamDef>;
}

export interface DeviceKind {
  kind: string;
  /** FIWARE Smart Data Model entity type; `Device` where no specific model exists. */
  fiware: string;
  family: Family;
  nameZh: string;
  nameEn: string;
  metrics: MetricDef[];
  events: EventDef[];
  commands: CommandDef[];
  heartbeatSeconds: number;
  /** 'access' keeps records of people and vehicles passing for ≥ 180 days (R5.3.7). */
  retention: 'telemetry' | 'access';
  defaultRules: AlarmRule[];
}
