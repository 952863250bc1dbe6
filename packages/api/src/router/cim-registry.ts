import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { MAX_IMPORT_FILE_BYTES } from '@linli/cim/import/problems';
import { listRegistryBuildings, registryBuilding, registrySummary, searchAddress, tenants } from '@linli/db';
import { eq } from 'drizzle-orm';
import { pageInput } from '../inputs';
import { tenantProcedure } from '../trpc';

/**
 * The CIM digital base's registry (issue #5: 楼盘表, standard addresses — R4.1.2, R6.3 Table 2,
 * R6.6.10a). Uploads go through the web app's /api/cim/import routes, which use the same access
 * rule (`registry.import`) and the same domain functions as these procedures.
 */
export const cimRegistryRouter = {
  summary: tenantProcedure('buildings.read').query(({ ctx }) => registrySummary(ctx.tx, ctx.tenantId)),

  buildings: tenantProcedure('buildings.read')
    .input(pageInput.extend({ use: z.string().max(20).optional(), level: z.number().int().min(1).max(4).optional() }))
    .query(({ ctx, input }) => listRegistryBuildings(ctx.tx, ctx.tenantId, input)),

  building: tenantProcedure('buildings.read')
    .input(z.object({ code: z.string().trim().min(1).max(40) }))
    .query(({ ctx, input }) => registryBuilding(ctx.tx, ctx.tenantId, input.code)),

  searchAddress: tenantProcedure('buildings.read')
    .input(z.object({ query: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(50).optional() }))
    .query(({ ctx, input }) => searchAddress(ctx.tx, { tenantId: ctx.tenantId, query: input.query, limit: input.limit })),

  /** What an import may hold here; also the access check of the import page. */
  importLimits: tenantProcedure('registry.import').query(async ({ ctx }) => {
    const [t] = await ctx.tx.select({ maxBuildings: tenants.maxBuildings }).from(tenants).where(eq(tenants.id, ctx.tenantId));
    const summary = await registrySummary(ctx.tx, ctx.tenantId);
    return { maxFileBytes: MAX_IMPORT_FILE_BYTES, maxBuildings: t?.maxBuildings ?? 0, buildings: summary.counts.buildings, communityCode: summary.communityCode, districtCode: summary.districtCode };
  }),
} satisfies TRPCRouterRecord;
