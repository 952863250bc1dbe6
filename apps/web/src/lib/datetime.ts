/** Dates as people in China read them: Beijing time, whatever the server's or browser's zone. */
const ZONE = 'Asia/Shanghai';

function parts(value: Date | string, withTime: boolean, withSeconds = false): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '—';
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}), hourCycle: 'h23' } : {}),
  }).formatToParts(date);
  const get = (type: string) => f.find((p) => p.type === type)?.value ?? '';
  const day = `${get('year')}-${get('month')}-${get('day')}`;
  if (!withTime) return day;
  return `${day} ${get('hour')}:${get('minute')}${withSeconds ? `:${get('second')}` : ''}`;
}

/** 2026-05-01 */
export const formatDay = (value: Date | string) => parts(value, false);
/** 2026-05-01 13:02 */
export const formatDateTime = (value: Date | string) => parts(value, true);
/** 2026-05-01 13:02:11 */
export const formatTimestamp = (value: Date | string) => parts(value, true, true);

/** A yyyy-mm-dd picked in a date input, as the start or end of that day in Beijing time. */
export function dayBound(day: string, end: boolean): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}+08:00`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Whole days from now until a yyyy-mm-dd date (negative once it has passed). */
export function daysUntil(day: string, now: Date = new Date()): number | null {
  const end = dayBound(day, true);
  return end ? Math.ceil((end.getTime() - now.getTime()) / 86_400_000) - 1 : null;
}
