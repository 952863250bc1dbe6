'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { formatDateTime } from '@/lib/datetime';
import styles from '../../console.module.css';
import { AlarmStateBadge, SeverityBadge } from '../badges';
import local from '../devices.module.css';
import { formatNumber, type DeviceDetail } from '../lib';
import detail from './detail.module.css';

/** The device's recent alarms, linking to the community's full alarm list. */
export function DeviceAlarms({ tenant, alarms }: { tenant: string; alarms: DeviceDetail['alarms'] }) {
  const t = useTranslations('devices.detail');
  const locale = useLocale();
  return (
    <section className="card" data-testid="device-alarms">
      <div className={styles.cardHead}>
        <h2>{t('alarmsTitle')}</h2>
        <Link href={`/c/${tenant}/alarms`}>{t('allAlarms')}</Link>
      </div>
      {alarms.length === 0 ? (
        <p className={local.chartEmpty}>{t('alarmsEmpty')}</p>
      ) : (
        <div className={`table-wrap ${styles.table}`}>
          <table>
            <thead>
              <tr>
                <th>{t('col.time')}</th>
                <th>{t('col.severity')}</th>
                <th>{t('col.title')}</th>
                <th>{t('col.state')}</th>
                <th className="num">{t('col.occurrences')}</th>
              </tr>
            </thead>
            <tbody>
              {alarms.map((a) => (
                <tr key={a.id}>
                  <td className={styles.nowrap}>{formatDateTime(a.raisedAt)}</td>
                  <td>
                    <SeverityBadge severity={a.severity} />
                  </td>
                  <td className={detail.minw}>
                    {locale === 'en' ? a.titleEn : a.titleZh}
                    {a.value != null && <span className={local.small}> · {formatNumber(a.value)}</span>}
                  </td>
                  <td>
                    <AlarmStateBadge state={a.state} />
                  </td>
                  <td className="num">{a.occurrences}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
