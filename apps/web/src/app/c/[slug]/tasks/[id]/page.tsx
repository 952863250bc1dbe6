import { PageHeader } from '@/components/ui';
import { load } from '@/server/caller';
import { requirePermission } from '../../data';
import { TaskDetail } from './task-detail';

export default async function TaskPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { has } = await requirePermission(slug, 'field.read');
  const detail = await load((c) => c.fieldConsole.plans.task({ tenant: slug, id }), `/c/${slug}/tasks/${id}`);
  return (
    <>
      <PageHeader title={detail.task.title} />
      <TaskDetail tenant={slug} id={id} canManage={has('field.manage')} />
    </>
  );
}
