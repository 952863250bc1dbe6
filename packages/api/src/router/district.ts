import type { TRPCRouterRecord } from '@trpc/server';
import { districtOverview } from '@linli/db';
import { pageInput } from '../inputs';
import { districtProcedure } from '../trpc';

export const districtRouter = {
  overview: districtProcedure('district.view')
    .input(pageInput)
    .query(({ ctx, input }) => districtOverview(ctx.tx, { districtId: ctx.districtId, page: input.page, pageSize: input.pageSize, search: input.search })),
} satisfies TRPCRouterRecord;
