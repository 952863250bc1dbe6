import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { checkPasswordPolicy, hashPassword, ROLE_ORG_KINDS, TENANT_BOUND_ROLES } from '@linli/auth';
import {
  ACCESS_LEVELS,
  AppError,
  createMembership,
  createOrganization,
  createTenant,
  createUser,
  deleteGrant,
  deleteMembership,
  adminDirectory,
  getUser,
  listDistricts,
  listGrants,
  listMemberships,
  listOrganizations,
  listTenants,
  listUsers,
  ORG_KINDS,
  PLANS,
  ROLES,
  setUserDisabled,
  tenantStats,
  updateTenant,
  upsertGrant,
} from '@linli/db';
import { pageInput } from '../inputs';
import { platformProcedure } from '../trpc';

const admin = platformProcedure('platform.admin');

const tenantInput = z.object({
  slug: z.string().trim().min(2).max(41),
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(80),
  districtId: z.uuid().nullable(),
  address: z.string().trim().max(200),
  plan: z.enum(PLANS),
  maxBuildings: z.number().int().min(1).max(100000),
  maxDevices: z.number().int().min(0).max(1000000),
  maxUsers: z.number().int().min(1).max(100000),
  subscriptionEndsAt: z.iso.date().nullable(),
  status: z.enum(['active', 'suspended']),
});

export const adminRouter = {
  districts: admin.query(({ ctx }) => listDistricts(ctx.tx)),
  /** All organizations and communities by name, for pickers. */
  directory: admin.query(({ ctx }) => adminDirectory(ctx.tx)),
  tenantStats: admin.query(({ ctx }) => tenantStats(ctx.tx)),

  tenants: admin
    .input(pageInput.extend({ districtId: z.uuid().optional() }))
    .query(({ ctx, input }) => listTenants(ctx.tx, input)),
  createTenant: admin.input(tenantInput).mutation(({ ctx, input }) => createTenant(ctx.tx, { input, actor: ctx.actor })),
  updateTenant: admin
    .input(z.object({ id: z.uuid(), tenant: tenantInput }))
    .mutation(({ ctx, input }) => updateTenant(ctx.tx, { id: input.id, input: input.tenant, actor: ctx.actor })),

  organizations: admin
    .input(pageInput.extend({ kind: z.enum(ORG_KINDS).optional() }))
    .query(({ ctx, input }) => listOrganizations(ctx.tx, input)),
  createOrganization: admin
    .input(z.object({ kind: z.enum(ORG_KINDS), nameZh: z.string().trim().min(1).max(60), nameEn: z.string().trim().min(1).max(80), districtId: z.uuid().nullable() }))
    .mutation(({ ctx, input }) => createOrganization(ctx.tx, { input, actor: ctx.actor })),

  users: admin.input(pageInput).query(({ ctx, input }) => listUsers(ctx.tx, input)),
  user: admin.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => getUser(ctx.tx, input.id)),
  createUser: admin
    .input(z.object({ username: z.string().trim().min(1).max(32), displayName: z.string().trim().min(1).max(40), phone: z.string().trim().max(11).nullable(), password: z.string().max(256) }))
    .mutation(async ({ ctx, input }) => {
      const problems = checkPasswordPolicy(input.password, { username: input.username });
      if (problems.length) throw new AppError('BAD_REQUEST', problems[0]!, { fieldErrors: { password: problems[0] }, problems });
      const passwordHash = await hashPassword(input.password);
      return createUser(ctx.tx, { input, passwordHash, actor: ctx.actor });
    }),
  setUserDisabled: admin
    .input(z.object({ id: z.uuid(), disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setUserDisabled(ctx.tx, { ...input, actor: ctx.actor })),

  memberships: admin
    .input(z.object({ userId: z.uuid().optional(), organizationId: z.uuid().optional() }))
    .query(({ ctx, input }) => listMemberships(ctx.tx, input)),
  createMembership: admin
    .input(z.object({ userId: z.uuid(), organizationId: z.uuid(), role: z.enum(ROLES), tenantId: z.uuid().nullable() }))
    .mutation(({ ctx, input }) => createMembership(ctx.tx, { input, rules: { roleOrgKinds: ROLE_ORG_KINDS, tenantBoundRoles: TENANT_BOUND_ROLES }, actor: ctx.actor })),
  deleteMembership: admin.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => deleteMembership(ctx.tx, { id: input.id, actor: ctx.actor })),

  grants: admin
    .input(z.object({ organizationId: z.uuid().optional(), tenantId: z.uuid().optional() }))
    .query(({ ctx, input }) => listGrants(ctx.tx, input)),
  upsertGrant: admin
    .input(z.object({ organizationId: z.uuid(), tenantId: z.uuid(), accessLevel: z.enum(ACCESS_LEVELS) }))
    .mutation(({ ctx, input }) => upsertGrant(ctx.tx, { input, actor: ctx.actor })),
  deleteGrant: admin
    .input(z.object({ organizationId: z.uuid(), tenantId: z.uuid() }))
    .mutation(({ ctx, input }) => deleteGrant(ctx.tx, { ...input, actor: ctx.actor })),
} satisfies TRPCRouterRecord;
