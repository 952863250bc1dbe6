import { getLocale, getTranslations } from 'next-intl/server';
import { AppShell } from '@/components/app-shell';
import { EmptyState } from '@/components/ui';
import { load, requireMe } from '@/server/caller';
import styles from './home.module.css';

const STATE_BADGE: Record<string, string> = { occupied: 'badge badge-ok', rented: 'badge badge-ok', vacant: 'badge badge-warn', unknown: 'badge' };

/** A resident's own page, made for a phone: my community, my home, me, who lives with me. */
export default async function ResidentHome({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const here = `/r/${slug}`;
  const me = await requireMe(here);
  const home = await load((c) => c.self.home({ tenant: slug }), here);
  const t = await getTranslations('resident');
  const locale = await getLocale();
  const tenantName = home?.community ? (locale === 'en' ? home.community.nameEn : home.community.nameZh) : (me.tenants.find((x) => x.slug === slug)?.name ?? slug);

  return (
    <AppShell context={tenantName} nav={[]} user={me.user}>
      <div className={styles.page}>
        <header className={styles.hero}>
          <p className={styles.greeting}>{t('greeting', { name: home?.me.name ?? me.user.displayName })}</p>
          <h1 className={styles.community}>{tenantName}</h1>
          {home?.community?.address && <p className={styles.address}>{home.community.address}</p>}
        </header>

        {!home ? (
          <section className={styles.card}>
            <EmptyState title={t('unlinked.title')} hint={t('unlinked.hint')} />
          </section>
        ) : (
          <>
            <section className={styles.card} aria-labelledby="my-home">
              <h2 id="my-home" className={styles.cardTitle}>
                {t('household.title')}
              </h2>
              {home.household ? (
                <>
                  <p className={styles.flat} data-testid="my-flat">
                    {t('household.flat', { building: home.household.buildingName, unit: home.household.unit, room: home.household.room })}
                  </p>
                  <dl className={styles.facts}>
                    <div>
                      <dt>{t('household.building')}</dt>
                      <dd>{home.household.buildingName}</dd>
                    </div>
                    <div>
                      <dt>{t('household.unit')}</dt>
                      <dd>{t('household.unitValue', { unit: home.household.unit })}</dd>
                    </div>
                    <div>
                      <dt>{t('household.floor')}</dt>
                      <dd>{t('household.floorValue', { floor: home.household.floor })}</dd>
                    </div>
                    <div>
                      <dt>{t('household.room')}</dt>
                      <dd>{home.household.room}</dd>
                    </div>
                    <div>
                      <dt>{t('household.area')}</dt>
                      <dd>{home.household.area ? t('household.areaValue', { area: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(home.household.area) }) : '—'}</dd>
                    </div>
                    <div>
                      <dt>{t('household.state')}</dt>
                      <dd>
                        <span className={STATE_BADGE[home.household.state] ?? 'badge'}>{t(`states.${home.household.state}`)}</span>
                      </dd>
                    </div>
                  </dl>
                </>
              ) : (
                <p className={styles.muted}>{t('household.none')}</p>
              )}
            </section>

            <section className={styles.card} aria-labelledby="my-info">
              <h2 id="my-info" className={styles.cardTitle}>
                {t('me.title')}
              </h2>
              <dl className={styles.rows}>
                <div>
                  <dt>{t('me.name')}</dt>
                  <dd>{home.me.name}</dd>
                </div>
                <div>
                  <dt>{t('me.phone')}</dt>
                  <dd className={styles.mono}>{home.me.phone ?? t('me.notSet')}</dd>
                </div>
                <div>
                  <dt>{t('me.idNumber')}</dt>
                  <dd className={styles.mono}>{home.me.idNumber ?? t('me.notSet')}</dd>
                </div>
                <div>
                  <dt>{t('me.category')}</dt>
                  <dd>{t(`categories.${home.me.category}`)}</dd>
                </div>
              </dl>
              <p className={styles.note}>{t('me.note')}</p>
            </section>

            {home.household && (
              <section className={styles.card} aria-labelledby="members">
                <h2 id="members" className={styles.cardTitle}>
                  {t('members.title')} <span className={styles.count}>{home.members.length}</span>
                </h2>
                {home.members.length === 0 ? (
                  <p className={styles.muted}>{t('members.none')}</p>
                ) : (
                  <ul className={styles.members}>
                    {home.members.map((m) => (
                      <li key={m.id} data-testid="member">
                        <span className={styles.avatar} aria-hidden="true">
                          {m.name.slice(0, 1)}
                        </span>
                        <span className={styles.memberName}>{m.name}</span>
                        <span className="badge">{t(`categories.${m.category}`)}</span>
                      </li>
                    ))}
                  </ul>
                )}
                <p className={styles.note}>{t('members.note')}</p>
              </section>
            )}
          </>
        )}
      </div>
    </AppShell>
  );
}
