import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { requirePermission } from '../data';
import { ConflictsView } from './conflicts-view';

export default async function ConflictsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requirePermission(slug, 'field.manage');
  const t = await getTranslations('field-console.conflicts');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <ConflictsView tenant={slug} />
    </>
  );
}
