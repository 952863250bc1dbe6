import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { canInTenant } from '@linli/auth';
import { AppError, createResident, householdOptions, listResidents, msg, RESIDENT_CATEGORIES, revealResident, updateResident } from '@linli/db';
import { pageInput } from '../inputs';
import { tenantProcedure } from '../trpc';

const residentInput = z.object({
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().max(18).optional().nullable(),
  phone: z.string().trim().max(20).optional().nullable(),
  category: z.enum(RESIDENT_CATEGORIES),
  householdId: z.uuid().optional().nullable(),
});

export const residentsRouter = {
  /** Masked by default; `full` needs residents.pii and is audited. */
  list: tenantProcedure('residents.read')
    .input(pageInput.extend({ category: z.enum(RESIDENT_CATEGORIES).optional(), full: z.boolean().default(false) }))
    .query(({ ctx, input }) => {
      const mayIdentify = canInTenant(ctx.profile, ctx.tenantId, 'residents.pii');
      if (input.full && !mayIdentify) {
        throw new AppError('FORBIDDEN', msg('您无权查看完整个人信息', 'You may not see full personal data'));
      }
      return listResidents(ctx.tx, ctx.keys, { ...input, mayIdentify, tenantId: ctx.tenantId, actor: ctx.actor });
    }),

  /** A mutation, not a query: every unmasked read writes an audit row. */
  reveal: tenantProcedure('residents.pii')
    .input(z.object({ residentId: z.uuid() }))
    .mutation(({ ctx, input }) => revealResident(ctx.tx, ctx.keys, { tenantId: ctx.tenantId, residentId: input.residentId, actor: ctx.actor })),

  create: tenantProcedure('residents.write')
    .input(z.object({ resident: residentInput }))
    .mutation(({ ctx, input }) => createResident(ctx.tx, ctx.keys, { tenantId: ctx.tenantId, input: input.resident, actor: ctx.actor })),

  /** Leaving name or phone out keeps the stored value (staff without residents.pii edit blind). */
  update: tenantProcedure('residents.write')
    .input(z.object({ residentId: z.uuid(), resident: residentInput.extend({ name: z.string().trim().max(50).optional().nullable() }) }))
    .mutation(({ ctx, input }) => updateResident(ctx.tx, ctx.keys, { tenantId: ctx.tenantId, residentId: input.residentId, input: input.resident, actor: ctx.actor })),

  households: tenantProcedure('residents.write')
    .input(z.object({ buildingId: z.uuid() }))
    .query(({ ctx, input }) => householdOptions(ctx.tx, input)),
} satisfies TRPCRouterRecord;
