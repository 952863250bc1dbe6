import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { TenantsView } from './tenants-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.tenants');
  return { title: t('title') };
}

export default function AdminTenantsPage() {
  return <TenantsView />;
}
