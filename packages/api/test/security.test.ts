import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTIFIER_SEARCHES_PER_HOUR } from '@linli/db';
import { THROTTLE } from '@linli/auth';
import { parseTrustedProxies } from '../src/client-address';
import { requestInfo } from '../src/context';
import { DEMO_PASSWORD, outcome, useApiTest } from './support';

/** Issue #9: each test reproduces one reported defect through the real context and database. */
const t = useApiTest('security');
let owner: postgres.Sql;
let moma: string;

beforeAll(async () => {
  owner = postgres(t.db.ownerUrl, { max: 2, onnotice: () => {} });
  moma = (await owner`select id from tenants where slug = 'moma'`)[0]!.id as string;
});
afterAll(() => owner?.end());

const signInAs = async (username: string, password: string, headers: Record<string, string>) => {
  const { api } = await t.caller(headers);
  return outcome(api.auth.signIn({ username, password }));
};

describe('sign-in throttling (9.2)', () => {
  it('30 concurrent guesses at one account get at most the limit of password checks', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signInAs('moma.staff', `wrong-${i}`, { 'x-linli-peer': `10.20.${i}.1` })),
    );
    const checked = results.filter((r) => r === 'UNAUTHORIZED').length;
    expect(checked).toBeLessThanOrEqual(THROTTLE.maxFailuresPerAccount);
    expect(results.filter((r) => r === 'TOO_MANY_REQUESTS').length).toBe(30 - checked);
    // And the right password is refused too while the account is blocked.
    expect(await signInAs('moma.staff', DEMO_PASSWORD, { 'x-linli-peer': '10.20.99.1' })).toBe('TOO_MANY_REQUESTS');
  });

  it('a rotating X-Forwarded-For does not escape the per-address limit', async () => {
    const results: string[] = [];
    for (let i = 0; i < THROTTLE.maxFailuresPerIp + 5; i++) {
      // Different accounts, so only the address limit can stop it.
      results.push(await signInAs(`nobody-${i}`, 'wrong', { 'x-linli-peer': '10.30.0.1', 'x-forwarded-for': `172.16.${i}.${i}` }));
    }
    expect(results.slice(0, THROTTLE.maxFailuresPerIp).every((r) => r === 'UNAUTHORIZED')).toBe(true);
    expect(results.slice(THROTTLE.maxFailuresPerIp)).toEqual(Array(5).fill('TOO_MANY_REQUESTS'));
    const keys = await owner`select distinct key from login_attempts where key like 'ip:%' and key <> 'ip:10.30.0.1' and key like 'ip:172.16.%'`;
    expect(keys).toEqual([]);
  });

  it('forwarded headers count only from a configured proxy', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, ::1');
    const h = (peer: string, xff: string, xfh?: string) => new Headers({ 'x-linli-peer': peer, 'x-forwarded-for': xff, host: 'linli.test', ...(xfh ? { 'x-forwarded-host': xfh } : {}) });
    expect(requestInfo(h('203.0.113.9', '1.2.3.4'), trusted).ip).toBe('203.0.113.9');
    expect(requestInfo(h('10.0.0.5', '1.2.3.4'), trusted).ip).toBe('1.2.3.4');
    // The client prepends a lie; the proxy appends the real hop: the rightmost untrusted hop wins.
    expect(requestInfo(h('10.0.0.5', '6.6.6.6, 198.51.100.7, 10.0.0.9'), trusted).ip).toBe('198.51.100.7');
    expect(requestInfo(h('::ffff:10.0.0.5', '1.2.3.4'), trusted).ip).toBe('1.2.3.4');
    expect(requestInfo(h('203.0.113.9', '1.2.3.4', 'evil.example'), trusted).host).toBe('linli.test');
    expect(requestInfo(h('10.0.0.5', '1.2.3.4', 'linli.example'), trusted).host).toBe('linli.example');
    expect(requestInfo(h('203.0.113.9', '1.2.3.4'), null).ip).toBe('203.0.113.9');
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/LINLI_TRUSTED_PROXIES/);
  });
});

