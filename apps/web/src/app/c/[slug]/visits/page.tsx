import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { requirePermission } from '../data';
import { VisitsView } from './visits-view';

export default async function VisitsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ tab?: string }> }) {
  const { slug } = await params;
  const { tab } = await searchParams;
  await requirePermission(slug, 'field.read');
  const t = await getTranslations('field-console.visits');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <VisitsView tenant={slug} initialTab={tab === 'vulnerable' ? 'vulnerable' : 'visits'} />
    </>
  );
}
