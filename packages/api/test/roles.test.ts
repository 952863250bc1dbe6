import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { provisionDevices, ROLES, SYSTEM_ACTOR, tenants, withScope } from '@linli/db';
import { outcome, useApiTest } from './support';

const t = useApiTest('roles');
/** A street light per community, so device control can be attempted everywhere. */
const lights: Record<string, string> = {};
beforeAll(async () => {
  for (const slug of ['moma', 'fangsong-xinyuan', 'jiangqiu-yuan']) {
    const [tenant] = await t.db.owner.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug));
    const [light] = await withScope(t.db.owner.db, { tenantIds: [tenant!.id] }, (tx) =>
      provisionDevices(tx, { tenantId: tenant!.id, rows: [{ code: 'MATRIX-SL', kind: 'street_light', name: 'matrix light' }], actor: SYSTEM_ACTOR }),
    );
    lights[slug] = light!.id;
  }
});

type Check =
  | 'tenant.view' | 'buildings.read' | 'residents.read' | 'residents.pii' | 'residents.write'
  | 'members.read' | 'audit.read' | 'self.view' | 'district.view' | 'platform.admin' | 'audit.verify'
  | 'devices.read' | 'devices.manage' | 'devices.control' | 'alarms.handle'
  | 'registry.import' | 'field.work' | 'field.read' | 'field.manage' | 'cases.manage';
const CHECKS: Check[] = ['tenant.view', 'buildings.read', 'residents.read', 'residents.pii', 'residents.write', 'members.read', 'audit.read', 'self.view', 'district.view', 'platform.admin', 'audit.verify', 'devices.read', 'devices.manage', 'devices.control', 'alarms.handle', 'registry.import', 'field.work', 'field.read', 'field.manage', 'cases.manage'];
const FIELD_WORKER: Check[] = ['field.work', 'field.read'];
const FIELD_OFFICE: Check[] = ['field.work', 'field.read', 'field.manage', 'cases.manage'];
const DEVICE_OPERATORS: Check[] = ['devices.read', 'devices.manage', 'devices.control', 'alarms.handle'];

/**
 * The specification, written out by hand: one demo user per role, the community they work in,
 * and exactly what they may do there. The code's role table and every guard must agree.
 */
const MATRIX: Record<(typeof ROLES)[number], { user: string; tenant: string; district: string; allowed: Check[] }> = {
  platform_admin: { user: 'admin', tenant: 'moma', district: 'fangsong', allowed: ['platform.admin', 'audit.verify'] },
  district_admin: { user: 'fs.admin', tenant: 'fangsong-xinyuan', district: 'fangsong', allowed: ['devices.read', 'tenant.view', 'buildings.read', 'residents.read', 'residents.pii', 'members.read', 'audit.read', 'district.view', 'field.read'] },
  district_officer: { user: 'fs.officer', tenant: 'jiangqiu-yuan', district: 'fangsong', allowed: ['devices.read', 'tenant.view', 'buildings.read', 'residents.read', 'district.view', 'field.read'] },
  property_admin: { user: 'moma.admin', tenant: 'moma', district: 'xiangheyuan', allowed: [...DEVICE_OPERATORS, 'registry.import', 'tenant.view', 'buildings.read', 'residents.read', 'residents.pii', 'residents.write', 'members.read', 'audit.read', ...FIELD_OFFICE] },
  property_staff: { user: 'moma.staff', tenant: 'moma', district: 'xiangheyuan', allowed: ['devices.read', 'devices.control', 'alarms.handle', 'tenant.view', 'buildings.read', 'residents.read', 'residents.write', ...FIELD_WORKER] },
  security_guard: { user: 'moma.guard', tenant: 'moma', district: 'xiangheyuan', allowed: ['devices.read', 'devices.control', 'alarms.handle', 'tenant.view', 'buildings.read', 'residents.read', ...FIELD_WORKER] },
  technician: { user: 'moma.tech', tenant: 'moma', district: 'xiangheyuan', allowed: [...DEVICE_OPERATORS, 'tenant.view', 'buildings.read', ...FIELD_WORKER] },
  grid_worker: { user: 'fs.grid', tenant: 'fangsong-xinyuan', district: 'fangsong', allowed: ['devices.read', 'tenant.view', 'buildings.read', 'residents.read', 'residents.write', ...FIELD_WORKER] },
  committee_staff: { user: 'fs.committee', tenant: 'fangsong-xinyuan', district: 'fangsong', allowed: ['devices.read', 'tenant.view', 'buildings.read', 'residents.read', 'residents.pii', 'residents.write', 'members.read', ...FIELD_OFFICE] },
  resident: { user: 'moma.resident', tenant: 'moma', district: 'xiangheyuan', allowed: ['self.view'] },
  service_provider: { user: 'svc.anxin', tenant: 'moma', district: 'xiangheyuan', allowed: ['tenant.view'] },
};

