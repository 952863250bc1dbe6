import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui';
import { requirePermission } from '../../data';
import { Runs } from '../patrols-view';
import { RouteEditor } from './route-editor';
import { RouteSlots } from './slots';

export default async function RoutePage({ params }: { params: Promise<{ slug: string; routeId: string }> }) {
  const { slug, routeId } = await params;
  const { has } = await requirePermission(slug, 'field.read');
  const t = await getTranslations('field-console.patrols');
  const isNew = routeId === 'new';
  return (
    <>
      <PageHeader title={isNew ? t('newRoute') : t('route.edit')} />
      <RouteEditor tenant={slug} routeId={isNew ? null : routeId} canManage={has('field.manage')} />
      {!isNew && <RouteSlots tenant={slug} routeId={routeId} />}
      {!isNew && <Runs tenant={slug} routeId={routeId} />}
    </>
  );
}
