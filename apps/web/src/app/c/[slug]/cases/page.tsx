import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { requirePermission } from '../data';
import { CasesView } from './cases-view';

export default async function CasesPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ tab?: string }> }) {
  const { slug } = await params;
  const { tab } = await searchParams;
  await requirePermission(slug, 'field.read');
  const t = await getTranslations('field-console.cases');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <CasesView tenant={slug} initialTab={tab === 'board' ? 'board' : tab === 'stats' ? 'stats' : 'list'} />
    </>
  );
}
