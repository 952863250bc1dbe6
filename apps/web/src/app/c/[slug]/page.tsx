import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { rateOf } from '@/components/occupancy-bar';
import { PageHeader, Stat } from '@/components/ui';
import { daysUntil, formatDay } from '@/lib/datetime';
import { requirePermission } from './data';
import styles from './console.module.css';

function Quota({ label, used, max, note, nf }: { label: string; used: number | null; max: number; note?: string; nf: Intl.NumberFormat }) {
  const pct = used === null ? null : Math.min(100, Math.round((used / Math.max(max, 1)) * 100));
  const tone = pct === null ? '' : pct >= 100 ? styles.quotaFull : pct >= 80 ? styles.quotaHigh : '';
  return (
    <div className={styles.quota}>
      <div className={styles.quotaHead}>
        <span>{label}</span>
        <span className="num">
          {used === null ? '—' : nf.format(used)} / {nf.format(max)}
        </span>
      </div>
      <div className={`bar ${tone}`}>
        <span style={{ width: `${pct ?? 0}%` }} />
      </div>
      {note && <p className={styles.quotaNote}>{note}</p>}
    </div>
  );
}

/** Community overview: figures at a glance and the subscription. */
export default async function ConsoleOverview({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { overview, has } = await requirePermission(slug, 'tenant.view');
  const ts = await getTranslations('scene');
  const t = await getTranslations('console.overview');
  const tc = await getTranslations('common');
  const locale = await getLocale();
  const nf = new Intl.NumberFormat(locale);
  const { tenant, counts } = overview;
  const name = locale === 'en' ? tenant.nameEn : tenant.nameZh;
  const rate = rateOf(counts.occupied, counts.households);
  const days = tenant.subscriptionEndsAt ? daysUntil(tenant.subscriptionEndsAt) : null;
  const endBadge =
    days === null ? null : days < 0 ? (
      <span className="badge badge-danger">{t('subscription.expired')}</span>
    ) : days <= 30 ? (
      <span className="badge badge-warn">{t('subscription.daysLeft', { days })}</span>
    ) : (
      <span className="badge">{t('subscription.daysLeft', { days })}</span>
    );

  return (
    <>
      <PageHeader
        title={name}
        subtitle={tenant.address || t('noAddress')}
        actions={
          has('buildings.read') ? (
            <Link href={`/c/${slug}/scene`} className="btn" data-testid="open-scene">
              {ts('title')}
            </Link>
          ) : undefined
        }
      />
      <div className="stats" data-testid="console-stats">
        <Stat label={t('stats.buildings')} value={nf.format(counts.buildings)} />
        <Stat label={t('stats.households')} value={nf.format(counts.households)} />
        <Stat label={t('stats.occupied')} value={nf.format(counts.occupied)} hint={rate === null ? undefined : t('stats.rate', { rate })} />
        <Stat label={t('stats.residents')} value={nf.format(counts.residents)} />
        <Stat label={t('stats.staff')} value={nf.format(counts.staff)} />
      </div>

      <div className={styles.twoCol}>
        <section className="card" aria-labelledby="sub-title">
          <div className={styles.cardHead}>
            <h2 id="sub-title">{t('subscription.title')}</h2>
            <span className={`badge ${tenant.status === 'active' ? 'badge-ok' : 'badge-danger'}`}>{tc(`status.${tenant.status}`)}</span>
          </div>
          <dl className={styles.facts}>
            <dt>{t('subscription.plan')}</dt>
            <dd>{tc(`plans.${tenant.plan}`)}</dd>
            <dt>{t('subscription.ends')}</dt>
            <dd>
              {tenant.subscriptionEndsAt ? (
                <>
                  {formatDay(tenant.subscriptionEndsAt)} {endBadge}
                </>
              ) : (
                t('subscription.noEnd')
              )}
            </dd>
          </dl>
          {tenant.status !== 'active' && <p className={styles.quotaNote}>{t('subscription.suspendedHint')}</p>}
          <h3 className={styles.subhead}>{t('quotas.title')}</h3>
          <Quota label={t('quotas.buildings')} used={counts.buildings} max={tenant.maxBuildings} nf={nf} />
          <Quota label={t('quotas.users')} used={counts.staff} max={tenant.maxUsers} note={t('quotas.usersNote')} nf={nf} />
          <Quota label={t('quotas.devices')} used={null} max={tenant.maxDevices} note={t('quotas.devicesNote')} nf={nf} />
        </section>

        <section className="card" aria-labelledby="site-title">
          <h2 id="site-title">{t('site.title')}</h2>
          <dl className={styles.facts}>
            <dt>{t('site.name')}</dt>
            <dd>
              {tenant.nameZh}
              <br />
              <span className="subtitle">{tenant.nameEn}</span>
            </dd>
            <dt>{t('site.address')}</dt>
            <dd>{tenant.address || t('noAddress')}</dd>
            <dt>{t('site.district')}</dt>
            <dd>{overview.district ? (locale === 'en' ? overview.district.nameEn : overview.district.nameZh) : '—'}</dd>
            <dt>{t('site.coordinates')}</dt>
            <dd className="num" style={{ textAlign: 'left' }}>
              {tenant.lng !== null && tenant.lat !== null ? `${tenant.lng.toFixed(4)}, ${tenant.lat.toFixed(4)}` : '—'}
            </dd>
            <dt>{t('site.code')}</dt>
            <dd>
              <code>{tenant.slug}</code>
            </dd>
          </dl>
        </section>
      </div>
    </>
  );
}
