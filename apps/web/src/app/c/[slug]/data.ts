import 'server-only';
import { cache } from 'react';
import { forbidden } from 'next/navigation';
import { load } from '@/server/caller';

/** tenant.overview once per request, shared by the layout and the page. */
export const tenantOverview = cache((slug: string) => load((c) => c.tenant.overview({ tenant: slug }), `/c/${slug}`));

export type ConsolePermission = 'tenant.view' | 'buildings.read' | 'residents.read' | 'residents.pii' | 'residents.write' | 'members.read' | 'audit.read' | 'devices.read' | 'devices.manage' | 'devices.control' | 'alarms.handle' | 'registry.import' | 'field.work' | 'field.read' | 'field.manage' | 'cases.manage';

/** The page's own check (the API refuses too): without the permission, the 403 page. */
export async function requirePermission(slug: string, permission: ConsolePermission) {
  const overview = await tenantOverview(slug);
  const has = (p: ConsolePermission) => (overview.permissions as string[]).includes(p);
  if (!has(permission)) forbidden();
  return { overview, has };
}
