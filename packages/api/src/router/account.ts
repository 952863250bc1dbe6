import type { TRPCRouterRecord } from '@trpc/server';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { changePassword, createSession, generateSessionToken, invalidateAllSessions, sessionCookie, blankSessionCookie } from '@linli/auth';
import { appendAudit, sessions, users, withScope } from '@linli/db';
import { authedProcedure } from '../trpc';

export const accountRouter = {
  sessions: authedProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db.select().from(sessions).where(eq(sessions.userId, ctx.user.id)).orderBy(desc(sessions.createdAt));
    return rows.map((s) => ({ key: s.id.slice(0, 8), createdAt: s.createdAt, expiresAt: s.expiresAt, ip: s.ip, userAgent: s.userAgent, current: s.id === ctx.session.id }));
  }),

  /** Ends every session (this one included) and signs the user out. */
  signOutEverywhere: authedProcedure.mutation(async ({ ctx }) => {
    const ended = await withScope(ctx.db, { tenantIds: [], userId: ctx.user.id }, async (tx) => {
      const n = await invalidateAllSessions(tx, ctx.user.id);
      await appendAudit(tx, { userId: ctx.user.id, name: ctx.user.username, organizationId: null, ip: ctx.req.ip, userAgent: ctx.req.userAgent }, { action: 'auth.sign_out_everywhere', targetType: 'user', targetId: ctx.user.id, summary: `sessions ended: ${n}` });
      return n;
    });
    ctx.setCookie(blankSessionCookie(ctx.secureCookies));
    return { ended };
  }),

  /** All sessions end with a password change; this browser gets a fresh one so the user stays in. */
  changePassword: authedProcedure
    .input(z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }))
    .mutation(async ({ ctx, input }) => {
      const meta = { ip: ctx.req.ip, userAgent: ctx.req.userAgent };
      await changePassword(ctx.db, ctx.user.id, input, meta);
      const token = generateSessionToken();
      const session = await createSession(ctx.db, token, ctx.user.id, meta);
      ctx.setCookie(sessionCookie(token, session.expiresAt, ctx.secureCookies));
      return { ok: true };
    }),

  setLocale: authedProcedure.input(z.object({ locale: z.enum(['zh-CN', 'en']) })).mutation(async ({ ctx, input }) => {
    await withScope(ctx.db, { tenantIds: [], userId: ctx.user.id }, async (tx) => {
      await tx.update(users).set({ locale: input.locale, updatedAt: new Date() }).where(eq(users.id, ctx.user.id));
      await appendAudit(tx, { userId: ctx.user.id, name: ctx.user.username, organizationId: null, ip: ctx.req.ip, userAgent: ctx.req.userAgent }, { action: 'account.set_locale', targetType: 'user', targetId: ctx.user.id, summary: input.locale });
    });
    return { ok: true };
  }),
} satisfies TRPCRouterRecord;
