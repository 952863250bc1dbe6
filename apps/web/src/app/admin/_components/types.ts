import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@linli/api';

type Out = inferRouterOutputs<AppRouter>;
export type TenantRow = Out['admin']['tenants']['items'][number];
export type District = Out['admin']['districts'][number];
export type Directory = Out['admin']['directory'];
export type OrgRow = Out['admin']['organizations']['items'][number];
export type UserRow = Out['admin']['users']['items'][number];
export type MembershipRow = Out['admin']['memberships'][number];
export type GrantRow = Out['admin']['grants'][number];
export type AuditRow = Out['audit']['search']['items'][number];
export type VerifyResult = Out['audit']['verify'];
export type UserInfo = Out['admin']['user'];
