import { actingOrganization, canInTenant } from '@linli/auth';
import { AppError, type AuditActor, type Scope } from '@linli/db';
import type { Context } from './context';
import { resolveTenant } from './trpc';

/**
 * The access rule of `tenantProcedure('registry.import')` for the upload route handlers, which
 * take multipart bodies and report progress and so cannot be tRPC procedures: the same session,
 * Origin check, permission and audit actor.
 */
export function cimImportAccess(ctx: Context, tenantRef: string): { tenantId: string; scope: Scope; actor: AuditActor } {
  if (!ctx.user || !ctx.profile) throw new AppError('UNAUTHORIZED', { zh: '登录已失效，请重新登录', en: 'Your session has ended, please sign in again' });
  const { origin, host, secFetchSite } = ctx.req;
  let originHost: string | null = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  if (!(origin ? originHost === host : secFetchSite === 'same-origin')) throw new AppError('FORBIDDEN', { zh: '请求来源不被允许', en: 'Request origin not allowed' });
  const access = resolveTenant(ctx.profile, tenantRef);
  if (!access || !canInTenant(ctx.profile, access.tenantId, 'registry.import')) {
    throw new AppError('FORBIDDEN', { zh: '您无权导入该社区的楼盘表', en: 'You may not import the registry of this community' }, { permission: 'registry.import' });
  }
  return {
    tenantId: access.tenantId,
    scope: { tenantIds: [access.tenantId], userId: ctx.user.id },
    actor: {
      userId: ctx.user.id,
      name: ctx.user.username,
      organizationId: actingOrganization(ctx.profile, access.tenantId, 'registry.import'),
      ip: ctx.req.ip,
      userAgent: ctx.req.userAgent,
    },
  };
}
