/**
 * The device simulator. Environment: LINLI_DEVSIM_DATABASE_URL (owner or bridge role),
 * MQTT_URL, LINLI_DEVSIM_KEY (the local devsimKey), LINLI_DEVSIM_TENANTS (comma list, default
 * all), LINLI_DEVSIM_SPEED (default 1), LINLI_DEVSIM_PORT (control server, default 3901).
 * `--once`: connect, publish one round, disconnect and exit.
 */
import { startControlServer } from './control';
import { startSimulator } from './simulator';

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set / 未设置 ${name}`);
  return v;
};

const once = process.argv.includes('--once');
const speed = Number(process.env.LINLI_DEVSIM_SPEED ?? 1);
if (!(speed > 0)) throw new Error('LINLI_DEVSIM_SPEED must be a positive number');
const tenants = (process.env.LINLI_DEVSIM_TENANTS ?? '').split(',').map((s) => s.trim()).filter(Boolean);

const sim = await startSimulator({
  databaseUrl: env('LINLI_DEVSIM_DATABASE_URL'),
  mqttUrl: process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883',
  devsimKey: env('LINLI_DEVSIM_KEY'),
  tenants,
  speed,
  autoTick: !once,
});

if (once) {
  await sim.round();
  const s = sim.status();
  await sim.stop();
  console.log(`[devsim] once: ${s.connected}/${s.devices} devices connected, ${sim.totalSent} messages sent`);
  for (const e of s.lastErrors) console.error(`[devsim] ${e.code}: ${e.message}`);
  process.exit(s.connected < s.devices ? 1 : 0);
}

const port = Number(process.env.LINLI_DEVSIM_PORT ?? 3901);
const control = await startControlServer(sim, port);
console.log(`[devsim] control on ${control.url} (GET / for status, POST /scenario)`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 5000).unref();
  control.close();
  await sim.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
