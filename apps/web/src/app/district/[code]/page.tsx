import { getLocale, getTranslations } from 'next-intl/server';
import { AppShell } from '@/components/app-shell';
import { rateOf } from '@/components/occupancy-bar';
import { PageHeader, Stat } from '@/components/ui';
import { load, requireMe } from '@/server/caller';
import { CommunityMap, OccupancyBars, ResidentBars, type ChartRow } from './charts';
import { CommunitiesTable } from './communities-table';
import { PAGE_SIZE } from './constants';
import styles from './district.module.css';

/** The street office's view of its district: totals, a picture of the communities, the list. */
export default async function DistrictPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const here = `/district/${code}`;
  const me = await requireMe(here);
  // Every community once (a district has tens, not thousands) for the totals, chart and map.
  const data = await load((c) => c.district.overview({ district: code, page: 1, pageSize: 100 }), here);
  const t = await getTranslations('district');
  const ts = await getTranslations('scene');
  const locale = await getLocale();
  const nf = new Intl.NumberFormat(locale);
  const { district, totals } = data;
  const all = data.communities.items;
  const districtName = locale === 'en' ? district.nameEn : district.nameZh;
  const nameOf = (c: { nameZh: string; nameEn: string }) => (locale === 'en' ? c.nameEn : c.nameZh);
  const rate = rateOf(totals.occupied, totals.households);

  const rows: ChartRow[] = all.map((c) => ({
    slug: c.slug,
    name: nameOf(c),
    households: c.counts.households,
    occupied: c.counts.occupied,
    residents: c.counts.residents,
    lng: c.lng,
    lat: c.lat,
    valueText: t('chart.value', {
      occupied: nf.format(c.counts.occupied),
      households: nf.format(c.counts.households),
      rate: rateOf(c.counts.occupied, c.counts.households) ?? 0,
    }),
  }));
  const unplaced = all.filter((c) => c.lng === null || c.lat === null).map(nameOf);
  const initial =
    data.communities.total <= all.length
      ? { ...data, communities: { items: all.slice(0, PAGE_SIZE), total: data.communities.total, page: 1, pageSize: PAGE_SIZE } }
      : undefined;

  return (
    <AppShell
      context={`${districtName} · ${district.city}`}
      nav={[{ href: here, label: t('nav.overview') }, { href: `${here}/scene`, label: ts('district.link') }, ...all.map((c) => ({ href: `/c/${c.slug}`, label: nameOf(c) }))]}
      user={me.user}
    >
      <PageHeader title={districtName} subtitle={t('subtitle', { city: district.city })} />
      <div className="stats" data-testid="district-stats">
        <Stat label={t('stats.communities')} value={nf.format(totals.communities)} />
        <Stat label={t('stats.buildings')} value={nf.format(totals.buildings)} />
        <Stat label={t('stats.households')} value={nf.format(totals.households)} />
        <Stat label={t('stats.occupancy')} value={rate === null ? '—' : `${rate}%`} hint={t('stats.occupiedHint', { occupied: nf.format(totals.occupied) })} />
        <Stat label={t('stats.residents')} value={nf.format(totals.residents)} />
        <Stat label={t('stats.staff')} value={nf.format(totals.staff)} />
      </div>

      {all.length > 0 && (
        <div className={styles.visuals}>
          <section className="card">
            <h2>{t('chart.title')}</h2>
            <OccupancyBars rows={rows} title={t('chart.title')} legend={{ occupied: t('chart.occupied'), other: t('chart.other') }} />
            <p className={styles.hint}>{t('chart.hint')}</p>
            <h3 className={styles.subhead}>{t('chart.residentsTitle')}</h3>
            <ResidentBars rows={rows} title={t('chart.residentsTitle')} valueOf={(r) => t('chart.residentsValue', { count: nf.format(r.residents) })} />
          </section>
          <section className="card">
            <h2>{t('map.title')}</h2>
            <CommunityMap rows={rows} title={t('map.title')} north={t('map.north')} scaleLabel={(km) => t('map.scale', { km })} />
            <p className={styles.hint}>{t('map.hint')}</p>
            {unplaced.length > 0 && <p className={styles.hint}>{t('map.unplaced', { names: unplaced.join(locale === 'en' ? ', ' : '、') })}</p>}
          </section>
        </div>
      )}

      <CommunitiesTable district={code} initial={initial} />
    </AppShell>
  );
}
