import { describe, expect, it } from 'vitest';
import { validateCommand } from '../src/catalog/index';
import { BUILTIN_LINKAGE, matchLinkage, planCommands, type LinkageAction, type LinkageTargets } from '../src/linkage';
import { isLinkageRule } from '../src/linkage-check';

const smokeAlarm = { deviceKind: 'smoke_detector', ruleId: 'smoke_detector.smoke_alarm', event: 'smoke_alarm', severity: 'critical' } as const;

const targets: LinkageTargets = {
  broadcastZones: [
    { deviceId: 'zone-b3', buildingId: 'b3' },
    { deviceId: 'zone-b5', buildingId: 'b5' },
    { deviceId: 'zone-square', buildingId: null },
  ],
  screens: [
    { deviceId: 'screen-b3', buildingId: 'b3' },
    { deviceId: 'screen-gate', buildingId: null },
  ],
  barriers: [
    { deviceId: 'barrier-east', group: 'fire_lane' },
    { deviceId: 'barrier-north', group: 'fire_lane' },
    { deviceId: 'barrier-garage', group: 'garage' },
  ],
};

const kindOfCommand: Record<string, string> = { broadcast: 'broadcast_zone', publish: 'info_screen', open: 'parking_barrier' };

describe('matchLinkage', () => {
  it('turns a smoke alarm into broadcast, screen, cameras, fire-lane barriers and notifications', () => {
    const matched = matchLinkage(BUILTIN_LINKAGE, smokeAlarm);
    expect(new Set(matched.map((m) => m.ruleId))).toEqual(new Set(['builtin.fire']));
    const byType = Object.fromEntries(matched.map((m) => [m.action.type, m.action]));
    expect(byType.broadcast).toMatchObject({ scope: 'building', priority: 'emergency' });
    expect(byType.screen).toMatchObject({ scope: 'building' });
    expect(byType.show_cameras).toEqual({ type: 'show_cameras', radiusMeters: 100 });
    expect(byType.open_barriers).toEqual({ type: 'open_barriers', group: 'fire_lane' });
    expect(byType.notify).toEqual({ type: 'notify', roles: ['property_admin', 'security_guard'] });
  });

  it('also fires for the fire panel and heat alarms at major', () => {
    expect(matchLinkage(BUILTIN_LINKAGE, { deviceKind: 'fire_panel', ruleId: 'fire_panel.fire_alarm', event: 'fire_alarm', severity: 'major' })).toHaveLength(5);
    expect(matchLinkage(BUILTIN_LINKAGE, { ...smokeAlarm, event: 'heat_alarm', ruleId: 'smoke_detector.heat_alarm' })).toHaveLength(5);
  });

  it('yields nothing for a minor alarm, even a smoke alarm a tenant downgraded', () => {
    expect(matchLinkage(BUILTIN_LINKAGE, { ...smokeAlarm, severity: 'minor' })).toEqual([]);
    expect(matchLinkage(BUILTIN_LINKAGE, { deviceKind: 'smoke_detector', ruleId: 'smoke_detector.low_battery', event: 'low_battery', severity: 'minor' })).toEqual([]);
  });

  it('does not evacuate for a camera smoke guess or an unrelated event', () => {
    const camera = matchLinkage(BUILTIN_LINKAGE, { deviceKind: 'camera_ai', ruleId: 'camera_ai.fire_smoke', event: 'fire_smoke', severity: 'critical' });
    expect(camera.map((m) => m.action.type).sort()).toEqual(['notify', 'show_cameras']);
    expect(matchLinkage(BUILTIN_LINKAGE, { ...smokeAlarm, event: 'tamper', ruleId: 'smoke_detector.tamper', severity: 'major' })).toEqual([]);
  });

  it('matches a threshold alarm by rule id', () => {
    const gas = matchLinkage(BUILTIN_LINKAGE, { deviceKind: 'gas_detector', ruleId: 'gas_detector.concentration_high', severity: 'critical' });
    expect(gas.every((m) => m.ruleId === 'builtin.gas_leak')).toBe(true);
    expect(gas).toHaveLength(2);
  });

  it('skips disabled rules', () => {
    const off = BUILTIN_LINKAGE.map((r) => ({ ...r, enabled: false }));
    expect(matchLinkage(off, smokeAlarm)).toEqual([]);
  });

  it('ships built-in rules that pass its own rule check', () => {
    for (const rule of BUILTIN_LINKAGE) expect(isLinkageRule(rule), rule.id).toBe(true);
    expect(isLinkageRule({ ...BUILTIN_LINKAGE[0], actions: [{ type: 'open_barriers', group: 'everything' }] })).toBe(false);
    expect(isLinkageRule({ ...BUILTIN_LINKAGE[0], trigger: { minSeverity: 'huge' } })).toBe(false);
  });
});

describe('planCommands', () => {
  const context = { buildingId: 'b3', buildingName: '3号楼' };
  const fire = matchLinkage(BUILTIN_LINKAGE, smokeAlarm).map((m) => m.action);
  const plan = fire.flatMap((action) => planCommands(action, targets, context));

  it('produces commands every target device accepts', () => {
    expect(plan.length).toBeGreaterThan(0);
    for (const c of plan) expect(validateCommand(kindOfCommand[c.name]!, c.name, c.params), `${c.deviceId} ${c.name}`).toEqual({ ok: true });
  });

  it('broadcasts an emergency in the building, naming it', () => {
    const broadcasts = plan.filter((c) => c.name === 'broadcast');
    expect(broadcasts.map((c) => c.deviceId)).toEqual(['zone-b3']);
    expect(broadcasts[0]?.params).toMatchObject({ priority: 'emergency', repeat: 3 });
    expect(broadcasts[0]?.params.message).toContain('3号楼发生火警');
    expect(broadcasts[0]?.params.message).not.toContain('{building}');
  });

  it('publishes to the building screen and opens only fire-lane barriers', () => {
    expect(plan.filter((c) => c.name === 'publish').map((c) => c.deviceId)).toEqual(['screen-b3']);
    expect(plan.filter((c) => c.name === 'open').map((c) => c.deviceId)).toEqual(['barrier-east', 'barrier-north']);
  });

  it('speaks English when asked', () => {
    const [broadcast] = planCommands(fire[0]!, targets, { ...context, buildingName: 'Building 3', locale: 'en' });
    expect(broadcast?.params.message).toMatch(/^Emergency: fire alarm in Building 3\./);
  });

  it('falls back to every zone when the building has none, for emergencies only', () => {
    const emergency = planCommands(fire[0]!, targets, { buildingId: 'b9', buildingName: '9号楼' });
    expect(emergency.map((c) => c.deviceId)).toEqual(['zone-b3', 'zone-b5', 'zone-square']);
    const notice: LinkageAction = { type: 'broadcast', scope: 'building', priority: 'normal', message: { zh: '通知', en: 'Notice' } };
    expect(planCommands(notice, targets, { buildingId: 'b9', buildingName: '9号楼' })).toEqual([]);
  });

  it('keeps a rendered message within the device limit', () => {
    const [broadcast] = planCommands(fire[0]!, targets, { ...context, buildingName: '楼'.repeat(600) });
    expect(validateCommand('broadcast_zone', 'broadcast', broadcast?.params)).toEqual({ ok: true });
  });

  it('yields no device commands for cameras and notifications', () => {
    expect(planCommands({ type: 'show_cameras', radiusMeters: 100 }, targets, context)).toEqual([]);
    expect(planCommands({ type: 'notify', roles: ['security_guard'] }, targets, context)).toEqual([]);
  });
});
