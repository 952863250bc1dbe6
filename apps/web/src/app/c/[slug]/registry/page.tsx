import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { PageHeader, Stat } from '@/components/ui';
import { load } from '@/server/caller';
import { requirePermission } from '../data';
import { AddressSearch } from './address-search';
import { RegistryTable } from './registry-table';
import styles from './registry.module.css';

export default async function RegistryPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { has } = await requirePermission(slug, 'buildings.read');
  const t = await getTranslations('cim.registry');
  const nf = new Intl.NumberFormat(await getLocale());
  const s = await load((c) => c.cim.summary({ tenant: slug }), `/c/${slug}/registry`);
  const c = s.counts;
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          has('registry.import') ? (
            <Link className="btn" href={`/c/${slug}/registry/import`}>
              {t('import')}
            </Link>
          ) : undefined
        }
      />
      <section className="stats" aria-label={t('title')}>
        <Stat label={t('stats.buildings')} value={nf.format(c.buildings)} hint={`${t('stats.drawn')}: ${nf.format(c.drawn)}`} />
        <Stat label={t('stats.units')} value={nf.format(c.units)} />
        <Stat label={t('stats.households')} value={nf.format(c.households)} hint={`${t('stats.occupied')}: ${nf.format(c.occupied)}`} />
        <Stat label={t('stats.parking')} value={nf.format(c.parking)} hint={`${t('stats.spaces')}: ${nf.format(c.spaces)}`} />
        <Stat label={t('stats.roads')} value={nf.format(c.roads)} />
        <Stat label={t('stats.facilities')} value={nf.format(s.facilities.reduce((n, f) => n + f.n, 0))} />
        <Stat label={t('stats.code')} value={s.communityCode ? `${s.districtCode}-${s.communityCode}` : t('noCode')} hint={`${t('stats.version')}: ${s.version}`} />
      </section>
      {s.facilities.length > 0 && (
        <p className={styles.kinds} aria-label={t('facilityKinds')}>
          {s.facilities.map((f) => (
            <span key={f.kind} className="badge" data-kind={f.kind}>
              {t.has(`kinds.${f.kind}`) ? t(`kinds.${f.kind}`) : f.kind} · {f.n}
            </span>
          ))}
        </p>
      )}
      <AddressSearch tenant={slug} />
      <RegistryTable tenant={slug} />
    </>
  );
}
