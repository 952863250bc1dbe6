import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { OrganizationsView } from './organizations-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.orgs');
  return { title: t('title') };
}

export default function AdminOrganizationsPage() {
  return <OrganizationsView />;
}
