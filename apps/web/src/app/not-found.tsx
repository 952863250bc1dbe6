import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('common.notFound');
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="badge">404</p>
        <h1 style={{ marginTop: 12 }}>{t('title')}</h1>
        <p className="subtitle">{t('body')}</p>
        <Link href="/" className="btn">{t('back')}</Link>
      </div>
    </main>
  );
}
