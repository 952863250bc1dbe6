import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApiTest } from './support';

const t = useApiTest('devices_api');
let owner: postgres.Sql;
let moma: string;
let fs: string;
beforeAll(async () => {
  owner = postgres(t.db.ownerUrl, { max: 1, onnotice: () => {} });
  moma = (await owner`select id from tenants where slug = 'moma'`)[0]!.id;
  fs = (await owner`select id from tenants where slug = 'fangsong-xinyuan'`)[0]!.id;
});
afterAll(() => owner?.end());

describe('device ledger through the API', () => {
  it('a CSV batch with one bad row writes nothing and names the row; a good batch returns each secret once', async () => {
    const api = await t.as('moma.admin');
    const bad = api.devices.provision({
      tenant: 'moma',
      rows: [
        { code: 'API-E1', kind: 'environment', name: 'ok' },
        { code: 'API-X', kind: 'teleporter', name: 'bad kind' },
        { code: 'API-E3', kind: 'environment', name: 'far away', lng: 10, lat: 60 },
      ],
    });
    await expect(bad).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    try {
      await bad;
    } catch (e) {
      const rowErrors = (e as { cause: { details: { rowErrors: Array<{ row: number; field: string }> } } }).cause.details.rowErrors;
      expect(rowErrors.map((r) => `${r.row}:${r.field}`).sort()).toEqual(['2:kind', '3:lat', '3:lng']);
    }
    expect(await owner`select 1 from devices where code like 'API-%'`).toHaveLength(0);

    const created = await api.devices.provision({
      tenant: 'moma',
      rows: [
        { code: 'API-E1', kind: 'environment', name: '环境 1', buildingCode: 'B01' },
        { code: 'API-M1', kind: 'meter_electricity', name: '电表 1' },
      ],
    });
    expect(created.map((c) => c.secret.length >= 24)).toEqual([true, true]);
    const [stored] = await owner`select secret_hash, broker_hash from devices where code = 'API-E1'`;
    expect(stored!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.broker_hash).toMatch(/^\$7\$101\$/);
    const detail = await api.devices.detail({ tenant: 'moma', deviceId: created[0]!.id });
    expect(JSON.stringify(detail)).not.toContain(stored!.secret_hash);
    expect(detail.buildingName).toBeTruthy();
  });

  it('detail carries readings for a trend and stats sum energy per meter kind', async () => {
    const api = await t.as('moma.admin');
    const meter = (await owner`select id from devices where code = 'API-M1'`)[0]!.id as string;
    await owner`insert into telemetry (tenant_id, device_id, ts, seq, metrics)
      select ${moma}, ${meter}, now() - (i || ' hours')::interval, i, jsonb_build_object('energy', 1000 - i * 5) from generate_series(1, 10) i`;
    const detail = await api.devices.detail({ tenant: 'moma', deviceId: meter, hours: 24 });
    expect(detail.readings).toHaveLength(10);
    expect(detail.readings[0]!.ts.getTime()).toBeLessThan(detail.readings[9]!.ts.getTime());
    const stats = await api.devices.stats({ tenant: 'moma' });
    const days = Object.values(stats.energyByKind.meter_electricity ?? {});
    expect(days.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(stats.byKind.find((k) => k.kind === 'environment')?.total).toBeGreaterThanOrEqual(1);
  });

  it('alarms follow their lifecycle and every step is audited', async () => {
    const api = await t.as('moma.guard');
    const env = (await owner`select id from devices where code = 'API-E1'`)[0]!.id as string;
    const [alarm] = await owner`insert into alarms (tenant_id, device_id, rule_id, severity, title_zh, title_en, raised_at, last_at)
      values (${moma}, ${env}, 'environment.pm25_major', 'major', 'PM2.5', 'PM2.5', now(), now()) returning id`;
    await expect(api.devices.handleAlarm({ tenant: 'moma', alarmId: alarm!.id, action: 'close' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await api.devices.handleAlarm({ tenant: 'moma', alarmId: alarm!.id, action: 'acknowledge', note: '已到场' });
    await api.devices.handleAlarm({ tenant: 'moma', alarmId: alarm!.id, action: 'close' });
    const [row] = await owner`select state, note, acknowledged_by, closed_by from alarms where id = ${alarm!.id}`;
    expect(row).toMatchObject({ state: 'closed', note: '已到场' });
    expect(row!.acknowledged_by).not.toBeNull();
    expect((await owner`select action from audit_log where target_id = ${alarm!.id} order by id`).map((r) => r.action)).toEqual(['alarms.acknowledge', 'alarms.close']);
    const list = await api.devices.alarms({ tenant: 'moma', page: 1, pageSize: 10, states: ['closed'] });
    expect(list.items.map((a) => a.id)).toContain(alarm!.id);
  });

  it('rejected messages of another tenant are invisible; commands are validated against the catalog', async () => {
    await owner`insert into rejected_messages (tenant_id, topic, reason, detail) values (${fs}, 'linli/v1/x/y/telemetry', 'schema', 'fs only'), (${moma}, 'linli/v1/a/b/telemetry', 'schema', 'moma only')`;
    const api = await t.as('moma.admin');
    const rejected = await api.devices.rejected({ tenant: 'moma', page: 1, pageSize: 50 });
    expect(rejected.items.map((r) => r.detail)).toEqual(['moma only']);
    const env = (await owner`select id from devices where code = 'API-E1'`)[0]!.id as string;
    await expect(api.devices.command({ tenant: 'moma', deviceId: env, name: 'dim', params: { level: 5 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const fsApi = await t.as('sj.manager');
    await expect(fsApi.devices.command({ tenant: 'fangsong-xinyuan', deviceId: env, name: 'dim', params: { level: 5 } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('community settings for devices', () => {
  it('a tenant override changes an alarm threshold for that community only, and can be reset', async () => {
    const admin = await t.as('moma.admin');
    const rules = await admin.devices.alarmRules({ tenant: 'moma', kind: 'gas_detector' });
    const high = rules.find((r) => r.default.id === 'gas_detector.concentration_high')!;
    expect(high.effective).toMatchObject({ value: 20 });
    const after = await admin.devices.setAlarmRule({ tenant: 'moma', kind: 'gas_detector', ruleId: high.default.id, override: { value: 15, severity: 'major' } });
    expect(after.find((r) => r.default.id === high.default.id)!.effective).toMatchObject({ value: 15, severity: 'major' });
    const other = await (await t.as('sj.manager')).devices.alarmRules({ tenant: 'fangsong-xinyuan', kind: 'gas_detector' });
    expect(other.find((r) => r.default.id === high.default.id)!.effective).toMatchObject({ value: 20 });
    await expect(admin.devices.setAlarmRule({ tenant: 'moma', kind: 'gas_detector', ruleId: high.default.id, override: { value: 'lots' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const reset = await admin.devices.setAlarmRule({ tenant: 'moma', kind: 'gas_detector', ruleId: high.default.id, override: null });
    expect(reset.find((r) => r.default.id === high.default.id)!.effective).toMatchObject({ value: 20 });
    await expect((await t.as('moma.guard')).devices.setAlarmRule({ tenant: 'moma', kind: 'gas_detector', ruleId: high.default.id, override: { value: 10 } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a group command creates one tracked command per device of the zone', async () => {
    const admin = await t.as('moma.admin');
    await admin.devices.provision({ tenant: 'moma', rows: [1, 2, 3].map((i) => ({ code: `GRP-SL-${i}`, kind: 'street_light', name: `路灯 ${i}`, zone: i < 3 ? 'north-road' : 'south-road' })) });
    const { commandIds } = await admin.devices.commandGroup({ tenant: 'moma', group: { kind: 'street_light', zone: 'north-road' }, name: 'switch', params: { on: false } });
    expect(commandIds).toHaveLength(2);
    expect((await admin.devices.list({ tenant: 'moma', page: 1, pageSize: 10, kind: 'street_light', zone: 'north-road' })).total).toBe(2);
    await expect(admin.devices.commandGroup({ tenant: 'moma', group: { kind: 'street_light', zone: 'nowhere' }, name: 'switch', params: { on: false } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('retention cannot go below the guideline floors; tenant linkage rules are validated', async () => {
    const admin = await t.as('moma.admin');
    await expect(admin.devices.setRetention({ tenant: 'moma', telemetryDays: 30, accessDays: 180 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await admin.devices.setRetention({ tenant: 'moma', telemetryDays: 120, accessDays: 365 });
    expect(await admin.devices.retention({ tenant: 'moma' })).toEqual({ telemetryDays: 120, accessDays: 365 });
    await expect(admin.devices.saveLinkageRule({ tenant: 'moma', rule: { id: 'x' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const rule = { id: 'moma.gate_intrusion', nameZh: '周界入侵联动', nameEn: 'Perimeter response', enabled: true, trigger: { deviceKinds: ['perimeter'], minSeverity: 'major' }, actions: [{ type: 'notify', roles: ['security_guard'] }] };
    const { id } = await admin.devices.saveLinkageRule({ tenant: 'moma', rule });
    const rules = await admin.devices.linkageRules({ tenant: 'moma' });
    expect(rules.custom.map((r) => r.id)).toContain(id);
    expect(rules.builtin.length).toBeGreaterThan(0);
  });
});
