import type { TRPCRouterRecord } from '@trpc/server';
import { cimRegistryRouter } from './cim-registry';
import { cimSceneRouter } from './cim-scene';

/** `cim.*`: the CIM digital base. Sub-routers are spread in here (registry; others may join). */
export const cimRouter = {
  ...cimRegistryRouter,
  /** `cim.scene.*`: the 3D scene, its tiles and the CIM exports. */
  scene: cimSceneRouter,
} satisfies TRPCRouterRecord;
