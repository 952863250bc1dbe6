import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { canInTenant } from '@linli/auth';
import { AppError, CIM_EXPORT_FORMATS, districtScene, districtTileContent, districtTileset, msg, exportCim, sceneData, sceneHousehold, sceneSearch, sceneTileContent, sceneTileset } from '@linli/db';
import { districtProcedure, tenantProcedure } from '../trpc';

const level = z.number().int().min(1).max(4).optional();

/**
 * The 3D scene and CIM exports of issue #5 (R4.1.2, R4.4, R6.2.1, R6.2.5). Tile and export
 * procedures return bytes: only the web app's route handlers call them (server-side caller),
 * which stream them as files.
 */
export const cimSceneRouter = {
  /** Ground, facilities, building summaries, devices and open cases of the community at a CIM level. */
  data: tenantProcedure('buildings.read')
    .input(z.object({ level }))
    .query(({ ctx, input }) =>
      sceneData(ctx.tx, {
        tenantId: ctx.tenantId,
        level: input.level,
        devices: canInTenant(ctx.profile, ctx.tenantId, 'devices.read'),
        cases: canInTenant(ctx.profile, ctx.tenantId, 'field.read'),
      }),
    ),

  tileset: tenantProcedure('buildings.read')
    .input(z.object({ level }))
    .query(({ ctx, input }) => sceneTileset(ctx.tx, { tenantId: ctx.tenantId, level: input.level })),

  tileContent: tenantProcedure('buildings.read')
    .input(z.object({ level, uri: z.string().max(200) }))
    .query(({ ctx, input }) => sceneTileContent(ctx.tx, { tenantId: ctx.tenantId, level: input.level, uri: input.uri })),

  search: tenantProcedure('buildings.read')
    .input(z.object({ query: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(50).optional() }))
    .query(({ ctx, input }) => sceneSearch(ctx.tx, { tenantId: ctx.tenantId, query: input.query, limit: input.limit })),

  /** Household card, residents masked (shown at all only with residents.read). */
  household: tenantProcedure('buildings.read')
    .input(z.object({ address: z.string().trim().min(1).max(120) }))
    .query(({ ctx, input }) =>
      sceneHousehold(ctx.tx, ctx.keys, {
        tenantId: ctx.tenantId,
        address: input.address,
        canReadResidents: canInTenant(ctx.profile, ctx.tenantId, 'residents.read'),
        full: false,
        actor: ctx.actor,
      }),
    ),

  /** The same card unmasked: a mutation because every full read writes an audit row. */
  householdReveal: tenantProcedure('residents.pii')
    .input(z.object({ address: z.string().trim().min(1).max(120) }))
    .mutation(({ ctx, input }) =>
      sceneHousehold(ctx.tx, ctx.keys, { tenantId: ctx.tenantId, address: input.address, canReadResidents: true, full: true, actor: ctx.actor }),
    ),

  /** A data export (audited). Devices need devices.read on top of buildings.read. */
  export: tenantProcedure('buildings.read')
    .input(z.object({ format: z.enum(CIM_EXPORT_FORMATS), level }))
    .query(({ ctx, input }) => {
      if (input.format === 'devices-geojson' && !canInTenant(ctx.profile, ctx.tenantId, 'devices.read')) {
        throw new AppError('FORBIDDEN', msg('您无权导出设备数据', 'You may not export device data'));
      }
      return exportCim(ctx.tx, { tenantId: ctx.tenantId, format: input.format, level: input.level, actor: ctx.actor });
    }),

  /** Every community of the street office at CIM2, with a summary per community. */
  district: districtProcedure('district.view').query(({ ctx }) => districtScene(ctx.tx, { districtId: ctx.districtId })),

  /** The district's white models as one tileset (route handlers only: bytes). */
  districtTileset: districtProcedure('district.view').query(({ ctx }) => districtTileset(ctx.tx, { districtId: ctx.districtId })),

  districtTileContent: districtProcedure('district.view')
    .input(z.object({ uri: z.string().max(200) }))
    .query(({ ctx, input }) => districtTileContent(ctx.tx, { districtId: ctx.districtId, uri: input.uri })),
} satisfies TRPCRouterRecord;
