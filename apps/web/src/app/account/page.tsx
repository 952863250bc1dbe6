import { getLocale, getTranslations } from 'next-intl/server';
import { AppShell } from '@/components/app-shell';
import { PageHeader } from '@/components/ui';
import { requireMe } from '@/server/caller';
import { PasswordForm } from './password-form';
import { SessionsCard } from './sessions-card';
import styles from './account.module.css';

/** My account: who I am, my password, where I am signed in. */
export default async function AccountPage() {
  const me = await requireMe('/account');
  const t = await getTranslations('account');
  const tc = await getTranslations('common');
  const locale = await getLocale();
  const nav = [...me.homes.map((h) => ({ href: h.href, label: locale === 'en' ? h.labelEn : h.labelZh })), { href: '/account', label: t('nav') }];
  return (
    <AppShell context={t('title')} nav={nav} user={me.user}>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <section className="card" aria-labelledby="profile">
        <h2 id="profile">{t('profile.title')}</h2>
        <dl className={styles.facts}>
          <dt>{t('profile.name')}</dt>
          <dd data-testid="account-name">{me.user.displayName}</dd>
          <dt>{t('profile.username')}</dt>
          <dd>
            <code>{me.user.username}</code>
          </dd>
          <dt>{t('profile.roles')}</dt>
          <dd className={styles.badges}>
            {me.roles.length ? me.roles.map((r) => <span key={r} className="badge">{tc(`roles.${r}`)}</span>) : t('profile.noRoles')}
          </dd>
          {me.tenants.length > 0 && (
            <>
              <dt>{t('profile.communities')}</dt>
              <dd>{me.tenants.map((x) => x.name).join(locale === 'en' ? ', ' : '、')}</dd>
            </>
          )}
        </dl>
      </section>
      <div className={styles.twoCol}>
        <PasswordForm />
        <SessionsCard />
      </div>
    </AppShell>
  );
}
