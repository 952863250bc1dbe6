'use client';
import { useLocale, useTranslations } from 'next-intl';
import { Notice } from '@/components/ui';
import { errorText } from '@/lib/errors';
import { useCatalog } from '../hooks';
import { AlarmRules } from './alarm-rules';
import { LinkageRules } from './linkage-rules';
import { Retention } from './retention';
import css from './settings.module.css';

/** Device settings: alarm rules, linkage rules and data retention (editing needs devices.manage). */
export function SettingsView({ tenant, canManage }: { tenant: string; canManage: boolean }) {
  const t = useTranslations('devices.settings');
  const tc = useTranslations('common');
  const locale = useLocale();
  const catalog = useCatalog(tenant);
  return (
    <>
      <nav className={css.jump} aria-label={t('title')}>
        <a href="#alarm-rules">{t('nav.alarms')}</a>
        <a href="#linkage-rules">{t('nav.linkage')}</a>
        <a href="#retention">{t('nav.retention')}</a>
      </nav>
      {!canManage && <Notice kind="info">{t('readOnly')}</Notice>}
      {catalog.query.error ? (
        <Notice>
          {errorText(catalog.query.error, locale)}{' '}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => catalog.query.refetch()}>
            {tc('retry')}
          </button>
        </Notice>
      ) : catalog.query.isPending ? (
        <p className="subtitle">{tc('loading')}</p>
      ) : (
        <>
          <AlarmRules tenant={tenant} kinds={catalog.kinds} byKind={catalog.byKind} canManage={canManage} />
          <LinkageRules tenant={tenant} kinds={catalog.kinds} byKind={catalog.byKind} canManage={canManage} />
        </>
      )}
      <Retention tenant={tenant} canManage={canManage} />
    </>
  );
}
