import { getLocale, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { CommunityScene } from '@/components/scene/community-scene';
import { load } from '@/server/caller';
import { requirePermission } from '../data';

/** The community's 3D scene (issue #5: R4.1.2 CIM1–CIM4, R6.2.5 3D visualisation, R6.2.1 export). */
export default async function ScenePage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ level?: string }> }) {
  const { slug } = await params;
  const { level } = await searchParams;
  const { has } = await requirePermission(slug, 'buildings.read');
  const t = await getTranslations('scene');
  const locale = await getLocale();
  const canDevices = has('devices.read');
  const catalog = canDevices ? await load((c) => c.devices.catalog({ tenant: slug }), `/c/${slug}/scene`) : [];
  const deviceKinds = Object.fromEntries((catalog as { kind: string; nameZh: string; nameEn: string }[]).map((k) => [k.kind, locale === 'en' ? k.nameEn : k.nameZh]));
  const n = Number(level);
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <CommunityScene tenant={slug} initialLevel={Number.isInteger(n) && n >= 1 && n <= 4 ? n : null} canReveal={has('residents.pii')} canDevices={canDevices} deviceKinds={deviceKinds} />
    </>
  );
}