describe('masked personal data cannot be recovered through search (9.4)', () => {
  let phone: string;
  let name: string;
  beforeAll(async () => {
    const fx = (await owner`select id from tenants where slug = 'fangsong-xinyuan'`)[0]!.id as string;
    const [r] = await owner`select name, phone from residents where tenant_id = ${fx} and phone ~ '^1[3-9][0-9]{9}$' order by id limit 1`;
    phone = r!.phone as string;
    name = r!.name as string;
  });

  it('a role without residents.pii finds nobody by part of a phone or name', async () => {
    const grid = await t.as('fs.grid');
    const list = (search: string) => grid.residents.list({ tenant: 'fangsong-xinyuan', page: 1, pageSize: 20, search });
    expect((await list(phone.slice(0, 7))).total).toBe(0);
    expect((await list(phone.slice(3))).total).toBe(0);
    expect((await list([...name].slice(1).join(''))).total).toBe(0);
    // The whole phone finds the person, masked; the search is audited without the number.
    const whole = await list(phone);
    expect(whole.total).toBeGreaterThanOrEqual(1);
    expect(whole.items[0]!.phone).not.toBe(phone);
    const audits = await owner`select summary from audit_log where action = 'residents.identifier_search' order by id desc limit 1`;
    expect(audits[0]!.summary).toBe('search by phone');
    expect(JSON.stringify(audits)).not.toContain(phone);
  });

  it('the probe’s 23-query recovery of a masked phone fails; identifier searches are limited per hour', async () => {
    const grid = await t.as('fs.grid');
    // The probe extended a known prefix one digit at a time: every step must find nothing.
    let hits = 0;
    for (let len = 4; len < 11; len++) {
      for (const d of '0123456789') {
        const r = await grid.residents.list({ tenant: 'fangsong-xinyuan', page: 1, pageSize: 1, search: phone.slice(0, len - 1) + d });
        hits += r.total;
      }
    }
    expect(hits).toBe(0);
    let refused = 'OK';
    for (let i = 0; i < IDENTIFIER_SEARCHES_PER_HOUR + 1 && refused === 'OK'; i++) {
      refused = await outcome(grid.residents.list({ tenant: 'fangsong-xinyuan', page: 1, pageSize: 1, search: `139${String(i).padStart(8, '0')}` }));
    }
    expect(refused).toBe('TOO_MANY_REQUESTS');
  });

  it('a role with residents.pii still searches by part of a phone', async () => {
    const committee = await t.as('fs.committee');
    const r = await committee.residents.list({ tenant: 'fangsong-xinyuan', page: 1, pageSize: 20, search: phone.slice(3) });
    expect(r.total).toBeGreaterThanOrEqual(1);
  });
});

describe('input validation (9.8)', () => {
  it('a NUL byte is a clear 400 on any procedure, not a 500', async () => {
    const admin = await t.as('moma.admin');
    const calls = [
      () => admin.residents.list({ tenant: 'moma', page: 1, pageSize: 5, search: 'a\u0000b' }),
      () => admin.devices.list({ tenant: 'moma', page: 1, pageSize: 5, search: '\u0000' }),
      () => admin.fieldConsole.cases.list({ tenant: 'moma', page: 1, pageSize: 5, search: 'x\u0000' }),
      () => admin.tenant.buildings({ tenant: 'moma', page: 1, pageSize: 5, search: '\u0000' }),
      () => admin.fieldConsole.plans.save({ tenant: 'moma', name: '计划\u0000', kind: 'inspection', assigneeId: '00000000-0000-4000-8000-000000000000', checklist: ['a'], everyDays: 1, leadHours: 1, graceHours: 0, nextDueAt: Date.now(), active: true }),
    ];
    for (const call of calls) {
      await expect(call()).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { messages: { zh: expect.stringContaining('空字符') } } });
    }
  });

  it('field.stream answers FORBIDDEN (not 500) to a user without field work', async () => {
    const { api } = await t.caller({ cookie: await t.sessionCookieOf('moma.resident') });
    const iterate = async () => {
      const stream = await api.field.stream();
      for await (const _ of stream) break;
    };
    await expect(iterate()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('search is honoured by every list (9.11)', () => {
  it('devices.commands, devices.alarms and fieldConsole.plans.tasks filter by search', async () => {
    const admin = await t.as('moma.admin');
    await admin.devices.provision({ tenant: 'moma', rows: [{ code: 'SEC-E1', kind: 'environment', name: '环境 安全测试' }, { code: 'SEC-E2', kind: 'environment', name: '环境 二' }] });
    const [device] = await owner`select id, code from devices where tenant_id = ${moma} and code = 'SEC-E1'`;
    await owner`insert into commands (tenant_id, device_id, name, params, expires_at) values (${moma}, ${device!.id}, 'reboot', '{}', now() + interval '1 hour')`;
    await owner`insert into alarms (tenant_id, device_id, rule_id, severity, title_zh, title_en, raised_at, last_at)
      values (${moma}, ${device!.id}, 'search.test', 'minor', '搜索测试告警', 'search test alarm', now(), now())`;
    const none = 'zz-no-such-thing';
    const code = device!.code as string;
    expect((await admin.devices.commands({ tenant: 'moma', page: 1, pageSize: 50, search: none })).total).toBe(0);
    const cmds = await admin.devices.commands({ tenant: 'moma', page: 1, pageSize: 50, search: code });
    expect(cmds.total).toBeGreaterThanOrEqual(1);
    expect(cmds.items.every((c) => c.deviceCode.includes(code) || c.name.includes(code) || c.deviceName.includes(code))).toBe(true);
    expect((await admin.devices.alarms({ tenant: 'moma', page: 1, pageSize: 50, search: none })).total).toBe(0);
    const alarms = await admin.devices.alarms({ tenant: 'moma', page: 1, pageSize: 50, search: '搜索测试' });
    expect(alarms.items.map((a) => a.titleZh)).toEqual(['搜索测试告警']);
    const allTasks = await admin.fieldConsole.plans.tasks({ tenant: 'moma', page: 1, pageSize: 50 });
    expect(allTasks.total).toBeGreaterThan(0);
    const title = allTasks.items[0]!.title;
    expect((await admin.fieldConsole.plans.tasks({ tenant: 'moma', page: 1, pageSize: 50, search: none })).total).toBe(0);
    const found = await admin.fieldConsole.plans.tasks({ tenant: 'moma', page: 1, pageSize: 50, search: title });
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((i) => i.title.includes(title))).toBe(true);
  });
});
