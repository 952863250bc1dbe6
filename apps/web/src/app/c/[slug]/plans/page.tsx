import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { requirePermission } from '../data';
import { PlansView } from './plans-view';

export default async function PlansPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { has } = await requirePermission(slug, 'field.read');
  const t = await getTranslations('field-console.plans');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <PlansView tenant={slug} canManage={has('field.manage')} />
    </>
  );
}
