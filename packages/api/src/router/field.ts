import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { AppError, loadFieldWorker, msg, pullDocs, pushBatch } from '@linli/db';
import { COLLECTION_NAMES, PULL_LIMIT_MAX, PUSH_ROWS_MAX, type AnyDoc, type CollectionName, type PullOutput, type PushOutput, type StreamEvent } from '@linli/sync';
import { fieldEvents } from '../live';
import { authedProcedure, fieldWorkProcedure } from '../trpc';
import { canInTenant } from '@linli/auth';

const collection = z.enum(COLLECTION_NAMES as [CollectionName, ...CollectionName[]]);
const checkpoint = z.object({ updatedAt: z.number().int().min(0), id: z.string().uuid() }).nullable();
/** A document as the tablet sends it; its shape is checked against the collection's schema by validatePush. */
const doc = z.custom<AnyDoc>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { message: 'document must be an object' });

/** The wire contract in @linli/sync protocol.ts: pull, push, stream. */
export const fieldRouter = {
  pull: fieldWorkProcedure
    .input(z.object({ collection, checkpoint, limit: z.number().int().min(1).max(PULL_LIMIT_MAX) }))
    .query(async ({ ctx, input }): Promise<PullOutput> => {
      const worker = await loadFieldWorker(ctx.tx, { userId: ctx.user.id, role: ctx.fieldRole, accesses: ctx.fieldAccesses });
      return pullDocs(ctx.tx, { ...input, worker });
    }),

  push: fieldWorkProcedure
    .input(
      z.object({
        collection,
        batchId: z.string().max(64),
        deviceId: z.string().min(1).max(200),
        clientTime: z.number(),
        rows: z.array(z.object({ assumedMasterState: doc.nullable(), newDocumentState: doc })).max(PUSH_ROWS_MAX),
      }),
    )
    .mutation(async ({ ctx, input }): Promise<PushOutput> => {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.batchId))
        throw new AppError('BAD_REQUEST', msg('批次编号无效', 'The batch id is not valid'));
      const worker = await loadFieldWorker(ctx.tx, { userId: ctx.user.id, role: ctx.fieldRole, accesses: ctx.fieldAccesses });
      return pushBatch(ctx.tx, { batch: input, worker, actor: ctx.actor });
    }),

  /** 'RESYNC' on every (re)connect, then one event per committed change in the worker's tenants. */
  // The checks run in a middleware, before the stream opens, so a refusal is a real 403 and not
  // an error event inside a 200 stream.
  stream: authedProcedure
    .use(({ ctx, next }) => {
      const tenantIds = ctx.profile.tenants.filter((a) => canInTenant(ctx.profile, a.tenantId, 'field.work')).map((a) => a.tenantId);
      if (tenantIds.length === 0) throw new AppError('FORBIDDEN', msg('您没有外勤作业权限', 'You do not have field-work access'));
      if (!ctx.bus) throw new AppError('PRECONDITION_FAILED', msg('实时推送不可用', 'Live updates are not available'));
      return next({ ctx: { ...ctx, bus: ctx.bus, streamTenantIds: tenantIds } });
    })
    .subscription(async function* ({ ctx, signal }): AsyncGenerator<StreamEvent> {
      yield 'RESYNC';
      for await (const e of fieldEvents(ctx.bus, new Set(ctx.streamTenantIds), signal)) yield { collection: e.collection as CollectionName, checkpoint: e.checkpoint };
    }),
} satisfies TRPCRouterRecord;
