import { getLocale, getTranslations } from 'next-intl/server';
import { AppShell } from '@/components/app-shell';
import { DistrictScene } from '@/components/scene/district-scene';
import { PageHeader } from '@/components/ui';
import { load, requireMe } from '@/server/caller';

/** Every community of the street office in one 3D scene at CIM2 (issue #5, R6.2.5). */
export default async function DistrictScenePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const here = `/district/${code}/scene`;
  const me = await requireMe(here);
  const data = await load((c) => c.district.overview({ district: code, page: 1, pageSize: 100 }), here);
  const t = await getTranslations('scene');
  const td = await getTranslations('district');
  const locale = await getLocale();
  const { district } = data;
  const districtName = locale === 'en' ? district.nameEn : district.nameZh;
  return (
    <AppShell
      context={`${districtName} · ${district.city}`}
      nav={[
        { href: `/district/${code}`, label: td('nav.overview') },
        { href: here, label: t('district.link') },
        ...data.communities.items.map((c) => ({ href: `/c/${c.slug}`, label: locale === 'en' ? c.nameEn : c.nameZh })),
      ]}
      user={me.user}
    >
      <PageHeader title={`${districtName} · ${t('district.title')}`} subtitle={t('district.subtitle')} />
      <DistrictScene district={code} />
    </AppShell>
  );
}
