import { describe, expect, it } from 'vitest';
import { CATALOG, deviceKind, validateCommand } from '../src/catalog/index';
import type { ParamDef } from '../src/catalog/types';
import { isAlarmRule } from '../src/rules/merge';
import { isSeverity } from '../src/severity';

const kinds = Object.values(CATALOG);

function paramProblems(where: string, defs: Record<string, ParamDef>): string[] {
  const problems: string[] = [];
  for (const [name, p] of Object.entries(defs)) {
    if (!['number', 'string', 'boolean'].includes(p.type)) problems.push(`${where}.${name}: type`);
    if (p.min !== undefined && p.max !== undefined && !(p.min < p.max)) problems.push(`${where}.${name}: min<max`);
    if ((p.min !== undefined || p.max !== undefined || p.integer) && p.type !== 'number') problems.push(`${where}.${name}: range on non-number`);
    if ((p.enum || p.maxLength !== undefined || p.minLength !== undefined) && p.type !== 'string') problems.push(`${where}.${name}: string option on ${p.type}`);
    if (p.enum && p.enum.length === 0) problems.push(`${where}.${name}: empty enum`);
    if (p.maxLength !== undefined && !(p.maxLength > 0)) problems.push(`${where}.${name}: maxLength`);
  }
  return problems;
}

describe('device catalog', () => {
  it('holds every kind the platform integrates', () => {
    const required = [
      'water_quality', 'water_flow', 'water_pressure', 'tank_level', 'power_meter', 'gas_detector', 'gas_valve',
      'street_light', 'smoke_detector', 'fire_panel', 'trash_bin', 'environment', 'meter_electricity', 'meter_water',
      'meter_gas', 'meter_heat', 'access_gate', 'parking_barrier', 'camera_ai', 'perimeter', 'patrol_point',
      'intercom', 'broadcast_zone', 'info_screen',
    ];
    expect(Object.keys(CATALOG)).toEqual(expect.arrayContaining(required));
    expect(kinds.filter((k) => k.family === 'energy').length).toBeGreaterThanOrEqual(4);
  });

  it.each(kinds.map((k) => [k.kind, k] as const))('%s is well-formed', (key, k) => {
    const problems: string[] = [];
    if (k.kind !== key) problems.push('key');
    if (!/^[A-Z][A-Za-z]+$/.test(k.fiware)) problems.push('fiware name');
    if (!k.nameZh || !k.nameEn) problems.push('names');
    if (!(k.heartbeatSeconds > 0)) problems.push('heartbeat');
    if (k.metrics.length + k.events.length === 0) problems.push('reports nothing');

    const metricKeys = new Set(k.metrics.map((m) => m.key));
    const eventKeys = new Set(k.events.map((e) => e.key));
    if (metricKeys.size !== k.metrics.length) problems.push('duplicate metric');
    if (eventKeys.size !== k.events.length) problems.push('duplicate event');
    for (const m of k.metrics) {
      if (!m.nameZh || !m.nameEn) problems.push(`metric ${m.key}: names`);
      if (m.type === 'number' && !(m.min !== undefined && m.max !== undefined && m.min < m.max)) problems.push(`metric ${m.key}: range`);
      if (m.type === 'boolean' && (m.min !== undefined || m.max !== undefined)) problems.push(`metric ${m.key}: range on boolean`);
    }
    for (const e of k.events) {
      if (!isSeverity(e.severity)) problems.push(`event ${e.key}: severity`);
      if (e.data) problems.push(...paramProblems(`event ${e.key}`, e.data));
    }
    for (const c of k.commands) {
      if (!c.nameZh || !c.nameEn) problems.push(`command ${c.key}: names`);
      problems.push(...paramProblems(`command ${c.key}`, c.params));
    }

    const ruleIds = new Set<string>();
    for (const r of k.defaultRules) {
      if (!isAlarmRule({ ...r })) problems.push(`rule ${r.id}: shape`);
      if (!r.id.startsWith(`${k.kind}.`)) problems.push(`rule ${r.id}: id prefix`);
      if (ruleIds.has(r.id)) problems.push(`rule ${r.id}: duplicate`);
      ruleIds.add(r.id);
      if (r.type === 'threshold' || r.type === 'rate') {
        const m = k.metrics.find((x) => x.key === r.metric);
        if (!m || m.type !== 'number') problems.push(`rule ${r.id}: metric ${r.metric}`);
        if (r.type === 'threshold' && m && (r.value < m.min! || r.value > m.max!)) problems.push(`rule ${r.id}: value outside metric range`);
        if (r.type === 'threshold' && r.clearValue !== undefined) {
          const rightSide = r.op.startsWith('>') ? r.clearValue <= r.value : r.clearValue >= r.value;
          if (!rightSide) problems.push(`rule ${r.id}: clearValue on the wrong side`);
        }
      }
      if (r.type === 'event' && !eventKeys.has(r.event)) problems.push(`rule ${r.id}: event ${r.event}`);
    }
    const offline = k.defaultRules.find((r) => r.type === 'offline');
    if (offline?.type !== 'offline' || offline.afterSeconds !== 3 * k.heartbeatSeconds) problems.push('offline rule');
    expect(problems).toEqual([]);
  });

  it('uses FIWARE Smart Data Model names where one exists', () => {
    expect(CATALOG.water_quality?.fiware).toBe('WaterQualityObserved');
    expect(CATALOG.street_light?.fiware).toBe('Streetlight');
    expect(CATALOG.trash_bin?.fiware).toBe('WasteContainer');
    expect(CATALOG.environment?.fiware).toBe('AirQualityObserved');
    expect(CATALOG.parking_barrier?.fiware).toBe('ParkingAccess');
  });

  it('keeps access records on the long retention', () => {
    expect(kinds.filter((k) => k.retention === 'access').map((k) => k.kind).sort()).toEqual(['access_gate', 'intercom', 'parking_barrier']);
  });

  it('carries the guideline defaults', () => {
    const rule = (kind: string, id: string) => CATALOG[kind]?.defaultRules.find((r) => r.id === `${kind}.${id}`);
    expect(rule('gas_detector', 'concentration_high')).toMatchObject({ op: '>', value: 20, severity: 'critical' });
    expect(rule('environment', 'pm25_minor')).toMatchObject({ value: 75, severity: 'minor' });
    expect(rule('environment', 'pm25_major')).toMatchObject({ value: 150, severity: 'major' });
    expect(rule('water_quality', 'ph_low')).toMatchObject({ op: '<', value: 6.5 });
    expect(rule('water_quality', 'ph_high')).toMatchObject({ op: '>', value: 8.5 });
    expect(rule('tank_level', 'level_low')).toMatchObject({ metric: 'level_pct', op: '<', value: 20 });
    expect(rule('power_meter', 'voltage_high')).toMatchObject({ value: 235.4 });
    expect(rule('power_meter', 'voltage_low')).toMatchObject({ value: 204.6 });
    expect(rule('trash_bin', 'fill_high')).toMatchObject({ value: 85 });
    expect(rule('smoke_detector', 'smoke_alarm')).toMatchObject({ type: 'event', severity: 'critical' });
    // Info events (a resident walking through a gate) never raise alarms.
    expect(rule('access_gate', 'granted')).toBeUndefined();
  });

  it('does not resolve inherited property names as kinds', () => {
    expect(deviceKind('constructor')).toBeUndefined();
    expect(deviceKind('__proto__')).toBeUndefined();
    expect(deviceKind('street_light')?.nameEn).toBe('Smart street light');
  });
});

