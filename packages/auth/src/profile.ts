import { eq, inArray } from 'drizzle-orm';
import { grants, memberships, organizations, tenants, type Executor } from '@linli/db';
import type { AccessProfile, MembershipInfo, TenantAccess } from './access';

/** Reads the user's memberships and their organizations' grants (platform tables, no tenant scope). */
export async function loadAccessProfile(db: Executor, userId: string): Promise<AccessProfile> {
  const rows = await db
    .select({
      organizationId: memberships.organizationId,
      role: memberships.role,
      tenantId: memberships.tenantId,
      organizationKind: organizations.kind,
      organizationName: organizations.nameZh,
      districtId: organizations.districtId,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId));
  const mems: MembershipInfo[] = rows.map((r) => ({ ...r }));
  const orgIds = [...new Set(mems.map((m) => m.organizationId))];
  if (orgIds.length === 0) return { memberships: mems, tenants: [] };
  const grantRows = await db
    .select({
      organizationId: grants.organizationId,
      tenantId: grants.tenantId,
      level: grants.accessLevel,
      slug: tenants.slug,
      name: tenants.nameZh,
      districtId: tenants.districtId,
      status: tenants.status,
    })
    .from(grants)
    .innerJoin(tenants, eq(tenants.id, grants.tenantId))
    .where(inArray(grants.organizationId, orgIds));
  const access: TenantAccess[] = [];
  for (const m of mems) {
    for (const g of grantRows) {
      if (g.organizationId !== m.organizationId) continue;
      if (m.tenantId && m.tenantId !== g.tenantId) continue;
      // A suspended subscription closes the site to everyone but the platform.
      if (g.status !== 'active') continue;
      access.push({
        tenantId: g.tenantId,
        tenantSlug: g.slug,
        tenantName: g.name,
        districtId: g.districtId,
        organizationId: m.organizationId,
        role: m.role,
        level: g.level,
      });
    }
  }
  return { memberships: mems, tenants: access };
}
