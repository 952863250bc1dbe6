import { describe, expect, it } from 'vitest';
import { ROLES } from '@linli/db';
import { districtTenantIds, permissionsInTenant, type AccessProfile } from '../src/access';
import { PERMISSIONS, ROLE_PERMISSIONS, tenantAllows } from '../src/permissions';

describe('grant access level caps what a role may do', () => {
  it('operate allows everything the role has, supervise never writes, serve only sees the site', () => {
    expect(tenantAllows('property_admin', 'operate', 'residents.write')).toBe(true);
    expect(tenantAllows('property_admin', 'supervise', 'residents.write')).toBe(false);
    expect(tenantAllows('property_admin', 'supervise', 'residents.read')).toBe(true);
    expect(tenantAllows('property_admin', 'serve', 'residents.read')).toBe(false);
    expect(tenantAllows('property_admin', 'serve', 'tenant.view')).toBe(true);
  });

  it('global permissions are never granted through a tenant', () => {
    for (const role of ROLES) {
      for (const level of ['operate', 'supervise', 'serve'] as const) {
        expect(tenantAllows(role, level, 'platform.admin')).toBe(false);
        expect(tenantAllows(role, level, 'district.view')).toBe(false);
      }
    }
  });

  it('every role maps only to known permissions', () => {
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(Object.keys(PERMISSIONS)).toContain(p);
  });
});

describe('district scope', () => {
  const profile: AccessProfile = {
    memberships: [
      { organizationId: 'office', organizationKind: 'street_office', organizationName: '街道办', districtId: 'd1', role: 'district_officer', tenantId: null },
      { organizationId: 'pm', organizationKind: 'property_company', organizationName: '物业', districtId: null, role: 'property_staff', tenantId: null },
    ],
    tenants: [
      { tenantId: 't1', tenantSlug: 'a', tenantName: 'A', districtId: 'd1', organizationId: 'office', role: 'district_officer', level: 'supervise' },
      { tenantId: 't2', tenantSlug: 'b', tenantName: 'B', districtId: 'd1', organizationId: 'office', role: 'district_officer', level: 'supervise' },
      // Reached through the property company, not the street office: not part of the district view.
      { tenantId: 't3', tenantSlug: 'c', tenantName: 'C', districtId: 'd1', organizationId: 'pm', role: 'property_staff', level: 'operate' },
      { tenantId: 't4', tenantSlug: 'd', tenantName: 'D', districtId: 'd2', organizationId: 'pm', role: 'property_staff', level: 'operate' },
    ],
  };

  it('carries the street office’s granted tenants of that district only', () => {
    expect(districtTenantIds(profile, 'd1', 'district.view').sort()).toEqual(['t1', 't2']);
    expect(districtTenantIds(profile, 'd2', 'district.view')).toEqual([]);
  });

  it('merges permissions of every way a user reaches one tenant', () => {
    expect([...permissionsInTenant(profile, 't3')].sort()).toEqual(['alarms.handle', 'buildings.read', 'devices.control', 'devices.read', 'field.read', 'field.work', 'residents.read', 'residents.write', 'tenant.view']);
    expect(permissionsInTenant(profile, 'nope').size).toBe(0);
  });
});
