/**
 * Mirrors `ROLES` in packages/db/src/schema/memberships.ts. Copied rather than imported so this
 * package stays free of drizzle at runtime (it ships to the tablet).
 */
export const ROLES = [
  'platform_admin',
  'district_admin',
  'district_officer',
  'property_admin',
  'property_staff',
  'security_guard',
  'technician',
  'grid_worker',
  'committee_staff',
  'resident',
  'service_provider',
] as const;
export type Role = (typeof ROLES)[number];

/** Who performs an action: the user and the role they act in. */
export interface Actor {
  userId: string;
  role: Role;
}

/** The office: assigns, rejects, closes and reopens cases. */
export const OFFICE_ROLES: readonly Role[] = ['committee_staff', 'property_admin', 'district_officer'];

/** People in the field who pick up and handle work on a tablet. */
export const FIELD_ROLES: readonly Role[] = ['grid_worker', 'technician', 'security_guard', 'property_staff'];
