import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { createContext } from '@linli/api';
import { canInTenant } from '@linli/auth';
import { FIELD_ROLES, OFFICE_ROLES } from '@linli/sync';
import { getServices } from '@/server/services';
import type { FieldUser } from '@/field/session';
import { FieldApp } from '@/field/ui/field-app';

/**
 * The field app (issue #4). Rendered for the signed-in worker; the service worker keeps the last
 * copy so a reload without network opens the same app with the data already on the tablet.
 */
export default async function FieldPage() {
  const ctx = await createContext(getServices(), await headers(), () => {});
  if (!ctx.user || !ctx.profile) redirect('/login?next=/field');
  const profile = ctx.profile;
  const access = profile.tenants.filter((a) => canInTenant(profile, a.tenantId, 'field.work'));
  // A worker acts in their field role where they have one; office roles may use the app too.
  const rank = (role: string) => (FIELD_ROLES.includes(role as never) ? 0 : OFFICE_ROLES.includes(role as never) ? 1 : 2);
  const chosen = [...access].sort((a, b) => rank(a.role) - rank(b.role))[0];
  if (!chosen) forbidden();
  const user: FieldUser = {
    id: ctx.user.id,
    username: ctx.user.username,
    displayName: ctx.user.displayName,
    tenantId: chosen.tenantId,
    tenantSlug: chosen.tenantSlug,
    tenantName: chosen.tenantName,
    role: chosen.role,
  };
  return <FieldApp user={user} />;
}
