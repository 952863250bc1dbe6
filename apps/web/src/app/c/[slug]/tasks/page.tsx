import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { requirePermission } from '../data';
import { TasksView } from './tasks-view';

export default async function TasksPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ plan?: string; overdue?: string }> }) {
  const { slug } = await params;
  const { plan, overdue } = await searchParams;
  await requirePermission(slug, 'field.read');
  const t = await getTranslations('field-console.tasks');
  const planId = plan && /^[0-9a-f-]{36}$/i.test(plan) ? plan : undefined;
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <TasksView tenant={slug} planId={planId} initialOverdue={overdue === '1'} />
    </>
  );
}
