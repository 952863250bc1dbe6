import { BUILTIN_LINKAGE, isLinkageRule, matchLinkage, planCommands, type LinkageRule, type LinkageTargets } from '@linli/iot';
import { chainHash } from '@linli/db/audit/canonical';
import type postgres from 'postgres';
import type { AlarmChange } from './alarm-engine';
import type { DeviceRecord } from './device-directory';
import type { Dispatcher } from './dispatcher';
import { inTenants } from './scope';

type Raised = AlarmChange & { alarmId: string; device: DeviceRecord };

const BRIDGE_ACTOR = 'bridge';

/**
 * Alarm → actions (R5.3.1: the emergency broadcast must sound within 10 s): matching rules
 * become command rows (source 'linkage', tied to the alarm), a linkage run, an audit row, all in
 * one transaction; the commands are then published at once rather than waiting for NOTIFY.
 */
export class LinkageRunner {
  constructor(
    private readonly sql: postgres.Sql,
    private readonly dispatcher: Dispatcher,
  ) {}

  async run(alarms: Raised[]) {
    for (const alarm of alarms) {
      const tenantId = alarm.tenantId;
      const commandIds = await inTenants(this.sql, [tenantId], async (tx) => {
        const custom = await tx<{ rule: unknown }[]>`select rule from linkage_rules where tenant_id = ${tenantId} and enabled`;
        const rules: LinkageRule[] = [...BUILTIN_LINKAGE, ...custom.map((r) => r.rule).filter(isLinkageRule)];
        const matches = matchLinkage(rules, { deviceKind: alarm.device.kind, ruleId: alarm.ruleId, event: alarm.event, severity: alarm.severity });
        if (!matches.length) return [];
        const targets = await this.targets(tx, tenantId);
        const [building] = alarm.device.buildingId ? await tx<{ name: string }[]>`select name from buildings where tenant_id = ${tenantId} and id = ${alarm.device.buildingId}` : [];
        const context = { buildingId: alarm.device.buildingId, buildingName: building?.name ?? '' };
        const ids: string[] = [];
        const byRule = new Map<string, typeof matches>();
        for (const m of matches) byRule.set(m.ruleId, [...(byRule.get(m.ruleId) ?? []), m]);
        for (const [ruleId, ruleMatches] of byRule) {
          const planned = ruleMatches.flatMap((m) => planCommands(m.action, targets, context));
          const runIds: string[] = [];
          for (const p of planned) {
            const [row] = await tx<{ id: string }[]>`
              insert into commands (tenant_id, device_id, name, params, source, alarm_id, expires_at)
              values (${tenantId}, ${p.deviceId}, ${p.name}, ${tx.json(p.params as never)}, 'linkage', ${alarm.alarmId}, now() + interval '10 minutes')
              returning id`;
            runIds.push(row!.id);
          }
          await tx`insert into linkage_runs (tenant_id, alarm_id, rule_id, actions, command_ids)
                   values (${tenantId}, ${alarm.alarmId}, ${ruleId}, ${tx.json(ruleMatches.map((m) => m.action) as never)}, ${runIds}::uuid[])`;
          await appendBridgeAudit(tx, { tenantId, action: 'linkage.run', targetType: 'alarm', targetId: alarm.alarmId, summary: `${ruleId}: ${runIds.length} command(s) for ${alarm.device.code}` });
          ids.push(...runIds);
        }
        return ids;
      });
      await this.dispatcher.dispatch(tenantId, commandIds);
    }
  }

  private async targets(tx: postgres.TransactionSql, tenantId: string): Promise<LinkageTargets> {
    const rows = await tx<{ id: string; kind: string; building_id: string | null; zone: string | null }[]>`
      select id, kind, building_id, zone from devices where tenant_id = ${tenantId} and enabled and kind in ('broadcast_zone', 'info_screen', 'parking_barrier')`;
    return {
      broadcastZones: rows.filter((r) => r.kind === 'broadcast_zone').map((r) => ({ deviceId: r.id, buildingId: r.building_id })),
      screens: rows.filter((r) => r.kind === 'info_screen').map((r) => ({ deviceId: r.id, buildingId: r.building_id })),
      barriers: rows.filter((r) => r.kind === 'parking_barrier').map((r) => ({ deviceId: r.id, group: r.zone ?? 'all' })),
    };
  }
}

/** Appends a chained audit row as the bridge (same SM3 chain as the web app's rows). */
export async function appendBridgeAudit(tx: postgres.TransactionSql, e: { tenantId: string; action: string; targetType: string; targetId: string; summary: string }) {
    const [head] = await tx<{ last_id: string; last_hash: string }[]>`select last_id, last_hash from audit_head where singleton = 1 for update`;
    const row = {
      id: Number(head!.last_id) + 1, at: new Date(), actorUserId: null, actorName: BRIDGE_ACTOR, organizationId: null, tenantId: e.tenantId,
      action: e.action, targetType: e.targetType, targetId: e.targetId, summary: e.summary, beforeDigest: null, afterDigest: null, ip: null, userAgent: null,
    };
    const hash = chainHash(head!.last_hash, row);
    await tx`insert into audit_log (id, at, actor_user_id, actor_name, organization_id, tenant_id, action, target_type, target_id, summary, before_digest, after_digest, ip, user_agent, prev_hash, hash)
             values (${row.id}, ${row.at}, null, ${BRIDGE_ACTOR}, null, ${e.tenantId}, ${e.action}, ${e.targetType}, ${e.targetId}, ${e.summary}, null, null, null, null, ${head!.last_hash}, ${hash})`;
    await tx`update audit_head set last_id = ${row.id}, last_hash = ${hash} where singleton = 1`;
}
