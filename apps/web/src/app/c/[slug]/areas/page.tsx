import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { requirePermission } from '../data';
import { AreasView } from './areas-view';

/** Grid areas (网格管理, R6.6.9–10): which buildings each area holds and which field workers it is given to. */
export default async function AreasPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { has } = await requirePermission(slug, 'field.read');
  const t = await getTranslations('field-console.areas');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <AreasView tenant={slug} canManage={has('field.manage')} />
    </>
  );
}
