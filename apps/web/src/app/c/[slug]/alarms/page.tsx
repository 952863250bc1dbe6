import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { requirePermission } from '../data';
import { AlarmsView } from './alarms-view';

export default async function AlarmsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ tab?: string }> }) {
  const { slug } = await params;
  const { tab } = await searchParams;
  const { has } = await requirePermission(slug, 'devices.read');
  const t = await getTranslations('devices.alarms');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <AlarmsView tenant={slug} canHandle={has('alarms.handle')} initialTab={tab === 'rejected' ? 'rejected' : 'alarms'} />
    </>
  );
}
