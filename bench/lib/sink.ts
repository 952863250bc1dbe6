/**
 * Broker-only reference subscriber (child process, IPC): the bridge's own MqttLink, subscribed
 * like the bridge ($share group, QoS 1, persistent session), acknowledging every delivery at
 * once instead of after a database commit. Reports the count received to the parent.
 */
import { BRIDGE_SUBSCRIPTION } from '@linli/iot';
import { BRIDGE_USERNAME } from '@linli/bridge/broker';
import { MqttLink } from '@linli/bridge/mqtt-link';

const port = Number(process.env.MQTT_PORT);
const link = new MqttLink({ url: `mqtt://127.0.0.1:${port}`, clientId: process.env.SINK_CLIENT_ID ?? 'linli-bridge-sink', username: BRIDGE_USERNAME, password: process.env.LINLI_BRIDGE_MQTT_PASSWORD! });
let received = 0;
let pending: number[] = [];
link.on('message', (m: { messageId?: number }) => {
  received++;
  if (m.messageId !== undefined) {
    if (pending.length === 0) setImmediate(() => {
      link.ack(pending);
      pending = [];
    });
    pending.push(m.messageId);
  }
});
link.on('error', () => {});
if (process.env.BENCH_SINK_CLEAN === '1') {
  // Experiment: a clean session (aedes then skips its persistent outgoing queue for this client).
  const { default: mqtt } = await import('mqtt');
  const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { clientId: `${process.env.SINK_CLIENT_ID ?? 'linli-bridge-sink'}-clean`, username: BRIDGE_USERNAME, password: process.env.LINLI_BRIDGE_MQTT_PASSWORD!, clean: true, reconnectPeriod: 0 });
  await new Promise<void>((r) => c.once('connect', () => r()));
  c.on('message', () => received++);
  await c.subscribeAsync(BRIDGE_SUBSCRIPTION, { qos: 1 });
} else {
  await link.connect();
  await link.subscribe(BRIDGE_SUBSCRIPTION, 1);
}
process.send!({ type: 'ready' });
const timer = setInterval(() => process.send!({ type: 'stats', received, at: Date.now() }), 250);
process.on('message', (m: { type: string }) => {
  if (m.type === 'exit') {
    clearInterval(timer);
    process.send!({ type: 'stats', received, at: Date.now() }, () => {
      link.close();
      setTimeout(() => process.exit(0), 100);
    });
  }
});
process.on('disconnect', () => process.exit(0));
