'use client';
import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { EmptyState, Notice } from '@/components/ui';
import { formatTimestamp } from '@/lib/datetime';
import { errorText } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';

/**
 * What an alarm set in motion (R5.3.1): the commands linkage sent and whether devices carried
 * them out, the cameras near the device to look at, and which roles were told.
 */
export function AlarmContextDialog({ tenant, alarmId, onClose }: { tenant: string; alarmId: string; onClose: () => void }) {
  const t = useTranslations('linkage');
  const tr = useTranslations('common.roles');
  const locale = useLocale();
  const trpc = useTRPC();
  // Command states change within seconds: refresh while the dialog is open.
  const ctx = useQuery({ ...trpc.devices.alarmContext.queryOptions({ tenant, alarmId }), refetchInterval: 2000 });
  const d = ctx.data;
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={t('title')} onClick={(e) => e.stopPropagation()} data-testid="alarm-context">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <h2 style={{ margin: 0 }}>{t('title')}</h2>
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
            {t('close')}
          </button>
        </div>
        {ctx.error && <Notice>{errorText(ctx.error, locale)}</Notice>}
        {d && (
          <>
            <p className="subtitle">
              {locale === 'en' ? d.alarm.titleEn : d.alarm.titleZh} · {d.device.code} {d.device.name} · {formatTimestamp(d.alarm.raisedAt)}
            </p>
            <h3>{t('commands')}</h3>
            {d.commands.length === 0 ? (
              <EmptyState title={t('noCommands')} hint={t('noCommandsHint')} />
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>{t('device')}</th>
                      <th>{t('command')}</th>
                      <th>{t('state')}</th>
                      <th className="num">{t('latency')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.commands.map((c) => (
                      <tr key={c.id} data-testid="context-command">
                        <td>
                          {c.deviceCode} <span className="subtitle">{c.deviceName}</span>
                        </td>
                        <td>{c.name}</td>
                        <td>
                          <span className={`badge ${c.state === 'acked' ? 'badge-ok' : c.state === 'failed' || c.state === 'expired' ? 'badge-danger' : 'badge-warn'}`}>{t(`states.${c.state}`)}</span>
                        </td>
                        <td className="num">{c.ackedAt ? `${new Date(c.ackedAt).getTime() - new Date(c.createdAt).getTime()} ms` : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <h3>{d.cameraRadiusMeters ? t('camerasWithin', { meters: d.cameraRadiusMeters }) : t('cameras')}</h3>
            {d.cameras.length === 0 ? (
              <p className="subtitle">{d.cameraRadiusMeters ? t('noCameras') : t('camerasNotRequested')}</p>
            ) : (
              <ul data-testid="context-cameras">
                {d.cameras.map((c) => (
                  <li key={c.id}>
                    {c.code} {c.name}
                    {c.distanceMeters !== null ? ` · ${t('meters', { meters: c.distanceMeters })}` : ` · ${t('sameBuilding')}`}
                  </li>
                ))}
              </ul>
            )}
            <h3>{t('notified')}</h3>
            <p>{d.notifiedRoles.length ? d.notifiedRoles.map((r) => tr(r as never)).join('、') : t('nobodyNotified')}</p>
          </>
        )}
      </div>
    </div>
  );
}
