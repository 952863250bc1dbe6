import { initTRPC, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import {
  actingOrganization,
  canInTenant,
  districtTenantIds,
  districtsWith,
  hasGlobal,
  type AccessProfile,
  type Permission,
  type SessionUser,
} from '@linli/auth';
import { eq } from 'drizzle-orm';
import { AppError, districts, isUuid, withScope, type AuditActor, type Executor, type Scope } from '@linli/db';
import type { Context } from './context';
import { bilingualOf, domainErrorOf, toTrpcError } from './errors';

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const { messages, details } = bilingualOf(error);
    // An AppError raised where no middleware could map it (a subscription's generator) keeps its code.
    if (error.code === 'INTERNAL_SERVER_ERROR' && error.cause instanceof AppError) {
      const mapped = toTrpcError(error.cause);
      return {
        ...shape,
        code: TRPC_ERROR_CODES_BY_KEY[mapped.code],
        message: mapped.message,
        data: { ...shape.data, code: mapped.code, httpStatus: getHTTPStatusCodeFromError(mapped), messages, details: details ?? null, fieldErrors: null },
      };
    }
    return {
      ...shape,
      // Internal failures are logged on the server; the client gets the plain bilingual text.
      message: error.code === 'INTERNAL_SERVER_ERROR' ? messages.en : shape.message,
      data: {
        ...shape.data,
        messages,
        details: details ?? null,
        fieldErrors: error.cause instanceof ZodError ? z.flattenError(error.cause).fieldErrors : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors thrown anywhere below become the right tRPC code with both languages. */
const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  const domain = result.ok ? null : domainErrorOf(result.error.cause);
  if (domain) throw toTrpcError(domain);
  return result;
});

/**
 * CSRF: a mutation must come from our own origin. Browsers send Origin on POST; when it is
 * missing we accept only Sec-Fetch-Site: same-origin. Server-side callers have no request.
 */
const originCheck = t.middleware(({ ctx, type, next }) => {
  if (type === 'mutation' && ctx.req.host !== null) {
    const { origin, host, secFetchSite } = ctx.req;
    const sameOrigin = origin ? safeHost(origin) === host : secFetchSite === 'same-origin';
    if (!sameOrigin) {
      throw new AppError('FORBIDDEN', { zh: '请求来源不被允许', en: 'Request origin not allowed' });
    }
  }
  return next();
});

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * PostgreSQL cannot store U+0000 in text or jsonb: a string carrying one would fail deep in a
 * query as a 500 (issue #9.8). Every procedure's raw input is checked here, once.
 */
const inputGuard = t.middleware(async ({ getRawInput, next }) => {
  if (containsNul(await getRawInput())) {
    throw new AppError('BAD_REQUEST', { zh: '输入中含有不允许的空字符（NUL）', en: 'The input contains a NUL character, which is not allowed' });
  }
  return next();
});

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}

export const publicProcedure = t.procedure.use(errorMapping).use(inputGuard).use(originCheck);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user || !ctx.profile || !ctx.session) {
    throw new AppError('UNAUTHORIZED', { zh: '登录已失效，请重新登录', en: 'Your session has ended, please sign in again' });
  }
  return next({ ctx: { ...ctx, user: ctx.user, profile: ctx.profile, session: ctx.session } });
});

export interface ScopedContext {
  tx: Executor;
  scope: Scope;
  actor: AuditActor;
}

const ROLLBACK = Symbol('rollback');

