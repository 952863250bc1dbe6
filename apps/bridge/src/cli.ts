/**
 * The bridge service. Environment: LINLI_BRIDGE_DATABASE_URL (linli_bridge role),
 * LINLI_BRIDGE_MQTT_PASSWORD, MQTT_URL (external broker) or MQTT_PORT / MQTT_WS_PORT for the
 * embedded one, whose limits LINLI_MQTT_MAX_PACKET_BYTES, LINLI_MQTT_DEVICE_RATE and
 * LINLI_MQTT_DEVICE_BURST set. Flags: --broker-only, --no-broker (ingest against MQTT_PORT on loopback).
 */
import { startBridge } from './bridge';
import { limitsFromEnv } from './limits';

// postgres.js can reject an internal promise (its array-type lookup on a fresh connection) when
// the server resets the connection: that is a lost connection, which the pool replaces and the
// pipeline retries, not a reason to stop ingesting. Anything else still stops the process.
const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', '57P01', '57P02', '57P03']);
process.on('unhandledRejection', (reason) => {
  const code = (reason as { code?: string } | null)?.code;
  if (code && CONNECTION_CODES.has(code)) {
    console.error(`[bridge] database connection lost (${code}); continuing`);
    return;
  }
  console.error('[bridge] unexpected error, stopping:', reason);
  process.exit(1);
});

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set / 未设置 ${name}`);
  return v;
};

const port = Number(process.env.MQTT_PORT ?? 1883);
const bridge = await startBridge({
  databaseUrl: env('LINLI_BRIDGE_DATABASE_URL'),
  bridgePassword: env('LINLI_BRIDGE_MQTT_PASSWORD'),
  mqttUrl: process.env.MQTT_URL ?? (process.argv.includes('--no-broker') ? `mqtt://127.0.0.1:${port}` : undefined),
  broker: { port, wsPort: process.env.MQTT_WS_PORT ? Number(process.env.MQTT_WS_PORT) : undefined },
  brokerOnly: process.argv.includes('--broker-only'),
  clientId: process.env.LINLI_BRIDGE_CLIENT_ID,
  limits: limitsFromEnv(process.env),
});
console.log('[bridge] ready');
const stop = async () => {
  await bridge.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
