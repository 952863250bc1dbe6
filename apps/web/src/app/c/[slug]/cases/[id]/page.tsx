import { PageHeader } from '@/components/ui';
import { load } from '@/server/caller';
import { requirePermission } from '../../data';
import { CaseDetail } from './case-detail';

export default async function CasePage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requirePermission(slug, 'field.read');
  const detail = await load((c) => c.fieldConsole.cases.detail({ tenant: slug, id }), `/c/${slug}/cases/${id}`);
  return (
    <>
      <PageHeader title={detail.case.title} />
      <CaseDetail tenant={slug} id={id} />
    </>
  );
}
