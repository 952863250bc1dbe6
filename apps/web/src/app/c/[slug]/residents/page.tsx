import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { requirePermission } from '../data';
import { ResidentsView } from './residents-view';

export default async function ResidentsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { has } = await requirePermission(slug, 'residents.read');
  const t = await getTranslations('console.residents');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <ResidentsView tenant={slug} canPii={has('residents.pii')} canWrite={has('residents.write') && has('buildings.read')} />
    </>
  );
}
