import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { requirePermission } from '../data';
import { BuildingsTable } from './buildings-table';

export default async function BuildingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requirePermission(slug, 'buildings.read');
  const t = await getTranslations('console.buildings');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <BuildingsTable tenant={slug} />
    </>
  );
}
