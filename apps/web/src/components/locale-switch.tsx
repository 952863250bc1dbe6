'use client';
import { useLocale } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { LOCALE_COOKIE } from '@/i18n/locales';

/** Switches between 中文 and English; the choice lives in a cookie the server reads. */
export function LocaleSwitch() {
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const next = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      className="btn btn-ghost locale-switch"
      disabled={pending}
      data-testid="locale-switch"
      onClick={() => {
        document.cookie = `${LOCALE_COOKIE}=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
        start(() => router.refresh());
      }}
    >
      {locale === 'en' ? '中文' : 'English'}
    </button>
  );
}
