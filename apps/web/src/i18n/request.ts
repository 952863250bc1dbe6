import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE, toLocale, type Locale } from './locales';

// One message file per area (messages/<locale>/<area>.json) so areas can be edited apart.
const AREAS = ['common', 'auth', 'district', 'console', 'resident', 'account', 'admin', 'devices', 'linkage', 'scene', 'cim', 'field', 'field-console'] as const;

async function load(locale: Locale) {
  const parts = await Promise.all(AREAS.map(async (area) => [area, (await import(`../../messages/${locale}/${area}.json`)).default] as const));
  return Object.fromEntries(parts);
}

export default getRequestConfig(async () => {
  // Chinese first; English when the user switched (the cookie is set by the language switch).
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: await load(locale), timeZone: 'Asia/Shanghai' };
});
