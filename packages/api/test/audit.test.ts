import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@linli/db';
import { useApiTest } from './support';

const t = useApiTest('audit');
let owner: postgres.Sql;
beforeAll(() => {
  owner = postgres(t.db.ownerUrl, { max: 1, onnotice: () => {} });
});
afterAll(() => owner?.end());

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
function cliVerify(url: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'packages/db/src/cli/audit-verify.ts'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('audit log (R6.8.2, R6.9.3)', () => {
  it('every mutation writes its audit row in the same transaction; a failed one writes none', async () => {
    const api = await t.as('moma.admin', { 'user-agent': 'audit-test-agent' });
    const before = (await owner`select count(*)::int as n from audit_log`)[0]!.n as number;
    const { id } = await api.residents.create({ tenant: 'moma', resident: { name: '审计测试', category: 'floating', phone: '13800001111' } });
    const [row] = await owner`select * from audit_log where target_id = ${id}`;
    expect(row).toMatchObject({ action: 'residents.create', actor_name: 'moma.admin', user_agent: 'audit-test-agent', target_type: 'resident' });
    expect(row!.tenant_id).toBe((await owner`select id from tenants where slug = 'moma'`)[0]!.id);
    expect(row!.organization_id).not.toBeNull();
    expect(row!.after_digest).toMatch(/^[0-9a-f]{64}$/);
    const afterCreate = (await owner`select count(*)::int as n from audit_log`)[0]!.n as number;
    expect(afterCreate).toBe(before + 1);
    // A mutation that fails validation leaves neither data nor an audit row.
    await expect(api.residents.create({ tenant: 'moma', resident: { name: '坏数据', category: 'permanent', idNumber: '110105194912310021' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await owner`select count(*)::int as n from audit_log`)[0]!.n).toBe(afterCreate);
    expect(await owner`select 1 from residents where name = '坏数据'`).toHaveLength(0);
  });

  it('the chain verifies when untouched (API, domain and CLI agree)', async () => {
    expect((await verifyAuditChain(t.db.owner.db)).ok).toBe(true);
    const result = await (await t.as('admin')).audit.verify();
    expect(result).toMatchObject({ ok: true, problems: [] });
    expect(result.checked).toBeGreaterThan(3);
    const cli = cliVerify(t.db.ownerUrl);
    expect(cli.code).toBe(0);
    expect(cli.out).toMatch(/intact/);
  });

  it('an edited row makes verify fail and name that row', async () => {
    const [victim] = await owner`select id, summary from audit_log order by id limit 1 offset 2`;
    await owner`update audit_log set summary = 'nothing to see' where id = ${victim!.id}`;
    const result = await verifyAuditChain(t.db.owner.db);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(expect.objectContaining({ id: Number(victim!.id), reason: 'edited' }));
    const cli = cliVerify(t.db.ownerUrl);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`row ${victim!.id}: edited`);
    await owner`update audit_log set summary = ${victim!.summary} where id = ${victim!.id}`;
    expect((await verifyAuditChain(t.db.owner.db)).ok).toBe(true);
  });

  it('a deleted row in the middle and a deleted last row are both detected', async () => {
    const [middle] = await owner`select * from audit_log order by id limit 1 offset 3`;
    await owner`delete from audit_log where id = ${middle!.id}`;
    const gap = await verifyAuditChain(t.db.owner.db);
    expect(gap.problems).toContainEqual(expect.objectContaining({ id: Number(middle!.id) + 1, reason: 'missing_rows' }));
    expect(gap.problems).toContainEqual(expect.objectContaining({ id: Number(middle!.id) + 1, reason: 'broken_link' }));
    await owner`insert into audit_log ${owner(middle!)}`;
    expect((await verifyAuditChain(t.db.owner.db)).ok).toBe(true);

    const [last] = await owner`select * from audit_log order by id desc limit 1`;
    await owner`delete from audit_log where id = ${last!.id}`;
    const tail = await verifyAuditChain(t.db.owner.db);
    expect(tail.problems).toContainEqual(expect.objectContaining({ reason: 'head_mismatch', id: Number(last!.id) }));
    await owner`insert into audit_log ${owner(last!)}`;
  });
});

describe('personal data masking (R6.8.1.3)', () => {
  it('lists are masked for roles without residents.pii and for everyone by default', async () => {
    const staff = await t.as('moma.staff');
    const page = await staff.residents.list({ tenant: 'moma', page: 1, pageSize: 20, full: false });
    expect(page.items.length).toBe(20);
    for (const r of page.items) {
      expect(r.masked).toBe(true);
      if (r.idNumber) expect(r.idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
      if (r.phone) expect(r.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(r.name).toMatch(/\*/);
    }
    await expect(staff.residents.list({ tenant: 'moma', page: 1, pageSize: 5, full: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(staff.residents.reveal({ tenant: 'moma', residentId: page.items[0]!.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a permitted full read returns clear values and is itself audited', async () => {
    const admin = await t.as('moma.admin');
    const before = (await owner`select count(*)::int as n from audit_log where action = 'residents.pii_read'`)[0]!.n as number;
    const full = await admin.residents.list({ tenant: 'moma', page: 1, pageSize: 5, full: true });
    expect(full.items.every((r) => !r.masked && !r.name.includes('*'))).toBe(true);
    expect(full.items.some((r) => r.idNumber && /^\d{17}[\dX]$/.test(r.idNumber))).toBe(true);
    const one = await admin.residents.reveal({ tenant: 'moma', residentId: full.items[0]!.id });
    expect(one.name).toBe(full.items[0]!.name);
    const after = (await owner`select count(*)::int as n from audit_log where action = 'residents.pii_read'`)[0]!.n as number;
    expect(after).toBe(before + 2);
  });

  it('ID numbers are stored SM4-encrypted and found by exact search through the blind index', async () => {
    const admin = await t.as('moma.admin');
    const [stored] = await owner`select id_number_enc, id_number_bidx from residents where id_number_enc is not null limit 1`;
    expect(stored!.id_number_enc).toMatch(/^sm4h1:/);
    const sample = (await admin.residents.list({ tenant: 'moma', page: 3, pageSize: 1, full: true })).items[0]!;
    const found = await admin.residents.list({ tenant: 'moma', page: 1, pageSize: 5, full: false, search: sample.idNumber!.toLowerCase() });
    expect(found.items.map((r) => r.id)).toEqual([sample.id]);
    expect(found.items[0]!.idNumber).not.toBe(sample.idNumber);
  });

  it('the staff list shows phones to roles that may see personal data; others cannot open it', async () => {
    const districtAdmin = await t.as('fs.admin');
    const staff = await districtAdmin.tenant.staff({ tenant: 'fangsong-xinyuan' });
    expect(staff.length).toBeGreaterThan(0);
    expect(staff.some((s) => s.phone && /^\d{11}$/.test(s.phone))).toBe(true);
    const officer = await t.as('fs.officer');
    await expect(officer.tenant.staff({ tenant: 'fangsong-xinyuan' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
