'use client';
import { useLocale, useTranslations } from 'next-intl';
import { formatTimestamp } from '@/lib/datetime';
import styles from '../../console.module.css';
import local from '../devices.module.css';
import { localName, type DeviceDetail, type DeviceKind } from '../lib';
import detail from './detail.module.css';

/** The device's recent events, named from its kind's catalog entry. */
export function DeviceEvents({ kind, events }: { kind: DeviceKind | undefined; events: DeviceDetail['events'] }) {
  const t = useTranslations('devices.detail');
  const locale = useLocale();
  const eventName = (key: string) => {
    const e = kind?.events.find((x) => x.key === key);
    return e ? localName(e, locale) : key;
  };
  return (
    <section className="card" data-testid="device-events">
      <h2>{t('eventsTitle')}</h2>
      {events.length === 0 ? (
        <p className={local.chartEmpty}>{t('eventsEmpty')}</p>
      ) : (
        <div className={`table-wrap ${styles.table}`}>
          <table>
            <thead>
              <tr>
                <th>{t('col.time')}</th>
                <th>{t('col.event')}</th>
                <th>{t('col.data')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                <tr key={`${new Date(e.ts).getTime()}-${i}`}>
                  <td className={styles.nowrap}>{formatTimestamp(e.ts)}</td>
                  <td className={detail.minw}>{eventName(e.event)}</td>
                  <td className={detail.data}>{e.data && Object.keys(e.data).length ? JSON.stringify(e.data) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
