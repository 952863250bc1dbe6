import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { requirePermission } from '../data';
import { DevicesView } from './devices-view';

export default async function DevicesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { overview, has } = await requirePermission(slug, 'devices.read');
  const t = await getTranslations('devices');
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <Link href={`/c/${slug}/devices/settings`} className="btn btn-ghost" data-testid="open-settings">
            {t('settings.link')}
          </Link>
        }
      />
      <DevicesView tenant={slug} tenantId={overview.tenant.id} canManage={has('devices.manage')} canControl={has('devices.control')} canBuildings={has('buildings.read')} />
    </>
  );
}
