import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { AppShell } from '@/components/app-shell';
import { load, requireMe } from '@/server/caller';

/** Platform administration: only platform admins get past the check (others see the 403 page). */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const me = await requireMe('/admin');
  await load((c) => c.admin.districts(), '/admin');
  const t = await getTranslations('admin.nav');
  const nav = [
    { href: '/admin', label: t('tenants') },
    { href: '/admin/organizations', label: t('organizations') },
    { href: '/admin/users', label: t('users') },
    { href: '/admin/grants', label: t('grants') },
    { href: '/admin/audit', label: t('audit') },
  ];
  return (
    <AppShell context={t('context')} nav={nav} user={me.user}>
      {children}
    </AppShell>
  );
}
