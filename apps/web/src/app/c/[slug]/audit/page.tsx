import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { requirePermission } from '../data';
import { AuditView } from './audit-view';

export default async function AuditPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requirePermission(slug, 'audit.read');
  const t = await getTranslations('console.audit');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <AuditView tenant={slug} />
    </>
  );
}
