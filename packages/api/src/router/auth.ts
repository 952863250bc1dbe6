import type { TRPCRouterRecord } from '@trpc/server';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { blankSessionCookie, invalidateSession, permissionsInTenant, sessionCookie, signIn } from '@linli/auth';
import { appendAudit, districts, withScope } from '@linli/db';
import { homesOf } from '../portal';
import { authedProcedure, publicProcedure } from '../trpc';

export const authRouter = {
  /** Who is signed in, where they may go, and what they may do in each community. */
  me: publicProcedure.query(async ({ ctx }) => {
    if (!ctx.user || !ctx.profile) return null;
    const districtIds = [...new Set(ctx.profile.memberships.map((m) => m.districtId).filter((d): d is string => !!d))];
    const rows = districtIds.length ? await ctx.db.select().from(districts).where(inArray(districts.id, districtIds)) : [];
    const byId = new Map(rows.map((d) => [d.id, { code: d.code, nameZh: d.nameZh, nameEn: d.nameEn }]));
    const tenants = new Map<string, { slug: string; name: string; roles: string[]; permissions: string[] }>();
    for (const a of ctx.profile.tenants) {
      const t = tenants.get(a.tenantId) ?? { slug: a.tenantSlug, name: a.tenantName, roles: [], permissions: [...permissionsInTenant(ctx.profile, a.tenantId)] };
      if (!t.roles.includes(a.role)) t.roles.push(a.role);
      tenants.set(a.tenantId, t);
    }
    return {
      user: ctx.user,
      roles: [...new Set(ctx.profile.memberships.map((m) => m.role))],
      homes: homesOf(ctx.profile, byId),
      tenants: [...tenants.values()],
    };
  }),

  signIn: publicProcedure
    .input(z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }))
    .mutation(async ({ ctx, input }) => {
      const { token, session } = await signIn(ctx.db, input, { ip: ctx.req.ip, userAgent: ctx.req.userAgent });
      ctx.setCookie(sessionCookie(token, session.expiresAt, ctx.secureCookies));
      return { ok: true };
    }),

  signOut: authedProcedure.mutation(async ({ ctx }) => {
    await withScope(ctx.db, { tenantIds: [], userId: ctx.user.id }, async (tx) => {
      await invalidateSession(tx, ctx.session.id);
      await appendAudit(tx, { userId: ctx.user.id, name: ctx.user.username, organizationId: null, ip: ctx.req.ip, userAgent: ctx.req.userAgent }, { action: 'auth.sign_out', targetType: 'user', targetId: ctx.user.id });
    });
    ctx.setCookie(blankSessionCookie(ctx.secureCookies));
    return { ok: true };
  }),
} satisfies TRPCRouterRecord;
