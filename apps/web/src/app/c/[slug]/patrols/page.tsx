import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { requirePermission } from '../data';
import { PatrolsView } from './patrols-view';

export default async function PatrolsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ tab?: string }> }) {
  const { slug } = await params;
  const { tab } = await searchParams;
  const { has } = await requirePermission(slug, 'field.read');
  const t = await getTranslations('field-console.patrols');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <PatrolsView tenant={slug} canManage={has('field.manage')} initialTab={tab === 'runs' ? 'runs' : 'routes'} />
    </>
  );
}
