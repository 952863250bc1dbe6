import type { AccessLevel, Role } from '@linli/db';
import { GLOBAL_PERMISSIONS, PERMISSIONS, roleHas, tenantAllows, type Permission } from './permissions';

/** One way a user reaches a tenant: a membership's role through its organization's grant. */
export interface TenantAccess {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  districtId: string | null;
  organizationId: string;
  role: Role;
  level: AccessLevel;
}

export interface MembershipInfo {
  organizationId: string;
  organizationKind: string;
  organizationName: string;
  districtId: string | null;
  role: Role;
  tenantId: string | null;
}

/** Everything a signed-in user may do, computed once per request from memberships and grants. */
export interface AccessProfile {
  memberships: MembershipInfo[];
  tenants: TenantAccess[];
}

export function permissionsInTenant(profile: AccessProfile, tenantId: string): Set<Permission> {
  const out = new Set<Permission>();
  for (const access of profile.tenants) {
    if (access.tenantId !== tenantId) continue;
    for (const p of ALL_PERMISSIONS) if (tenantAllows(access.role, access.level, p)) out.add(p);
  }
  return out;
}

export function canInTenant(profile: AccessProfile, tenantId: string, permission: Permission): boolean {
  return profile.tenants.some((a) => a.tenantId === tenantId && tenantAllows(a.role, a.level, permission));
}

/** The organization a user acts for in a tenant (first one whose role grants the permission). */
export function actingOrganization(profile: AccessProfile, tenantId: string, permission: Permission): string | null {
  return profile.tenants.find((a) => a.tenantId === tenantId && tenantAllows(a.role, a.level, permission))?.organizationId ?? null;
}

export function hasGlobal(profile: AccessProfile, permission: Permission): boolean {
  if (!GLOBAL_PERMISSIONS.includes(permission)) return false;
  return profile.memberships.some((m) => roleHas(m.role, permission));
}

/** Districts whose street office the user works for with the permission (district roles). */
export function districtsWith(profile: AccessProfile, permission: Permission): string[] {
  const ids = profile.memberships
    .filter((m) => m.organizationKind === 'street_office' && m.districtId && roleHas(m.role, permission))
    .map((m) => m.districtId as string);
  return [...new Set(ids)];
}

/**
 * Tenant ids a district query may carry: the district's tenants that the user's street office
 * holds grants on, and nothing else.
 */
export function districtTenantIds(profile: AccessProfile, districtId: string, permission: Permission): string[] {
  const orgs = new Set(
    profile.memberships
      .filter((m) => m.organizationKind === 'street_office' && m.districtId === districtId && roleHas(m.role, permission))
      .map((m) => m.organizationId),
  );
  const ids = profile.tenants.filter((t) => t.districtId === districtId && orgs.has(t.organizationId)).map((t) => t.tenantId);
  return [...new Set(ids)];
}

const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];
