import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { appendAudit, type AuditActor } from '../../audit';
import { AppError, msg } from '../../errors';
import { grants, memberships, organizations, tenants, users, type OrgKind, type Role } from '../../schema';

export async function listMemberships(tx: Executor, params: { userId?: string; organizationId?: string }) {
  const parts = [];
  if (params.userId) parts.push(eq(memberships.userId, params.userId));
  if (params.organizationId) parts.push(eq(memberships.organizationId, params.organizationId));
  return tx
    .select({
      id: memberships.id, role: memberships.role, userId: users.id, username: users.username, displayName: users.displayName,
      organizationId: organizations.id, organizationZh: organizations.nameZh, organizationEn: organizations.nameEn, organizationKind: organizations.kind,
      tenantId: memberships.tenantId, tenantZh: tenants.nameZh, tenantEn: tenants.nameEn,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .leftJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(parts.length ? and(...parts) : undefined)
    .orderBy(asc(users.username), asc(organizations.nameZh));
}

export interface MembershipRules {
  roleOrgKinds: Record<Role, readonly OrgKind[]>;
  tenantBoundRoles: readonly Role[];
}

/**
 * Adds a role: the organization kind must fit the role, a tenant-bound membership must name a
 * tenant the organization is granted, and the tenant's user quota must have room.
 */
export async function createMembership(
  tx: Executor,
  params: { input: { userId: string; organizationId: string; role: Role; tenantId: string | null }; rules: MembershipRules; actor: AuditActor },
) {
  const { input, rules } = params;
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, input.organizationId));
  if (!org) throw new AppError('NOT_FOUND', msg('未找到该机构', 'Organization not found'));
  const [user] = await tx.select({ id: users.id, username: users.username }).from(users).where(eq(users.id, input.userId));
  if (!user) throw new AppError('NOT_FOUND', msg('未找到该用户', 'User not found'));
  if (!rules.roleOrgKinds[input.role].includes(org.kind)) {
    const m = msg('该角色不能属于此类机构', 'This role does not fit this kind of organization');
    throw new AppError('BAD_REQUEST', m, { fieldErrors: { role: m } });
  }
  if (rules.tenantBoundRoles.includes(input.role) && !input.tenantId) {
    const m = msg('该角色必须指定社区', 'This role needs a community');
    throw new AppError('BAD_REQUEST', m, { fieldErrors: { tenantId: m } });
  }
  if (input.tenantId) {
    const [grant] = await tx.select().from(grants).where(and(eq(grants.organizationId, org.id), eq(grants.tenantId, input.tenantId)));
    if (!grant) {
      const m = msg('该机构未获授权访问此社区', 'The organization has no grant on this community');
      throw new AppError('BAD_REQUEST', m, { fieldErrors: { tenantId: m } });
    }
    await assertSeatAvailable(tx, input.tenantId, input.userId);
  } else {
    const reached = await tx.select({ tenantId: grants.tenantId }).from(grants).where(eq(grants.organizationId, org.id));
    for (const g of reached) await assertSeatAvailable(tx, g.tenantId, input.userId);
  }
  const [row] = await tx.insert(memberships).values(input).onConflictDoNothing().returning({ id: memberships.id });
  if (!row) throw new AppError('CONFLICT', msg('该用户已拥有此角色', 'The user already has this role'));
  await appendAudit(tx, params.actor, { action: 'memberships.create', tenantId: input.tenantId, targetType: 'membership', targetId: row.id, after: input, summary: `${user.username} → ${input.role} @ ${org.nameZh}` });
  return { id: row.id };
}

async function assertSeatAvailable(tx: Executor, tenantId: string, userId: string) {
  const [t] = await tx.select({ maxUsers: tenants.maxUsers, nameZh: tenants.nameZh }).from(tenants).where(eq(tenants.id, tenantId));
  if (!t) return;
  const [{ used, already }] = (await tx.execute<{ used: number; already: boolean }>(sql`
    select count(distinct m.user_id)::int as used, bool_or(m.user_id = ${userId}) as already
      from grants g join memberships m on m.organization_id = g.organization_id
     where g.tenant_id = ${tenantId} and (m.tenant_id is null or m.tenant_id = g.tenant_id)`)) as unknown as [{ used: number; already: boolean | null }];
  if (!already && used >= t.maxUsers) {
    throw new AppError('PRECONDITION_FAILED', msg(`${t.nameZh} 的用户数已达套餐上限（${t.maxUsers}）`, `The community has reached its user quota (${t.maxUsers})`));
  }
}

