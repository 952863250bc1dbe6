import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LocaleSwitch } from '@/components/locale-switch';
import { safeRedirectPath } from '@/lib/safe-redirect';
import { getCaller } from '@/server/caller';
import { LoginForm } from './login-form';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const safeNext = safeRedirectPath(next);
  if (await (await getCaller()).auth.me()) redirect(safeNext);
  const t = await getTranslations('auth');
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span className="brand">
            <span className="brand-mark">邻</span> {t('product')}
          </span>
          <LocaleSwitch />
        </div>
        <h1 style={{ marginTop: 20 }}>{t('title')}</h1>
        <p className="subtitle">{t('subtitle')}</p>
        <LoginForm next={safeNext} />
      </div>
    </main>
  );
}