/** Runs the rest of the procedure in one scoped transaction; a failed result rolls it back. */
async function inScope<R extends { ok: boolean }>(
  ctx: Context,
  scope: Scope,
  run: (tx: Executor) => Promise<R>,
): Promise<R> {
  let result: R | undefined;
  try {
    await withScope(ctx.db, scope, async (tx) => {
      result = await run(tx);
      if (!result.ok) throw ROLLBACK;
    });
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
  return result!;
}

function actorOf(ctx: Context, user: SessionUser, organizationId: string | null): AuditActor {
  return { userId: user.id, name: user.username, organizationId, ip: ctx.req.ip, userAgent: ctx.req.userAgent };
}

const FORBIDDEN_TENANT = { zh: '您无权访问该社区', en: 'You do not have access to this community' };

export const tenantInput = z.object({ tenant: z.string().min(1).max(80) });

/** Resolves the tenant named in the input (slug or id) among the user's grants. */
export function resolveTenant(profile: AccessProfile, ref: string) {
  return profile.tenants.find((a) => a.tenantSlug === ref || a.tenantId === ref) ?? null;
}

/** A procedure inside one community: the permission must hold there; RLS sees that tenant only. */
export function tenantProcedure(permission: Permission) {
  return authedProcedure.input(tenantInput).use(async ({ ctx, input, next }) => {
    const access = resolveTenant(ctx.profile, input.tenant);
    if (!access || !canInTenant(ctx.profile, access.tenantId, permission)) {
      throw new AppError('FORBIDDEN', FORBIDDEN_TENANT, { permission });
    }
    const scope: Scope = { tenantIds: [access.tenantId], userId: ctx.user.id };
    const actor = actorOf(ctx, ctx.user, actingOrganization(ctx.profile, access.tenantId, permission));
    return inScope(ctx, scope, (tx) => next({ ctx: { ...ctx, tx, scope, actor, tenantId: access.tenantId } }));
  });
}

export const districtInput = z.object({ district: z.string().min(1).max(80) });

/** A street-office procedure: the scope carries every granted tenant of the district, nothing else. */
export function districtProcedure(permission: Permission) {
  return authedProcedure.input(districtInput).use(async ({ ctx, input, next }) => {
    const [district] = await ctx.db
      .select({ id: districts.id })
      .from(districts)
      .where(isUuid(input.district) ? eq(districts.id, input.district) : eq(districts.code, input.district));
    if (!district || !districtsWith(ctx.profile, permission).includes(district.id)) {
      throw new AppError('FORBIDDEN', { zh: '您无权查看该街道', en: 'You do not have access to this district' }, { permission });
    }
    const scope: Scope = { tenantIds: districtTenantIds(ctx.profile, district.id, permission), userId: ctx.user.id };
    const org = ctx.profile.memberships.find((m) => m.districtId === district.id)?.organizationId ?? null;
    return inScope(ctx, scope, (tx) => next({ ctx: { ...ctx, tx, scope, actor: actorOf(ctx, ctx.user, org), districtId: district.id } }));
  });
}

/** Platform administration: management tables and the whole audit log, never tenant rows. */
export function platformProcedure(permission: Permission) {
  return authedProcedure.use(async ({ ctx, next }) => {
    if (!hasGlobal(ctx.profile, permission)) {
      throw new AppError('FORBIDDEN', { zh: '仅平台管理员可用', en: 'Platform administrators only' }, { permission });
    }
    const scope: Scope = { tenantIds: [], platform: true, userId: ctx.user.id };
    const org = ctx.profile.memberships.find((m) => m.organizationKind === 'platform')?.organizationId ?? null;
    return inScope(ctx, scope, (tx) => next({ ctx: { ...ctx, tx, scope, actor: actorOf(ctx, ctx.user, org) } }));
  });
}

export { TRPCError };

const NO_FIELD_ACCESS = { zh: '您没有外勤作业权限', en: 'You do not have field-work access' };

/**
 * The tablet's sync procedures (issue #4): the scope is every community where the user may do
 * field work, so one checkpoint covers them all; RLS limits each statement to those tenants.
 */
export const fieldWorkProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const accesses = ctx.profile.tenants.filter((a) => canInTenant(ctx.profile, a.tenantId, 'field.work'));
  if (accesses.length === 0) throw new AppError('FORBIDDEN', NO_FIELD_ACCESS, { permission: 'field.work' });
  const tenantIds = [...new Set(accesses.map((a) => a.tenantId))];
  const scope: Scope = { tenantIds, userId: ctx.user.id };
  const first = accesses[0]!;
  const actor = actorOf(ctx, ctx.user, actingOrganization(ctx.profile, first.tenantId, 'field.work'));
  const fieldAccesses = accesses.map((a) => ({ tenantId: a.tenantId, role: a.role }));
  return inScope(ctx, scope, (tx) => next({ ctx: { ...ctx, tx, scope, actor, fieldRole: first.role, fieldAccesses } }));
});
