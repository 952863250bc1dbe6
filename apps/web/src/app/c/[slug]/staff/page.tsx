import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { requirePermission } from '../data';
import { StaffTable } from './staff-table';

export default async function StaffPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { has } = await requirePermission(slug, 'members.read');
  const t = await getTranslations('console.staff');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <StaffTable tenant={slug} phonesInFull={has('residents.pii')} />
    </>
  );
}
