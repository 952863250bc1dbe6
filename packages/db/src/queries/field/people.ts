import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { FIELD_ROLES, OFFICE_ROLES } from '@linli/sync';
import type { Executor } from '../../client';
import { grants, memberships, users } from '../../schema';
import { isUuid } from '../../scope';

/** People of the tenant who can take field work (assignees) or handle it in the office. */
export async function fieldPeople(tx: Executor, params: { tenantId: string }) {
  const rows = await tx
    .selectDistinct({ id: users.id, username: users.username, displayName: users.displayName, role: memberships.role })
    .from(grants)
    .innerJoin(memberships, eq(memberships.organizationId, grants.organizationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(grants.tenantId, params.tenantId),
        eq(grants.accessLevel, 'operate'),
        or(isNull(memberships.tenantId), eq(memberships.tenantId, params.tenantId)),
        ne(memberships.role, 'resident'),
        inArray(memberships.role, [...FIELD_ROLES, ...OFFICE_ROLES]),
      ),
    )
    .orderBy(asc(users.username));
  return rows.map((r) => ({ ...r, field: (FIELD_ROLES as readonly string[]).includes(r.role) }));
}

/**
 * id → display name for the users a page shows. Users are platform-wide rows, so only members of
 * a tenant in this transaction's scope (app_tenant_ids, the RLS context) are named: any other id
 * in a record — another community's person, written before migration 0009 refused that — shows
 * as unknown instead of leaking a name across tenants.
 */
export async function namesOf(tx: Executor, ids: Iterable<string>): Promise<Record<string, string>> {
  const list = [...new Set([...ids].filter((x) => isUuid(x)))];
  if (!list.length) return {};
  const member = sql`exists (select 1 from unnest(app_tenant_ids()) as t(id), app_tenant_roles(t.id, ${users.id}))`;
  const rows = await tx.select({ id: users.id, displayName: users.displayName }).from(users).where(and(inArray(users.id, list), member));
  return Object.fromEntries(rows.map((r) => [r.id, r.displayName]));
}