describe('validateCommand', () => {
  it.each([
    ['street_light', 'switch', { on: false }],
    ['street_light', 'dim', { level: 0 }],
    ['street_light', 'dim', { level: 100 }],
    ['power_meter', 'trip', {}],
    ['gas_valve', 'close', {}],
    ['parking_barrier', 'open', {}],
    ['perimeter', 'disarm', {}],
    ['broadcast_zone', 'broadcast', { message: '停水通知：明天 9:00–12:00 检修。', priority: 'normal' }],
    ['broadcast_zone', 'broadcast', { message: 'x'.repeat(500), priority: 'emergency', repeat: 5 }],
    ['info_screen', 'publish', { title: '通'.repeat(60), body: 'b', priority: 'normal' }],
    ['info_screen', 'withdraw', {}],
  ])('accepts %s %s %j', (kind, name, params) => {
    expect(validateCommand(kind, name, params)).toEqual({ ok: true });
  });

  it.each([
    ['toaster', 'open', {}, /Unknown device kind/],
    ['street_light', 'open', {}, /does not support the command open/],
    ['street_light', 'switch', {}, /Missing parameter on/],
    ['street_light', 'switch', { on: 'true' }, /on must be a boolean/],
    ['street_light', 'dim', { level: 101 }, /level must be within 0–100/],
    ['street_light', 'dim', { level: 50.5 }, /level must be an integer/],
    ['street_light', 'dim', { level: 50, fade: 2 }, /Unknown parameter fade/],
    ['street_light', 'dim', null, /must be a JSON object/],
    ['broadcast_zone', 'broadcast', { message: '', priority: 'normal' }, /at least 1/],
    ['broadcast_zone', 'broadcast', { message: 'x'.repeat(501), priority: 'normal' }, /at most 500/],
    ['broadcast_zone', 'broadcast', { message: 'hi', priority: 'urgent' }, /one of normal \| emergency/],
    ['broadcast_zone', 'broadcast', { message: 'hi', priority: 'normal', repeat: 6 }, /repeat must be within 1–5/],
    ['info_screen', 'publish', { title: '通'.repeat(61), body: 'b', priority: 'normal' }, /title allows at most 60/],
    ['info_screen', 'publish', { title: 't', body: 'b'.repeat(1001), priority: 'normal' }, /body allows at most 1000/],
  ])('refuses %s %s %j', (kind, name, params, message) => {
    const r = validateCommand(kind, name, params);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.en).toMatch(message);
      expect(r.reason.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
