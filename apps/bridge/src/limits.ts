/** What one device may send to the broker. */
export interface BrokerLimits {
  /**
   * Largest MQTT packet accepted, fixed header included (Mosquitto: max_packet_size). Above the
   * 16 KiB payload limit of the catalog, so a message between the two still reaches the bridge
   * and is refused there with its reason; beyond this one the connection is cut at the header.
   */
  maxPacketBytes: number;
  /** Sustained messages per second per device (all its up-channels together). */
  messagesPerSecond: number;
  /** Messages a device may send at once above the sustained rate (e.g. readings kept while offline). */
  burst: number;
}

/** A device reports every 10–30 s; these leave room for bursts and stop floods. */
export const DEFAULT_BROKER_LIMITS: BrokerLimits = { maxPacketBytes: 64 * 1024, messagesPerSecond: 20, burst: 500 };

/** LINLI_MQTT_MAX_PACKET_BYTES, LINLI_MQTT_DEVICE_RATE, LINLI_MQTT_DEVICE_BURST override the defaults. */
export function limitsFromEnv(env: NodeJS.ProcessEnv): BrokerLimits {
  const n = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const x = Number(v);
    if (!Number.isFinite(x) || x <= 0) throw new Error(`${name} must be a positive number / ${name} 须为正数: ${v}`);
    return x;
  };
  return {
    maxPacketBytes: n('LINLI_MQTT_MAX_PACKET_BYTES', DEFAULT_BROKER_LIMITS.maxPacketBytes),
    messagesPerSecond: n('LINLI_MQTT_DEVICE_RATE', DEFAULT_BROKER_LIMITS.messagesPerSecond),
    burst: n('LINLI_MQTT_DEVICE_BURST', DEFAULT_BROKER_LIMITS.burst),
  };
}
