import { and, asc, eq, isNull, ne, or } from 'drizzle-orm';
import { mask } from '@linli/security';
import type { Executor } from '../client';
import { grants, memberships, organizations, users } from '../schema';

/** Staff who reach this tenant through their organization's grant (residents excluded). */
export async function listTenantStaff(db: Executor, params: { tenantId: string; full: boolean }) {
  const rows = await db
    .select({
      membershipId: memberships.id,
      username: users.username,
      displayName: users.displayName,
      phone: users.phone,
      disabled: users.disabled,
      role: memberships.role,
      organizationZh: organizations.nameZh,
      organizationEn: organizations.nameEn,
      organizationKind: organizations.kind,
      accessLevel: grants.accessLevel,
    })
    .from(grants)
    .innerJoin(memberships, eq(memberships.organizationId, grants.organizationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, grants.organizationId))
    .where(and(eq(grants.tenantId, params.tenantId), or(isNull(memberships.tenantId), eq(memberships.tenantId, params.tenantId)), ne(memberships.role, 'resident')))
    .orderBy(asc(organizations.nameZh), asc(memberships.role), asc(users.username));
  return rows.map((r) => ({ ...r, phone: params.full ? r.phone : mask('phone', r.phone) }));
}
