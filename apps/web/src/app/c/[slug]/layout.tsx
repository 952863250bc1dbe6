import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { AppShell, type NavItem } from '@/components/app-shell';
import { requireMe } from '@/server/caller';
import { tenantOverview, type ConsolePermission } from './data';

const PAGES: { path: string; key: string; permission: ConsolePermission; area?: 'field-console' }[] = [
  { path: '', key: 'overview', permission: 'tenant.view' },
  { path: '/buildings', key: 'buildings', permission: 'buildings.read' },
  { path: '/registry', key: 'registry', permission: 'buildings.read' },
  { path: '/scene', key: 'scene', permission: 'buildings.read' },
  { path: '/residents', key: 'residents', permission: 'residents.read' },
  { path: '/devices', key: 'devices', permission: 'devices.read' },
  { path: '/alarms', key: 'alarms', permission: 'devices.read' },
  { path: '/cases', key: 'cases', permission: 'field.read', area: 'field-console' },
  { path: '/patrols', key: 'patrols', permission: 'field.read', area: 'field-console' },
  { path: '/plans', key: 'plans', permission: 'field.read', area: 'field-console' },
  { path: '/tasks', key: 'tasks', permission: 'field.read', area: 'field-console' },
  { path: '/visits', key: 'visits', permission: 'field.read', area: 'field-console' },
  { path: '/areas', key: 'areas', permission: 'field.read', area: 'field-console' },
  { path: '/sync-conflicts', key: 'conflicts', permission: 'field.manage', area: 'field-console' },
  { path: '/staff', key: 'staff', permission: 'members.read' },
  { path: '/audit', key: 'audit', permission: 'audit.read' },
];

/** The community console: only the pages this user's permissions here allow appear in the nav. */
export default async function ConsoleLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const me = await requireMe(`/c/${slug}`);
  const overview = await tenantOverview(slug);
  const t = await getTranslations('console.nav');
  const tf = await getTranslations('field-console.nav');
  const locale = await getLocale();
  const permissions = overview.permissions as string[];
  const nav: NavItem[] = PAGES.filter((p) => permissions.includes(p.permission)).map((p) => ({ href: `/c/${slug}${p.path}`, label: p.area ? tf(p.key) : t(p.key) }));
  const name = locale === 'en' ? overview.tenant.nameEn : overview.tenant.nameZh;
  const district = overview.district ? (locale === 'en' ? overview.district.nameEn : overview.district.nameZh) : null;
  return (
    <AppShell context={district ? `${name} · ${district}` : name} nav={nav} user={me.user}>
      {children}
    </AppShell>
  );
}
