import { accountRouter } from './router/account';
import { cimRouter } from './router/cim';
import { adminRouter } from './router/admin';
import { auditRouter } from './router/audit';
import { devicesRouter } from './router/devices';
import { fieldRouter } from './router/field';
import { fieldConsoleRouter } from './router/field-console';
import { authRouter } from './router/auth';
import { districtRouter } from './router/district';
import { residentsRouter } from './router/residents';
import { selfRouter } from './router/self';
import { tenantRouter } from './router/tenant';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  account: accountRouter,
  district: districtRouter,
  tenant: tenantRouter,
  residents: residentsRouter,
  audit: auditRouter,
  self: selfRouter,
  devices: devicesRouter,
  field: fieldRouter,
  fieldConsole: fieldConsoleRouter,
  admin: adminRouter,
  cim: cimRouter,
});

export type AppRouter = typeof appRouter;
