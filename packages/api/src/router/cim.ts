import type { TRPCRouterRecord } from '@trpc/server';
import { cimRegistryRouter } from './cim-registry';

/** `cim.*`: the CIM digital base. Sub-routers are spread in here (registry; others may join). */
export const cimRouter = {
  ...cimRegistryRouter,
} satisfies TRPCRouterRecord;
