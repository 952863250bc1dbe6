import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { load } from '@/server/caller';
import { requirePermission } from '../../data';
import { ImportWizard } from './import-wizard';

export default async function RegistryImportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requirePermission(slug, 'registry.import');
  const limits = await load((c) => c.cim.importLimits({ tenant: slug }), `/c/${slug}/registry/import`);
  const t = await getTranslations('cim.import');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <ImportWizard tenant={slug} maxFileBytes={limits.maxFileBytes} />
    </>
  );
}
