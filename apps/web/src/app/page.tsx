import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { AppShell } from '@/components/app-shell';
import { EmptyState, PageHeader } from '@/components/ui';
import { requireMe } from '@/server/caller';

/** The portal: one place of work goes straight there; several are offered to choose from. */
export default async function PortalPage() {
  const me = await requireMe('/');
  if (me.homes.length === 1) redirect(me.homes[0]!.href);
  const t = await getTranslations('common.portal');
  const locale = await getLocale();
  return (
    <AppShell context={t('title')} nav={[]} user={me.user}>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {me.homes.length === 0 ? (
        <EmptyState title={t('noneTitle')} hint={t('noneHint')} />
      ) : (
        <div className="stats">
          {me.homes.map((h) => (
            <Link key={h.href} href={h.href} className="stat">
              <div className="stat-value" style={{ fontSize: 16 }}>{locale === 'en' ? h.labelEn : h.labelZh}</div>
              <div className="stat-label">{t(`kind.${h.kind}`)}</div>
            </Link>
          ))}
        </div>
      )}
    </AppShell>
  );
}
