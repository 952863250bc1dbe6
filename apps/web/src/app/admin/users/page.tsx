import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { UsersView } from './users-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.users');
  return { title: t('title') };
}

export default function AdminUsersPage() {
  return <UsersView />;
}
