import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@linli/api';
import type { DeviceKind, MetricDef } from '@linli/iot/catalog/types';

type Out = inferRouterOutputs<AppRouter>['devices'];
export type DeviceRow = Out['list']['items'][number];
export type DeviceDetail = Out['detail'];
export type AlarmRow = Out['alarms']['items'][number];
export type CommandRow = Out['commands']['items'][number];
export type RejectedRow = Out['rejected']['items'][number];
export type DeviceStats = Out['stats'];
export type { DeviceKind, MetricDef };

export const SEVERITIES = ['info', 'minor', 'major', 'critical'] as const;
export type SeverityName = (typeof SEVERITIES)[number];
export const ALARM_STATE_NAMES = ['raised', 'acknowledged', 'cleared', 'closed'] as const;
export const COMMAND_STATE_NAMES = ['queued', 'published', 'acked', 'failed', 'expired'] as const;

export const SEVERITY_BADGE: Record<string, string> = {
  info: 'badge',
  minor: 'badge badge-warn',
  major: 'badge badge-danger',
  critical: 'badge badge-danger',
};
export const ALARM_STATE_BADGE: Record<string, string> = {
  raised: 'badge badge-danger',
  acknowledged: 'badge badge-warn',
  cleared: 'badge badge-ok',
  closed: 'badge',
};
export const COMMAND_STATE_BADGE: Record<string, string> = {
  queued: 'badge',
  published: 'badge badge-warn',
  acked: 'badge badge-ok',
  failed: 'badge badge-danger',
  expired: 'badge badge-danger',
};

/** The four utility meters with a daily consumption figure (R5.3.3). */
export const ENERGY_KINDS = ['meter_electricity', 'meter_water', 'meter_gas', 'meter_heat'] as const;

const nf = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
export const formatNumber = (n: number) => nf.format(n);

/** A reading with its unit; booleans as the given yes/no words. */
export function formatMetric(def: MetricDef | undefined, value: unknown, yes: string, no: string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? yes : no;
  if (typeof value === 'number') return def?.unit ? `${formatNumber(value)} ${def.unit}` : formatNumber(value);
  return String(value);
}

export const localName = (x: { nameZh: string; nameEn: string }, locale: string) => (locale === 'en' ? x.nameEn : x.nameZh);

/** yyyy-mm-dd of the last `n` days in Beijing time, oldest first. */
export function lastDays(n: number, now: Date = new Date()): string[] {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
  return Array.from({ length: n }, (_, i) => f.format(new Date(now.getTime() - (n - 1 - i) * 86_400_000)));
}

/** hh:mm in Beijing time. */
export function formatClock(t: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(t));
}

/** "3 min ago" style, from a Date or ISO string. */
export function sinceText(value: Date | string | null | undefined, locale: string, now = Date.now()): string | null {
  if (!value) return null;
  const ms = now - new Date(value).getTime();
  if (!Number.isFinite(ms)) return null;
  const rtf = new Intl.RelativeTimeFormat(locale === 'en' ? 'en' : 'zh-CN', { numeric: 'auto' });
  const s = Math.round(ms / 1000);
  if (Math.abs(s) < 60) return rtf.format(-s, 'second');
  const m = Math.round(s / 60);
  if (Math.abs(m) < 60) return rtf.format(-m, 'minute');
  const h = Math.round(m / 60);
  if (Math.abs(h) < 48) return rtf.format(-h, 'hour');
  return rtf.format(-Math.round(h / 24), 'day');
}
