import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { requirePermission } from '../../data';
import { SettingsView } from './settings-view';

export default async function DeviceSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { has } = await requirePermission(slug, 'devices.read');
  const t = await getTranslations('devices.settings');
  return (
    <>
      <Link href={`/c/${slug}/devices`} style={{ fontSize: 13, display: 'inline-block', marginBottom: 6 }}>
        ← {t('back')}
      </Link>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <SettingsView tenant={slug} canManage={has('devices.manage')} />
    </>
  );
}
