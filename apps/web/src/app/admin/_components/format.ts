/** Helpers shared by the admin pages (client-safe, no server imports). */

export const nameOf = (locale: string, zh: string | null | undefined, en: string | null | undefined) => (locale === 'en' ? en || zh : zh || en) ?? '';

const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in China as YYYY-MM-DD. */
export const todayInShanghai = () => ymd.format(new Date());

/** Whole days from today (Asia/Shanghai) to a YYYY-MM-DD date; negative when past. */
export function daysUntil(date: string): number {
  const a = Date.parse(`${todayInShanghai()}T00:00:00Z`);
  const b = Date.parse(`${date}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** A moment shown in Beijing time, e.g. 2026-03-01 14:05:09. */
export function formatShanghai(at: Date | string, locale: string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  const parts = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** The start or end of a YYYY-MM-DD day in Beijing time, as an instant. */
export function shanghaiDayStart(date: string): Date {
  return new Date(`${date}T00:00:00.000+08:00`);
}
export function shanghaiDayEnd(date: string): Date {
  return new Date(`${date}T23:59:59.999+08:00`);
}

/** Parses a form's integer text; null when it is not a whole number. */
export function parseInteger(text: string): number | null {
  const s = text.trim();
  return /^\d+$/.test(s) ? Number(s) : null;
}
