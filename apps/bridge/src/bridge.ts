import { DEVICE_CHANNEL } from '@linli/db/queries/devices/provision';
import postgres from 'postgres';
import { AlarmEngine } from './alarm-engine';
import { BRIDGE_USERNAME, startBroker } from './broker';
import type { BrokerLimits } from './limits';
import { DeviceDirectory } from './device-directory';
import { Dispatcher } from './dispatcher';
import { LinkageRunner } from './linkage';
import { MqttLink } from './mqtt-link';
import { Pipeline } from './pipeline';
import { RejectLog } from './rejects';
import { purgeExpired, sweepOffline } from './sweeps';
import { runFieldJobs } from './field-jobs';
import { createDb } from '@linli/db';
import { BRIDGE_CLIENT_ID_PREFIX } from '@linli/iot';

export interface BridgeConfig {
  /** The linli_bridge role's URL (never the owner's). */
  databaseUrl: string;
  /** External broker (Mosquitto/EMQX); without it an embedded aedes broker is started. */
  mqttUrl?: string;
  broker?: { port: number; wsPort?: number; host?: string };
  /** Start only the embedded broker (no ingest): lets tests kill the bridge and keep the broker. */
  brokerOnly?: boolean;
  ingest?: boolean;
  bridgePassword: string;
  /** Client ids of this bridge's connections start with it; it must start with `linli-bridge`. */
  clientId?: string;
  /** Packet size and per-device message rate of the embedded broker (defaults in limits.ts). */
  limits?: Partial<BrokerLimits>;
  log?: (line: string) => void;
}

/** The bridge service: embedded broker (optional), ingest, alarms, linkage, commands, sweeps. */
export async function startBridge(config: BridgeConfig) {
  const log = config.log ?? ((l: string) => console.log(`[bridge] ${l}`));
  const sql = postgres(config.databaseUrl, { max: 8, onnotice: () => {}, connection: { application_name: 'linli-bridge' } });
  // Field jobs use the drizzle domain functions: a separate small client (see field-jobs.ts).
  const fieldDb = createDb(config.databaseUrl, { max: 1 });
  const directory = new DeviceDirectory(sql);
  const warmed = await directory.warm();
  const ledgerChanges = await directory.listen(DEVICE_CHANNEL);
  const rejects = new RejectLog(sql);
  const broker = !config.mqttUrl && config.broker ? await startBroker({ ...config.broker, directory, rejects, bridgePassword: config.bridgePassword, limits: config.limits }) : null;
  if (broker) log(`embedded MQTT broker on mqtt://${config.broker!.host ?? '127.0.0.1'}:${config.broker!.port}${config.broker!.wsPort ? ` and ws://…:${config.broker!.wsPort}` : ''}`);
  const timers: NodeJS.Timeout[] = [];
  let link: MqttLink | null = null;
  const links: MqttLink[] = [];
  let pipeline: Pipeline | null = null;
  let dispatcher: Dispatcher | null = null;
  let stopping = false;

  if (!config.brokerOnly && config.ingest !== false) {
    const url = config.mqttUrl ?? `mqtt://${config.broker?.host ?? '127.0.0.1'}:${config.broker!.port}`;
    const clientId = config.clientId ?? `${BRIDGE_CLIENT_ID_PREFIX}-1`;
    // Brokers refuse the bridge's login under any other id (packages/iot client-id.ts): say so now
    // rather than retry a refused connection forever.
    if (!clientId.startsWith(BRIDGE_CLIENT_ID_PREFIX)) throw new Error(`bridge client id must start with ${BRIDGE_CLIENT_ID_PREFIX}: ${clientId}`);
    // Two connections: bulk readings (paused under backpressure) and the control plane — command
    // acks and device events in, commands out — which is never held up behind telemetry.
    const bulk = new MqttLink({ url, clientId: `${clientId}-bulk`, username: BRIDGE_USERNAME, password: config.bridgePassword });
    const control = new MqttLink({ url, clientId: `${clientId}-control`, username: BRIDGE_USERNAME, password: config.bridgePassword });
    link = control;
    const alarms = new AlarmEngine(sql);
    dispatcher = new Dispatcher(sql, control);
    const linkage = new LinkageRunner(sql, dispatcher);
    const d = dispatcher;
    pipeline = new Pipeline(sql, directory, rejects, alarms, {
      onRaised: (raised) => linkage.run(raised),
      onOnline: (devices) => void d.flushDevices(devices.map((x) => ({ tenantId: x.tenantId, id: x.id }))),
      onPressure: (high) => (high ? bulk.pause() : bulk.resume()),
    });
    const p = pipeline;
    const wire = (l: MqttLink, channels: string[]) => {
      l.on('message', (m) => p.push({ ...m, ack: () => (m.messageId !== undefined ? l.ack([m.messageId]) : undefined) }));
      l.on('error', () => {});
      const connectLoop = async () => {
        while (!stopping) {
          try {
            const { sessionPresent } = await l.connect();
            for (const c of channels) await l.subscribe(`$share/linli-bridge/linli/v1/+/+/${c}`, 1);
            log(`${channels.join('+')} connected to ${url} (session ${sessionPresent ? 'resumed' : 'new'}), ${warmed} devices known`);
            return;
          } catch (error) {
            log(`MQTT connect failed (${(error as Error).message}); retrying`);
            await new Promise((r) => setTimeout(r, 1000));
          }
        }
      };
      l.on('close', () => {
        if (!stopping) setTimeout(() => void connectLoop(), 500);
      });
      return connectLoop();
    };
    links.push(bulk, control);
    await Promise.all([wire(bulk, ['telemetry', 'state']), wire(control, ['ack', 'event'])]);
    await dispatcher.start();
    timers.push(setInterval(() => void sweepOffline(sql).catch((e) => log(`offline sweep: ${(e as Error).message}`)), 5000));
    const retention = () => void purgeExpired(sql).then((n) => n && log(`retention removed ${n} rows`)).catch((e) => log(`retention: ${(e as Error).message}`));
    retention();
    timers.push(setInterval(retention, 3600_000));
    // Plan tasks and overdue reminders (R6.4.1): once a minute is plenty for day-scale plans.
    const fieldJobs = () =>
      void runFieldJobs(sql, fieldDb.db)
        .then((r) => (r.created || r.overdueTasks || r.overdueCases) && log(`field jobs: ${r.created} tasks generated, ${r.overdueTasks} tasks and ${r.overdueCases} cases overdue`))
        .catch((e) => log(`field jobs: ${(e as Error).message}`));
    fieldJobs();
    timers.push(setInterval(fieldJobs, 60_000));
  }

  return {
    sql,
    directory,
    rejects,
    broker,
    pipeline,
    dispatcher,
    link,
    async stop() {
      stopping = true;
      for (const t of timers) clearInterval(t);
      // Give what is in flight a moment to commit; anything left is redelivered by the broker.
      await Promise.race([pipeline?.idle(), new Promise((r) => setTimeout(r, 5000))]);
      pipeline?.close();
      await rejects.flush();
      await dispatcher?.stop();
      await ledgerChanges.unlisten();
      for (const l of links) l.close();
      await broker?.close();
      await sql.end({ timeout: 5 });
      await fieldDb.close();
    },
  };
}

export type Bridge = Awaited<ReturnType<typeof startBridge>>;
