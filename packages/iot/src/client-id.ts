/**
 * Which MQTT client id a login may use. A broker hands a client id's session to whoever connects
 * with it last [MQTT-3.1.4-2]: an id that any valid login may take lets one device disconnect
 * another (and fire its last will) or the bridge (and erase its persistent session). So an id
 * belongs to credentials: a device's client id is its device id, and ids that start with
 * `linli-bridge` belong to the bridge's login. A second connection of one device therefore has
 * the same id and takes over the first: one connection per device, and a device whose old TCP
 * connection died unnoticed gets back in at once. Mosquitto enforces the device half with
 * `use_username_as_clientid` (infra/mosquitto/README.md).
 */
export const BRIDGE_CLIENT_ID_PREFIX = 'linli-bridge';

/** The client id a device must connect with. */
export function deviceClientId(deviceId: string): string {
  return deviceId;
}

export type ClientIdentity = { kind: 'device'; deviceId: string } | { kind: 'bridge' };

/** Why a CONNECT's client id is refused (CONNACK 0x02 identifier rejected), or null if it may be used. */
export function clientIdRefusal(clientId: string, clean: boolean, who?: ClientIdentity): string | null {
  // A zero-length id has no session to come back to [MQTT-3.1.3-8].
  if (clientId === '' && !clean) return 'a zero-length client id needs a clean session';
  if (!who) return null;
  if (who.kind === 'device') return clientId === deviceClientId(who.deviceId) ? null : `a device connects with its device id as client id, not ${JSON.stringify(clientId)}`;
  return clientId.startsWith(BRIDGE_CLIENT_ID_PREFIX) ? null : `the bridge's client ids start with ${BRIDGE_CLIENT_ID_PREFIX}`;
}
