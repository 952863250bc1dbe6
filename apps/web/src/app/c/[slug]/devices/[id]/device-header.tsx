'use client';
import { useTranslations } from 'next-intl';
import { formatDateTime, formatTimestamp } from '@/lib/datetime';
import styles from '../../console.module.css';
import { LiveStatus, OnlineBadge } from '../badges';
import local from '../devices.module.css';
import type { DeviceDetail, DeviceKind } from '../lib';
import detail from './detail.module.css';

/** The device's name, badges and management buttons over its ledger facts. */
export function DeviceHeader({
  data,
  kind,
  kindName,
  live,
  canManage,
  onEdit,
  onConfirm,
}: {
  data: DeviceDetail;
  kind: DeviceKind | undefined;
  kindName: string;
  live: string;
  canManage: boolean;
  onEdit: () => void;
  onConfirm: (action: 'enable' | 'disable' | 'rotate') => void;
}) {
  const t = useTranslations('devices.detail');
  const td = useTranslations('devices');
  const { device, state } = data;
  return (
    <section className="card" data-testid="device-header">
      <div className={detail.head}>
        <div>
          <h1>
            {device.name}
            <OnlineBadge online={state?.online} lastSeen={state?.lastSeen} enabled={device.enabled} withTime={false} />
            {!!data.alarms.filter((a) => a.state === 'raised' || a.state === 'acknowledged').length && (
              <span className="badge badge-danger">{t('openAlarms', { count: data.alarms.filter((a) => a.state === 'raised' || a.state === 'acknowledged').length })}</span>
            )}
          </h1>
          <p className="subtitle">
            <span className={styles.mono}>{device.code}</span> · {kindName}
            {kind && <span className={local.small}> · {kind.fiware}</span>}
          </p>
        </div>
        <div className="actions">
          <LiveStatus status={live} />
          {canManage && (
            <>
              <button type="button" className="btn btn-ghost btn-small" onClick={onEdit} data-testid="edit-device">
                {td('edit.open')}
              </button>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => onConfirm(device.enabled ? 'disable' : 'enable')} data-testid="toggle-enabled">
                {device.enabled ? t('disable') : t('enable')}
              </button>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => onConfirm('rotate')} data-testid="rotate-secret">
                {t('rotate')}
              </button>
            </>
          )}
        </div>
      </div>
      <dl className={detail.metaGrid}>
        <div>
          <dt>{t('lastSeen')}</dt>
          <dd>{state?.lastSeen ? formatTimestamp(state.lastSeen) : t('neverSeen')}</dd>
        </div>
        <div>
          <dt>{t('location')}</dt>
          <dd>
            {data.buildingName ?? '—'}
            {device.floor != null && ` · ${td('list.floor', { floor: device.floor })}`}
          </dd>
        </div>
        <div>
          <dt>{t('coordinates')}</dt>
          <dd className={styles.mono}>{device.lng != null && device.lat != null ? `${device.lng.toFixed(6)}, ${device.lat.toFixed(6)}` : '—'}</dd>
        </div>
        <div>
          <dt>{t('zone')}</dt>
          <dd>{device.zone ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('firmware')}</dt>
          <dd>{state?.firmware ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('registered')}</dt>
          <dd>{formatDateTime(device.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('deviceId')}</dt>
          <dd className={styles.mono}>{device.id}</dd>
        </div>
        {!!state?.faults?.length && (
          <div>
            <dt>{t('faults')}</dt>
            <dd>
              {state.faults.map((f) => (
                <span key={f} className="badge badge-danger">
                  {f}
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
