import type { TRPCRouterRecord } from '@trpc/server';
import { residentHome } from '@linli/db';
import { tenantProcedure } from '../trpc';

export const selfRouter = {
  home: tenantProcedure('self.view').query(({ ctx }) => residentHome(ctx.tx, ctx.keys, { userId: ctx.user.id })),
} satisfies TRPCRouterRecord;
