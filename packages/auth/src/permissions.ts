import type { AccessLevel, OrgKind, Role } from '@linli/db';

/**
 * Every permission string the product checks, with the grant access levels that allow it.
 * A role gives a permission; the organization's grant on the tenant caps it (a street office
 * that supervises a community can read it but not operate it).
 */
export const PERMISSIONS = {
  'tenant.view': ['operate', 'supervise', 'serve'],
  'buildings.read': ['operate', 'supervise', 'serve'],
  'residents.read': ['operate', 'supervise'],
  'residents.pii': ['operate', 'supervise'],
  'residents.write': ['operate'],
  'members.read': ['operate', 'supervise'],
  'audit.read': ['operate', 'supervise'],
  'self.view': ['operate', 'supervise', 'serve'],
  'devices.read': ['operate', 'supervise'],
  'devices.manage': ['operate'],
  'devices.control': ['operate'],
  'alarms.handle': ['operate'],
  /** Import the 楼盘表 / CIM base (issue #5): the property company that operates the site. */
  'registry.import': ['operate'],
  // Field work (issue #4): the tablet's sync, the console's view of field records, managing
  // routes/plans/areas/conflicts, and handling hazard cases as the office.
  'field.work': ['operate'],
  'field.read': ['operate', 'supervise'],
  'field.manage': ['operate'],
  'cases.manage': ['operate'],
  'district.view': [],
  'platform.admin': [],
  'audit.verify': [],
} as const satisfies Record<string, readonly AccessLevel[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Permissions that are not about one tenant: checked on the membership alone. */
export const GLOBAL_PERMISSIONS: readonly Permission[] = ['district.view', 'platform.admin', 'audit.verify'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  platform_admin: ['platform.admin', 'audit.verify'],
  district_admin: ['devices.read', 'district.view', 'tenant.view', 'buildings.read', 'residents.read', 'residents.pii', 'members.read', 'audit.read', 'field.read'],
  district_officer: ['devices.read', 'district.view', 'tenant.view', 'buildings.read', 'residents.read', 'field.read'],
  property_admin: ['devices.read', 'devices.manage', 'devices.control', 'alarms.handle', 'registry.import', 'tenant.view', 'buildings.read', 'residents.read', 'residents.pii', 'residents.write', 'members.read', 'audit.read', 'field.work', 'field.read', 'field.manage', 'cases.manage'],
  property_staff: ['devices.read', 'devices.control', 'alarms.handle', 'tenant.view', 'buildings.read', 'residents.read', 'residents.write', 'field.work', 'field.read'],
  security_guard: ['devices.read', 'devices.control', 'alarms.handle', 'tenant.view', 'buildings.read', 'residents.read', 'field.work', 'field.read'],
  technician: ['devices.read', 'devices.manage', 'devices.control', 'alarms.handle', 'tenant.view', 'buildings.read', 'field.work', 'field.read'],
  grid_worker: ['devices.read', 'tenant.view', 'buildings.read', 'residents.read', 'residents.write', 'field.work', 'field.read'],
  committee_staff: ['devices.read', 'tenant.view', 'buildings.read', 'residents.read', 'residents.pii', 'residents.write', 'members.read', 'field.work', 'field.read', 'field.manage', 'cases.manage'],
  resident: ['self.view'],
  service_provider: ['tenant.view'],
};

/** Where each role works first after signing in (the portal sends them there). */
export const ROLE_HOME: Record<Role, 'admin' | 'district' | 'console' | 'resident'> = {
  platform_admin: 'admin',
  district_admin: 'district',
  district_officer: 'district',
  property_admin: 'console',
  property_staff: 'console',
  security_guard: 'console',
  technician: 'console',
  grid_worker: 'console',
  committee_staff: 'console',
  resident: 'resident',
  service_provider: 'console',
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Whether a role reaching a tenant through a grant of the given level holds the permission there. */
export function tenantAllows(role: Role, level: AccessLevel, permission: Permission): boolean {
  if (GLOBAL_PERMISSIONS.includes(permission)) return false;
  return roleHas(role, permission) && (PERMISSIONS[permission] as readonly AccessLevel[]).includes(level);
}

/** Which organization kinds a role may be held in; a membership outside these is refused. */
export const ROLE_ORG_KINDS: Record<Role, readonly OrgKind[]> = {
  platform_admin: ['platform'],
  district_admin: ['street_office'],
  district_officer: ['street_office'],
  property_admin: ['property_company'],
  property_staff: ['property_company'],
  security_guard: ['property_company'],
  technician: ['property_company', 'service_provider'],
  grid_worker: ['residents_committee', 'street_office'],
  committee_staff: ['residents_committee'],
  resident: ['residents_committee'],
  service_provider: ['service_provider'],
};

/** Roles that only make sense for one community (a resident lives in one place). */
export const TENANT_BOUND_ROLES: readonly Role[] = ['resident'];
