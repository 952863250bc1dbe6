import {
  deviceKind,
  evaluateEvent,
  evaluateSample,
  initialRuleState,
  mergeRules,
  type AlarmRule,
  type RuleOverride,
  type RuleState,
  type Severity,
} from '@linli/iot';
import type postgres from 'postgres';
import { notifyLive } from './live';

export interface AlarmChange {
  tenantId: string;
  deviceId: string;
  ruleId: string;
  transition: 'raise' | 'clear';
  severity: Severity;
  titleZh: string;
  titleEn: string;
  value: number | null;
  at: Date;
  event?: string;
}

/**
 * Evaluates a kind's default rules, merged with the tenant's overrides, against each reading.
 * Rule states live in memory and are only replaced after the batch that changed them commits,
 * so a rolled-back batch re-evaluates from the same state when it is retried.
 */
export class AlarmEngine {
  private states = new Map<string, RuleState>();
  private overrides = new Map<string, { at: number; rules: Map<string, RuleOverride[]> }>();

  constructor(private readonly sql: postgres.Sql) {}

  async rulesFor(tx: postgres.TransactionSql, tenantId: string, kind: string): Promise<AlarmRule[]> {
    const def = deviceKind(kind);
    if (!def) return [];
    let cached = this.overrides.get(tenantId);
    if (!cached || Date.now() - cached.at > 30_000) {
      const rows = await tx<{ kind: string; rule_id: string; override: Record<string, unknown> }[]>`
        select kind, rule_id, override from alarm_rule_overrides where tenant_id = ${tenantId}`;
      const rules = new Map<string, RuleOverride[]>();
      for (const r of rows) rules.set(r.kind, [...(rules.get(r.kind) ?? []), { ...(r.override as object), id: r.rule_id } as RuleOverride]);
      cached = { at: Date.now(), rules };
      this.overrides.set(tenantId, cached);
    }
    return mergeRules(def.defaultRules, cached.rules.get(kind) ?? []);
  }

  /** Returns the transitions and the states to keep once the batch commits. */
  async onTelemetry(
    tx: postgres.TransactionSql,
    pending: Map<string, RuleState>,
    m: { tenantId: string; deviceId: string; kind: string; ts: number; metrics: Record<string, number | boolean> },
  ): Promise<AlarmChange[]> {
    const changes: AlarmChange[] = [];
    for (const rule of await this.rulesFor(tx, m.tenantId, m.kind)) {
      if (rule.type !== 'threshold' && rule.type !== 'rate') continue;
      const key = `${m.deviceId}:${rule.id}`;
      const state = pending.get(key) ?? this.states.get(key) ?? initialRuleState();
      const result = evaluateSample(rule, state, { ts: m.ts, metrics: m.metrics });
      pending.set(key, result.state);
      if (result.transition) {
        changes.push({ tenantId: m.tenantId, deviceId: m.deviceId, ruleId: rule.id, transition: result.transition, severity: rule.severity, titleZh: rule.nameZh, titleEn: rule.nameEn, value: result.value ?? null, at: new Date(m.ts) });
      }
    }
    return changes;
  }

  async onEvent(tx: postgres.TransactionSql, m: { tenantId: string; deviceId: string; kind: string; ts: number; event: string }): Promise<AlarmChange[]> {
    const changes: AlarmChange[] = [];
    for (const rule of await this.rulesFor(tx, m.tenantId, m.kind)) {
      if (rule.type !== 'event') continue;
      if (evaluateEvent(rule, m.event).transition === 'raise') {
        changes.push({ tenantId: m.tenantId, deviceId: m.deviceId, ruleId: rule.id, transition: 'raise', severity: rule.severity, titleZh: rule.nameZh, titleEn: rule.nameEn, value: null, at: new Date(m.ts), event: m.event });
      }
    }
    return changes;
  }

  commit(pending: Map<string, RuleState>) {
    for (const [k, v] of pending) this.states.set(k, v);
  }
}

/**
 * Writes alarm transitions: one open alarm per device and rule (a repeat bumps occurrences),
 * cleared when the condition ends. NOTIFY inside the transaction reaches consoles on commit.
 */
export async function writeAlarmChanges(tx: postgres.TransactionSql, changes: AlarmChange[], codes: Map<string, string>) {
  const raised: Array<AlarmChange & { alarmId: string; isNew: boolean }> = [];
  for (const c of changes) {
    if (c.transition === 'raise') {
      const [row] = await tx<{ id: string; inserted: boolean }[]>`
        insert into alarms (tenant_id, device_id, rule_id, severity, title_zh, title_en, value, raised_at, last_at)
        values (${c.tenantId}, ${c.deviceId}, ${c.ruleId}, ${c.severity}, ${c.titleZh}, ${c.titleEn}, ${c.value}, ${c.at}, ${c.at})
        on conflict (tenant_id, device_id, rule_id) where state in ('raised', 'acknowledged')
        do update set occurrences = alarms.occurrences + 1, last_at = excluded.last_at, value = excluded.value
        returning id, (xmax = 0) as inserted`;
      raised.push({ ...c, alarmId: row!.id, isNew: row!.inserted });
      if (row!.inserted) await notifyAlarm(tx, c, row!.id, 'raised', codes.get(c.deviceId) ?? '');
    } else {
      const rows = await tx<{ id: string }[]>`
        update alarms set state = 'cleared', cleared_at = ${c.at}
         where tenant_id = ${c.tenantId} and device_id = ${c.deviceId} and rule_id = ${c.ruleId} and state in ('raised', 'acknowledged')
        returning id`;
      for (const r of rows) await notifyAlarm(tx, c, r.id, 'cleared', codes.get(c.deviceId) ?? '');
    }
  }
  return raised;
}

async function notifyAlarm(tx: postgres.TransactionSql, c: AlarmChange, alarmId: string, state: string, deviceCode: string) {
  await notifyLive(tx, { type: 'alarm', tenantId: c.tenantId, alarmId, state, severity: c.severity, titleZh: c.titleZh, titleEn: c.titleEn, deviceId: c.deviceId, deviceCode });
}
