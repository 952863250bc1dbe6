import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@linli/api';

export type ResidentRow = inferRouterOutputs<AppRouter>['residents']['list']['items'][number];
export const CATEGORIES = ['permanent', 'floating', 'key'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_BADGE: Record<Category, string> = { permanent: 'badge', floating: 'badge badge-ok', key: 'badge badge-warn' };
