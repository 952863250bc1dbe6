/**
 * The bridge service. Environment: LINLI_BRIDGE_DATABASE_URL (linli_bridge role),
 * LINLI_BRIDGE_MQTT_PASSWORD, MQTT_URL (external broker) or MQTT_PORT / MQTT_WS_PORT for the
 * embedded one. Flags: --broker-only, --no-broker (ingest against MQTT_PORT on loopback).
 */
import { startBridge } from './bridge';

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
});
console.log('[bridge] ready');
const stop = async () => {
  await bridge.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
