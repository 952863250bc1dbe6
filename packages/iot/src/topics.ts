import type { RejectReason } from './reject-reasons';
import { isUuid } from './uuid';

export type UpChannel = 'telemetry' | 'event' | 'state' | 'ack';

export const UP_CHANNELS: readonly UpChannel[] = ['telemetry', 'event', 'state', 'ack'];

const PREFIX = 'linli/v1';

/** What every bridge subscribes to: a shared group, so the broker splits devices across bridges. */
export const BRIDGE_SUBSCRIPTION = '$share/linli-bridge/linli/v1/+/+/+';
export const UP_FILTER = 'linli/v1/+/+/+';

export type ParsedTopic =
  | { ok: true; tenantId: string; deviceId: string; channel: UpChannel | 'command' }
  | { ok: false; reason: RejectReason };

function assertIds(tenantId: string, deviceId: string): void {
  // A '+' or '#' smuggled in through an id would widen a topic into a filter.
  if (!isUuid(tenantId)) throw new RangeError(`tenantId must be a lowercase UUID: ${JSON.stringify(tenantId)}`);
  if (!isUuid(deviceId)) throw new RangeError(`deviceId must be a lowercase UUID: ${JSON.stringify(deviceId)}`);
}

export function upTopic(tenantId: string, deviceId: string, channel: UpChannel): string {
  assertIds(tenantId, deviceId);
  if (!UP_CHANNELS.includes(channel)) throw new RangeError(`unknown channel: ${JSON.stringify(channel)}`);
  return `${PREFIX}/${tenantId}/${deviceId}/${channel}`;
}

export function commandTopic(tenantId: string, deviceId: string): string {
  assertIds(tenantId, deviceId);
  return `${PREFIX}/${tenantId}/${deviceId}/command`;
}

export function parseTopic(topic: string): ParsedTopic {
  const parts = topic.split('/');
  if (parts.length !== 5) return { ok: false, reason: 'bad_topic' };
  const [root, version, tenantId, deviceId, channel] = parts;
  if (`${root}/${version}` !== PREFIX) return { ok: false, reason: 'bad_topic' };
  if (!isUuid(tenantId) || !isUuid(deviceId)) return { ok: false, reason: 'bad_topic' };
  if (channel !== 'command' && !(UP_CHANNELS as readonly string[]).includes(channel ?? '')) {
    return { ok: false, reason: 'bad_topic' };
  }
  return { ok: true, tenantId, deviceId, channel: channel as UpChannel | 'command' };
}

function ownTopic(topic: string, tenantId: string, deviceId: string): ParsedTopic & { ok: true } | null {
  const parsed = parseTopic(topic);
  if (!parsed.ok || parsed.tenantId !== tenantId || parsed.deviceId !== deviceId) return null;
  return parsed;
}

/** Broker ACL for PUBLISH: a device writes only its own up channels, never its command topic. */
export function deviceMayPublish(topic: string, tenantId: string, deviceId: string): boolean {
  const own = ownTopic(topic, tenantId, deviceId);
  return own !== null && own.channel !== 'command';
}

/**
 * Broker ACL for SUBSCRIBE: only the exact own command topic. Filters with wildcards fail to
 * parse (a '+' is not a UUID), so a device can never listen to its neighbours.
 */
export function deviceMaySubscribe(topic: string, tenantId: string, deviceId: string): boolean {
  const own = ownTopic(topic, tenantId, deviceId);
  return own !== null && own.channel === 'command';
}
