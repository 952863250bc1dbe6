import { notFound } from 'next/navigation';
import { requirePermission } from '../../data';
import { DeviceView } from './device-view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function DevicePage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { overview, has } = await requirePermission(slug, 'devices.read');
  if (!UUID.test(id)) notFound();
  return <DeviceView tenant={slug} tenantId={overview.tenant.id} deviceId={id.toLowerCase()} canManage={has('devices.manage')} canControl={has('devices.control')} />;
}
