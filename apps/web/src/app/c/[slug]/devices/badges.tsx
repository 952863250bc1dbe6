'use client';
import { useLocale, useTranslations } from 'next-intl';
import { formatDateTime } from '@/lib/datetime';
import local from './devices.module.css';
import { ALARM_STATE_BADGE, COMMAND_STATE_BADGE, SEVERITY_BADGE, sinceText } from './lib';

export function SeverityBadge({ severity }: { severity: string }) {
  const t = useTranslations('devices.severity');
  return <span className={`${SEVERITY_BADGE[severity] ?? 'badge'}${severity === 'critical' ? ` ${local.critical}` : ''}`}>{t.has(severity) ? t(severity) : severity}</span>;
}

export function AlarmStateBadge({ state }: { state: string }) {
  const t = useTranslations('devices.alarmState');
  return <span className={ALARM_STATE_BADGE[state] ?? 'badge'}>{t.has(state) ? t(state) : state}</span>;
}

export function CommandStateBadge({ state }: { state: string }) {
  const t = useTranslations('devices.commandState');
  return <span className={COMMAND_STATE_BADGE[state] ?? 'badge'}>{t.has(state) ? t(state) : state}</span>;
}

/** Online/offline (never seen = "not yet connected") with the time of the last message. */
export function OnlineBadge({ online, lastSeen, enabled = true, withTime = true }: { online: boolean | null | undefined; lastSeen: Date | string | null | undefined; enabled?: boolean; withTime?: boolean }) {
  const t = useTranslations('devices.online');
  const locale = useLocale();
  const since = sinceText(lastSeen, locale);
  return (
    <span className={local.values}>
      {!enabled ? (
        <span className="badge">{t('disabled')}</span>
      ) : online ? (
        <span className="badge badge-ok">{t('online')}</span>
      ) : lastSeen ? (
        <span className="badge badge-warn">{t('offline')}</span>
      ) : (
        <span className="badge">{t('never')}</span>
      )}
      {withTime && lastSeen && (
        <span className={local.small} title={formatDateTime(lastSeen)}>
          {since}
        </span>
      )}
    </span>
  );
}

/** Whether the live stream is connected. */
export function LiveStatus({ status }: { status: string }) {
  const t = useTranslations('devices.live');
  const on = status === 'pending';
  return (
    <span className={`${local.live} ${on ? local.liveOn : status === 'error' ? local.liveOff : ''}`} role="status" data-testid="live-status" data-live={on ? 'on' : 'off'} title={t(`hint.${on ? 'on' : status === 'error' ? 'error' : 'connecting'}`)}>
      <span className={`${local.dot} ${on ? local.dotOn : status === 'error' ? local.dotWarn : ''}`} />
      {t(on ? 'on' : status === 'error' ? 'error' : 'connecting')}
    </span>
  );
}
