import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { appendAudit, type AuditActor } from '../../audit';
import { AppError, msg } from '../../errors';
import { districts, grants, organizations, tenants, type Plan } from '../../schema';
import { countRows, likePattern, offsetOf, type PageInput } from '../paging';

export interface TenantInput {
  slug: string;
  nameZh: string;
  nameEn: string;
  districtId: string | null;
  address: string;
  plan: Plan;
  maxBuildings: number;
  maxDevices: number;
  maxUsers: number;
  subscriptionEndsAt: string | null;
  status: 'active' | 'suspended';
}

export async function listTenants(tx: Executor, params: PageInput & { search?: string; districtId?: string }) {
  const parts = [];
  if (params.search) parts.push(or(ilike(tenants.nameZh, likePattern(params.search)), ilike(tenants.nameEn, likePattern(params.search)), ilike(tenants.slug, likePattern(params.search))));
  if (params.districtId) parts.push(eq(tenants.districtId, params.districtId));
  const where = parts.length ? and(...parts) : undefined;
  const items = await tx
    .select({
      id: tenants.id, slug: tenants.slug, nameZh: tenants.nameZh, nameEn: tenants.nameEn, address: tenants.address, plan: tenants.plan,
      status: tenants.status, maxBuildings: tenants.maxBuildings, maxDevices: tenants.maxDevices, maxUsers: tenants.maxUsers,
      subscriptionEndsAt: tenants.subscriptionEndsAt, districtId: tenants.districtId, districtNameZh: districts.nameZh, districtNameEn: districts.nameEn,
      // Staff using a seat of the subscription: tenant-bound memberships plus org-wide ones reaching it.
      users: sql<number>`(select count(distinct m.user_id)::int from grants g join memberships m on m.organization_id = g.organization_id where g.tenant_id = ${tenants.id} and (m.tenant_id is null or m.tenant_id = g.tenant_id))`,
    })
    .from(tenants)
    .leftJoin(districts, eq(districts.id, tenants.districtId))
    .where(where)
    .orderBy(asc(tenants.nameZh))
    .limit(params.pageSize)
    .offset(offsetOf(params));
  const total = await countRows(tx, tenants, where);
  return { items, total, page: params.page, pageSize: params.pageSize };
}

const SLUG = /^[a-z0-9][a-z0-9-]{1,40}$/;

function validateTenant(input: TenantInput) {
  if (!SLUG.test(input.slug)) {
    const m = msg('标识只能包含小写字母、数字和连字符（2–41 位）', 'Slug: 2–41 lower-case letters, digits or hyphens');
    throw new AppError('BAD_REQUEST', m, { fieldErrors: { slug: m } });
  }
}

/** Creates a community; its district's street office gets a supervise grant right away. */
export async function createTenant(tx: Executor, params: { input: TenantInput; actor: AuditActor }) {
  validateTenant(params.input);
  const [exists] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, params.input.slug));
  if (exists) {
    const m = msg('该标识已被使用', 'This slug is already taken');
    throw new AppError('CONFLICT', m, { fieldErrors: { slug: m } });
  }
  const [row] = await tx.insert(tenants).values(params.input).returning({ id: tenants.id });
  if (params.input.districtId) {
    const offices = await tx.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.kind, 'street_office'), eq(organizations.districtId, params.input.districtId)));
    if (offices.length) await tx.insert(grants).values(offices.map((o) => ({ organizationId: o.id, tenantId: row!.id, accessLevel: 'supervise' as const }))).onConflictDoNothing();
  }
  await appendAudit(tx, params.actor, { action: 'tenants.create', tenantId: row!.id, targetType: 'tenant', targetId: row!.id, after: params.input, summary: params.input.slug });
  return { id: row!.id };
}

export async function updateTenant(tx: Executor, params: { id: string; input: TenantInput; actor: AuditActor }) {
  validateTenant(params.input);
  const [before] = await tx.select().from(tenants).where(eq(tenants.id, params.id));
  if (!before) throw new AppError('NOT_FOUND', msg('未找到该社区', 'Community not found'));
  const [clash] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, params.input.slug));
  if (clash && clash.id !== params.id) {
    const m = msg('该标识已被使用', 'This slug is already taken');
    throw new AppError('CONFLICT', m, { fieldErrors: { slug: m } });
  }
  await tx.update(tenants).set({ ...params.input, updatedAt: new Date() }).where(eq(tenants.id, params.id));
  const summary = before.status !== params.input.status ? `status ${before.status} → ${params.input.status}` : before.plan !== params.input.plan ? `plan ${before.plan} → ${params.input.plan}` : 'updated';
  await appendAudit(tx, params.actor, { action: 'tenants.update', tenantId: params.id, targetType: 'tenant', targetId: params.id, before, after: params.input, summary });
  return { id: params.id };
}

export async function listDistricts(tx: Executor) {
  return tx.select().from(districts).orderBy(asc(districts.nameZh));
}

/** Counts for the platform overview: status, plan and subscriptions ending (dates in Asia/Shanghai). */
export async function tenantStats(tx: Executor) {
  const [row] = (await tx.execute<{ total: number; active: number; suspended: number; basic: number; standard: number; premium: number; expired: number; expiring: number }>(sql`
    select count(*)::int as total,
           count(*) filter (where status = 'active')::int as active,
           count(*) filter (where status = 'suspended')::int as suspended,
           count(*) filter (where plan = 'basic')::int as basic,
           count(*) filter (where plan = 'standard')::int as standard,
           count(*) filter (where plan = 'premium')::int as premium,
           count(*) filter (where subscription_ends_at < (now() at time zone 'Asia/Shanghai')::date)::int as expired,
           count(*) filter (where subscription_ends_at >= (now() at time zone 'Asia/Shanghai')::date
                              and subscription_ends_at <= (now() at time zone 'Asia/Shanghai')::date + 30)::int as expiring
      from tenants`)) as unknown as [{ total: number; active: number; suspended: number; basic: number; standard: number; premium: number; expired: number; expiring: number }];
  return {
    total: row.total,
    active: row.active,
    suspended: row.suspended,
    byPlan: { basic: row.basic, standard: row.standard, premium: row.premium },
    expired: row.expired,
    expiringSoon: row.expiring,
  };
}

/** Every organization and community by name, for the pickers of the admin forms. */
export async function adminDirectory(tx: Executor) {
  const [orgs, sites] = await Promise.all([
    tx
      .select({ id: organizations.id, kind: organizations.kind, nameZh: organizations.nameZh, nameEn: organizations.nameEn, districtId: organizations.districtId })
      .from(organizations)
      .orderBy(asc(organizations.kind), asc(organizations.nameZh)),
    tx
      .select({ id: tenants.id, slug: tenants.slug, nameZh: tenants.nameZh, nameEn: tenants.nameEn, districtId: tenants.districtId, status: tenants.status })
      .from(tenants)
      .orderBy(asc(tenants.nameZh)),
  ]);
  return { organizations: orgs, tenants: sites };
}