export async function deleteMembership(tx: Executor, params: { id: string; actor: AuditActor }) {
  const [row] = await tx.delete(memberships).where(eq(memberships.id, params.id)).returning();
  if (!row) throw new AppError('NOT_FOUND', msg('未找到该角色分配', 'Membership not found'));
  if (row.userId === params.actor.userId && row.role === 'platform_admin') {
    throw new AppError('BAD_REQUEST', msg('不能移除自己的平台管理员角色', 'You cannot remove your own platform admin role'));
  }
  await appendAudit(tx, params.actor, { action: 'memberships.delete', tenantId: row.tenantId, targetType: 'membership', targetId: row.id, before: row });
  return { id: row.id };
}

export async function listGrants(tx: Executor, params: { organizationId?: string; tenantId?: string }) {
  const parts = [];
  if (params.organizationId) parts.push(eq(grants.organizationId, params.organizationId));
  if (params.tenantId) parts.push(eq(grants.tenantId, params.tenantId));
  return tx
    .select({
      organizationId: grants.organizationId, tenantId: grants.tenantId, accessLevel: grants.accessLevel,
      organizationZh: organizations.nameZh, organizationEn: organizations.nameEn, organizationKind: organizations.kind,
      tenantZh: tenants.nameZh, tenantEn: tenants.nameEn, tenantSlug: tenants.slug,
    })
    .from(grants)
    .innerJoin(organizations, eq(organizations.id, grants.organizationId))
    .innerJoin(tenants, eq(tenants.id, grants.tenantId))
    .where(parts.length ? and(...parts) : undefined)
    .orderBy(asc(organizations.nameZh), asc(tenants.nameZh));
}

export async function upsertGrant(
  tx: Executor,
  params: { input: { organizationId: string; tenantId: string; accessLevel: 'operate' | 'supervise' | 'serve' }; actor: AuditActor },
) {
  const { input } = params;
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, input.organizationId));
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, input.tenantId));
  if (!org || !tenant) throw new AppError('NOT_FOUND', msg('机构或社区不存在', 'Organization or community not found'));
  if (org.kind === 'street_office' && org.districtId !== tenant.districtId) {
    throw new AppError('BAD_REQUEST', msg('街道办只能监管本街道的社区', 'A street office may only supervise communities of its own district'));
  }
  const [before] = await tx.select().from(grants).where(and(eq(grants.organizationId, org.id), eq(grants.tenantId, tenant.id)));
  await tx
    .insert(grants)
    .values(input)
    .onConflictDoUpdate({ target: [grants.organizationId, grants.tenantId], set: { accessLevel: input.accessLevel, updatedAt: new Date() } });
  await appendAudit(tx, params.actor, { action: before ? 'grants.update' : 'grants.create', tenantId: tenant.id, targetType: 'grant', targetId: `${org.id}:${tenant.id}`, before, after: input, summary: `${org.nameZh} → ${tenant.nameZh}: ${input.accessLevel}` });
  return { ok: true };
}

export async function deleteGrant(tx: Executor, params: { organizationId: string; tenantId: string; actor: AuditActor }) {
  const [row] = await tx.delete(grants).where(and(eq(grants.organizationId, params.organizationId), eq(grants.tenantId, params.tenantId))).returning();
  if (!row) throw new AppError('NOT_FOUND', msg('未找到该授权', 'Grant not found'));
  // Tenant-bound memberships through this grant no longer lead anywhere: remove them with it.
  await tx.delete(memberships).where(and(eq(memberships.organizationId, params.organizationId), eq(memberships.tenantId, params.tenantId)));
  await appendAudit(tx, params.actor, { action: 'grants.delete', tenantId: params.tenantId, targetType: 'grant', targetId: `${params.organizationId}:${params.tenantId}`, before: row });
  return { ok: true };
}
