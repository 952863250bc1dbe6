import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { load } from '@/server/caller';
import { requirePermission } from '../../../data';
import { RunDetail } from './run-detail';

export default async function RunPage({ params }: { params: Promise<{ slug: string; runId: string }> }) {
  const { slug, runId } = await params;
  await requirePermission(slug, 'field.read');
  const t = await getTranslations('field-console.patrols.result');
  const detail = await load((c) => c.fieldConsole.patrols.run({ tenant: slug, id: runId }), `/c/${slug}/patrols/runs/${runId}`);
  return (
    <>
      <PageHeader title={`${t('detailTitle')} · ${detail.routeName}`} />
      <RunDetail tenant={slug} detail={JSON.parse(JSON.stringify(detail))} />
    </>
  );
}
