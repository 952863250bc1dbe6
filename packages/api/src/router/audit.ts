import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { appendAudit, searchAudit, verifyAuditChain } from '@linli/db';
import { pageInput } from '../inputs';
import { platformProcedure, tenantProcedure } from '../trpc';

const filters = pageInput.extend({
  action: z.string().trim().max(60).optional(),
  actor: z.string().trim().max(60).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  tenantId: z.uuid().optional(),
});

export const auditRouter = {
  /** A community's own log (RLS keeps other tenants' rows out). */
  tenant: tenantProcedure('audit.read')
    .input(filters.omit({ tenantId: true }))
    .query(({ ctx, input }) => searchAudit(ctx.tx, { ...input, tenantId: ctx.tenantId })),

  /** The whole platform log. */
  search: platformProcedure('platform.admin')
    .input(filters)
    .query(({ ctx, input }) => searchAudit(ctx.tx, input)),

  /** Recomputes the SM3 chain; the check itself is recorded. */
  verify: platformProcedure('audit.verify').mutation(async ({ ctx }) => {
    const result = await verifyAuditChain(ctx.db);
    await appendAudit(ctx.tx, ctx.actor, { action: 'audit.verify', summary: result.ok ? `ok, ${result.checked} rows` : `FAILED: ${result.problems.length} problem(s)` });
    return result;
  }),
} satisfies TRPCRouterRecord;
