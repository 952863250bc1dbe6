import { and, eq, inArray } from 'drizzle-orm';
import type { LinkageAction } from '@linli/iot';
import type { Executor } from '../../client';
import { AppError, msg } from '../../errors';
import { alarms, commands, devices, linkageRuns } from '../../schema';

const EARTH_RADIUS_M = 6_371_000;

function distanceMeters(a: { lng: number; lat: number }, b: { lng: number; lat: number }) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

/**
 * What an alarm set in motion (R5.3.1, R6.4.3): the linkage runs with each command's state, the
 * cameras within the rule's radius of the device (to pull up their pictures), and who was told.
 */
export async function alarmContext(tx: Executor, params: { tenantId: string; alarmId: string }) {
  const [alarm] = await tx
    .select({ alarm: alarms, device: { id: devices.id, code: devices.code, name: devices.name, kind: devices.kind, lng: devices.lng, lat: devices.lat, buildingId: devices.buildingId } })
    .from(alarms)
    .innerJoin(devices, and(eq(devices.tenantId, alarms.tenantId), eq(devices.id, alarms.deviceId)))
    .where(and(eq(alarms.tenantId, params.tenantId), eq(alarms.id, params.alarmId)));
  if (!alarm) throw new AppError('NOT_FOUND', msg('未找到该告警', 'Alarm not found'));
  const runs = await tx.select().from(linkageRuns).where(and(eq(linkageRuns.tenantId, params.tenantId), eq(linkageRuns.alarmId, params.alarmId)));
  const commandIds = runs.flatMap((r) => r.commandIds);
  const issued = commandIds.length
    ? await tx
        .select({ id: commands.id, name: commands.name, state: commands.state, params: commands.params, createdAt: commands.createdAt, ackedAt: commands.ackedAt, deviceCode: devices.code, deviceName: devices.name, deviceKind: devices.kind })
        .from(commands)
        .innerJoin(devices, and(eq(devices.tenantId, commands.tenantId), eq(devices.id, commands.deviceId)))
        .where(and(eq(commands.tenantId, params.tenantId), inArray(commands.id, commandIds)))
    : [];
  const actions = runs.flatMap((r) => r.actions as LinkageAction[]);
  const radius = Math.max(0, ...actions.filter((a) => a.type === 'show_cameras').map((a) => (a as { radiusMeters: number }).radiusMeters));
  const origin = alarm.device.lng != null && alarm.device.lat != null ? { lng: alarm.device.lng, lat: alarm.device.lat } : null;
  let cameras: Array<{ id: string; code: string; name: string; distanceMeters: number | null }> = [];
  if (radius > 0) {
    const all = await tx.select({ id: devices.id, code: devices.code, name: devices.name, lng: devices.lng, lat: devices.lat, buildingId: devices.buildingId }).from(devices).where(and(eq(devices.tenantId, params.tenantId), eq(devices.kind, 'camera_ai')));
    cameras = all
      .map((c) => ({ id: c.id, code: c.code, name: c.name, distanceMeters: origin && c.lng != null && c.lat != null ? Math.round(distanceMeters(origin, { lng: c.lng, lat: c.lat })) : null, sameBuilding: !!alarm.device.buildingId && c.buildingId === alarm.device.buildingId }))
      // Without coordinates, a camera in the same building still counts as near.
      .filter((c) => (c.distanceMeters !== null ? c.distanceMeters <= radius : c.sameBuilding))
      .sort((a, b) => (a.distanceMeters ?? 0) - (b.distanceMeters ?? 0))
      .map(({ sameBuilding: _s, ...c }) => c);
  }
  const notifiedRoles = [...new Set(actions.flatMap((a) => (a.type === 'notify' ? a.roles : [])))];
  return {
    alarm: alarm.alarm,
    device: alarm.device,
    runs: runs.map((r) => ({ ruleId: r.ruleId, startedAt: r.startedAt, actions: r.actions as LinkageAction[] })),
    commands: issued,
    cameras,
    cameraRadiusMeters: radius || null,
    notifiedRoles,
  };
}
