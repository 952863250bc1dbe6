import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function Forbidden() {
  const t = await getTranslations('common.forbidden');
  return (
    <main className="auth-page">
      <div className="auth-card" data-testid="forbidden">
        <p className="badge badge-danger">403</p>
        <h1 style={{ marginTop: 12 }}>{t('title')}</h1>
        <p className="subtitle">{t('body')}</p>
        <Link href="/" className="btn">{t('back')}</Link>
      </div>
    </main>
  );
}
