/**
 * Load-generator worker (child process, IPC): one mqtt.js connection per device (the broker's
 * ACL lets a device publish only its own topics), QoS 1, with a bounded in-flight window for the
 * whole worker (STACK-NOTES: an unbounded publisher collapses and QoS 1 stalls at 65,535 ids).
 * Optional rate limit (token bucket). Reports sent / PUBACKed counts to the parent.
 */
import mqtt from 'mqtt';
import { deviceClientId, upTopic } from '@linli/iot';

export type LoadgenCommand =
  | { type: 'init'; port: number; tenantId: string; devices: Array<{ id: string; secret: string }>; window: number; rate: number }
  | { type: 'start'; seqBase: number }
  | { type: 'stop' }
  | { type: 'exit' };

export type LoadgenReport =
  | { type: 'connected'; devices: number; ms: number }
  | { type: 'stats'; sent: number; acked: number; errors: number; at: number }
  | { type: 'stopped'; sent: number; acked: number; errors: number; inflight: number; at: number };

interface Dev {
  client: mqtt.MqttClient;
  topic: string;
  seq: number;
}

const send = (r: LoadgenReport) => process.send!(r);
let devs: Dev[] = [];
let window = 1000;
let ratePerSec = 0;
let running = false;
let inflight = 0;
let sent = 0;
let acked = 0;
let errors = 0;
let next = 0;
let tokens = 0;
let scheduled = false;
let ticker: NodeJS.Timeout | null = null;
let reporter: NodeJS.Timeout | null = null;

function onAck(error?: Error) {
  inflight--;
  if (error) errors++;
  else acked++;
  if (!scheduled && running) {
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
    });
  }
}

function pump() {
  while (running && inflight < window && (ratePerSec === 0 || tokens >= 1)) {
    const d = devs[next++ % devs.length]!;
    d.seq++;
    inflight++;
    sent++;
    if (ratePerSec) tokens--;
    const payload = `{"ts":${Date.now()},"seq":${d.seq},"metrics":{"pm25":${(d.seq % 70) + 3},"temperature":${((d.seq % 200) / 10 + 10).toFixed(1)}}}`;
    d.client.publish(d.topic, payload, { qos: 1 }, onAck);
  }
}

async function connectAll(port: number, tenantId: string, list: Array<{ id: string; secret: string }>) {
  const out: Dev[] = new Array(list.length);
  let i = 0;
  const worker = async () => {
    while (i < list.length) {
      const k = i++;
      const d = list[k]!;
      out[k] = await new Promise<Dev>((resolve, reject) => {
        const client = mqtt.connect(`mqtt://127.0.0.1:${port}`, { clientId: deviceClientId(d.id), username: d.id, password: d.secret, reconnectPeriod: 0, keepalive: 120, clean: true });
        client.once('connect', () => resolve({ client, topic: upTopic(tenantId, d.id, 'telemetry'), seq: 0 }));
        client.once('error', reject);
      });
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  return out;
}

process.on('message', async (m: LoadgenCommand) => {
  switch (m.type) {
    case 'init': {
      const t0 = performance.now();
      window = m.window;
      ratePerSec = m.rate;
      devs = await connectAll(m.port, m.tenantId, m.devices);
      for (const d of devs) d.client.on('error', () => errors++);
      send({ type: 'connected', devices: devs.length, ms: performance.now() - t0 });
      break;
    }
    case 'start': {
      for (const d of devs) d.seq = m.seqBase;
      sent = acked = errors = 0;
      running = true;
      if (ratePerSec) {
        let last = performance.now();
        tokens = 0;
        ticker = setInterval(() => {
          const now = performance.now();
          tokens = Math.min(tokens + ((now - last) / 1000) * ratePerSec, ratePerSec * 0.05 + 1);
          last = now;
          pump();
        }, 5);
      } else pump();
      reporter = setInterval(() => send({ type: 'stats', sent, acked, errors, at: Date.now() }), 500);
      break;
    }
    case 'stop': {
      running = false;
      if (ticker) clearInterval(ticker);
      if (reporter) clearInterval(reporter);
      const end = Date.now() + 30_000;
      while (inflight > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      send({ type: 'stopped', sent, acked, errors, inflight, at: Date.now() });
      break;
    }
    case 'exit': {
      await Promise.all(devs.map((d) => new Promise<void>((r) => d.client.end(true, {}, () => r()))));
      process.exit(0);
    }
  }
});
process.on('disconnect', () => process.exit(0));
