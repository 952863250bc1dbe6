import type { TRPCRouterRecord } from '@trpc/server';
import { canInTenant, permissionsInTenant } from '@linli/auth';
import { listBuildings, listTenantStaff, tenantOverview } from '@linli/db';
import { pageInput } from '../inputs';
import { tenantProcedure } from '../trpc';

export const tenantRouter = {
  overview: tenantProcedure('tenant.view').query(async ({ ctx }) => {
    const overview = await tenantOverview(ctx.tx, ctx.tenantId);
    return { ...overview, permissions: [...permissionsInTenant(ctx.profile, ctx.tenantId)] };
  }),

  buildings: tenantProcedure('buildings.read')
    .input(pageInput)
    .query(({ ctx, input }) => listBuildings(ctx.tx, input)),

  staff: tenantProcedure('members.read').query(({ ctx }) =>
    listTenantStaff(ctx.tx, { tenantId: ctx.tenantId, full: canInTenant(ctx.profile, ctx.tenantId, 'residents.pii') }),
  ),
} satisfies TRPCRouterRecord;