let n = 0;
async function attempt(api: Awaited<ReturnType<typeof t.as>>, check: Check, tenant: string, district: string): Promise<string> {
  const page = { page: 1, pageSize: 5 };
  switch (check) {
    case 'tenant.view': return outcome(api.tenant.overview({ tenant }));
    case 'buildings.read': return outcome(api.tenant.buildings({ tenant, ...page }));
    case 'residents.read': return outcome(api.residents.list({ tenant, ...page, full: false }));
    case 'residents.pii': return outcome(api.residents.list({ tenant, ...page, full: true }));
    case 'residents.write': return outcome(api.residents.create({ tenant, resident: { name: `矩阵测试${++n}`, category: 'floating' } }));
    case 'members.read': return outcome(api.tenant.staff({ tenant }));
    case 'audit.read': return outcome(api.audit.tenant({ tenant, ...page }));
    case 'self.view': return outcome(api.self.home({ tenant }));
    case 'district.view': return outcome(api.district.overview({ district, ...page }));
    case 'platform.admin': return outcome(api.admin.tenants(page));
    case 'audit.verify': return outcome(api.audit.verify());
    case 'devices.read': return outcome(api.devices.list({ tenant, ...page }));
    case 'devices.manage': return outcome(api.devices.provision({ tenant, rows: [{ code: `M-${++n}`, kind: 'environment', name: 'matrix' }] }));
    case 'devices.control': return outcome(api.devices.command({ tenant, deviceId: lights[tenant] ?? randomUUID(), name: 'dim', params: { level: 50 } }));
    case 'registry.import': return outcome(api.cim.importLimits({ tenant }));
    // Allowed callers reach the lookup and find no such alarm; refused ones never get that far.
    case 'alarms.handle': {
      const r = await outcome(api.devices.handleAlarm({ tenant, alarmId: randomUUID(), action: 'acknowledge' }));
      return r === 'NOT_FOUND' ? 'OK' : r;
    }
    // The tablet's sync covers every community where the user does field work.
    case 'field.work': return outcome(api.field.pull({ collection: 'cases', checkpoint: null, limit: 1 }));
    case 'field.read': return outcome(api.fieldConsole.cases.stats({ tenant }));
    case 'field.manage': return outcome(api.fieldConsole.conflicts.list({ tenant, ...page }));
    case 'cases.manage': {
      const r = await outcome(api.fieldConsole.cases.setDue({ tenant, id: randomUUID(), dueAt: null }));
      return r === 'NOT_FOUND' ? 'OK' : r;
    }
  }
}

describe('role × permission matrix (every role, every permission, real procedures)', () => {
  it('covers every role', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ROLES].sort());
  });

  for (const [role, spec] of Object.entries(MATRIX)) {
    it(`${role} (${spec.user}) may do exactly what the matrix says`, async () => {
      const api = await t.as(spec.user);
      const results: Record<string, string> = {};
      for (const check of CHECKS) results[check] = await attempt(api, check, spec.tenant, spec.district);
      const expected = Object.fromEntries(CHECKS.map((c) => [c, spec.allowed.includes(c) ? 'OK' : 'FORBIDDEN']));
      expect(results).toEqual(expected);
    });
  }
});

describe('portal: every role lands on its own pages', () => {
  const HOMES: Record<string, string[]> = {
    admin: ['/admin'],
    'fs.admin': ['/district/fangsong'],
    'fs.officer': ['/district/fangsong'],
    'xhy.officer': ['/district/xiangheyuan'],
    'moma.admin': ['/c/moma'],
    'sj.manager': ['/c/fangsong-xinyuan', '/c/jiangqiu-yuan', '/c/minyi-yuan'],
    'moma.guard': ['/c/moma'],
    'fs.grid': ['/c/fangsong-xinyuan'],
    'moma.resident': ['/r/moma'],
    'svc.anxin': ['/c/moma'],
  };
  for (const [user, homes] of Object.entries(HOMES)) {
    it(`${user} → ${homes.join(', ')}`, async () => {
      const me = await (await t.as(user)).auth.me();
      expect(me!.homes.map((h) => h.href).sort()).toEqual([...homes].sort());
    });
  }
});
