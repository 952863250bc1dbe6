import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { GrantsView } from './grants-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.grants');
  return { title: t('title') };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOr = (v: string | string[] | undefined) => (typeof v === 'string' && UUID.test(v) ? v : '');

export default async function AdminGrantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const organizationId = uuidOr(sp.organizationId);
  const tenantId = uuidOr(sp.tenantId);
  // Keyed so that following a link with other filters starts from them.
  return <GrantsView key={`${organizationId}:${tenantId}`} initialOrganizationId={organizationId} initialTenantId={tenantId} />;
}
