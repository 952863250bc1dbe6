import type { Server } from 'node:net';
import type { Duplex } from 'node:stream';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { createServer } from 'aedes-server-factory';
import { clientIdRefusal, deviceMayPublish, deviceMaySubscribe, parseTopic, UP_CHANNELS, UP_FILTER } from '@linli/iot';
import type { DeviceDirectory } from './device-directory';
import { watchFrameSizes } from './frame-size';
import { DEFAULT_BROKER_LIMITS, type BrokerLimits } from './limits';
import { RateLimiter } from './rate-limiter';
import type { RejectLog } from './rejects';

export const BRIDGE_USERNAME = 'linli-bridge';

/** What a bridge may subscribe to: all device traffic, or one up-channel of it. */
const BRIDGE_FILTERS = new Set([UP_FILTER, ...UP_CHANNELS.map((c) => `linli/v1/+/+/${c}`)]);

interface Identity {
  kind: 'device' | 'bridge';
  tenantId?: string;
  deviceId?: string;
}

export interface BrokerOptions {
  port: number;
  wsPort?: number;
  host?: string;
  directory: DeviceDirectory;
  rejects: RejectLog;
  /** Password the bridge processes use (never a device's). */
  bridgePassword: string;
  limits?: Partial<BrokerLimits>;
}

/**
 * Where a publish over the device's rate is sent instead of its own topic: nobody can subscribe
 * to it (devices only to their command topic, the bridge only to device traffic), so the message
 * goes nowhere, while the device gets its PUBACK and is not disconnected. aedes lets
 * authorizePublish rewrite a packet but refuse it only by dropping the connection.
 */
const DROPPED_TOPIC = '$linli/dropped';

/** MQTT filter matching (`+` one level, `#` the rest). */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

function authError(message: string, returnCode: AuthenticateError['returnCode'] = 4 /* bad user name or password */): AuthenticateError {
  const e = new Error(message) as AuthenticateError;
  e.returnCode = returnCode;
  return e;
}

/** 0x02 identifier rejected. */
const idError = (message: string) => authError(message, 2);

/**
 * The embedded broker (aedes): per-device credentials, client ids bound to them, an ACL that keeps
 * each device to its own topics, a packet size limit and a message rate per device, and
 * `$share/<group>/<filter>` for the bridges (aedes lacks MQTT shared subscriptions: each message
 * goes to exactly one connected member of the group, chosen by the broker counter).
 */
export async function startBroker(options: BrokerOptions) {
  const limits = { ...DEFAULT_BROKER_LIMITS, ...options.limits };
  const identities = new WeakMap<Client, Identity>();
  /** The client id as sent: aedes replaces an empty one with a generated id before authenticate. */
  const requestedIds = new WeakMap<Client, string>();
  const shareGroups = new Map<string, Set<Client>>();
  const memberOf = new WeakMap<Client, Set<string>>();
  const rates = new RateLimiter(limits.messagesPerSecond, limits.burst);

  const broker = await Aedes.createBroker({
    heartbeatInterval: 30_000,
    // aedes acknowledges a device's QoS1 publish before forwarding it; with the default cap of
    // 100 concurrent deliveries its queue grows without bound past ~100 publishers (measured:
    // 1.3K msg/s delivered at 1,000 devices vs 24K/s with this).
    concurrency: 10_000,
    preConnect(client, packet, done) {
      requestedIds.set(client, packet.clientId);
      done(null, true);
    },
    // The client id is checked here, before aedes registers the client: registering is what takes
    // over (closes) another connection with the same id.
    authenticate(client, username, password, done) {
      const secret = password?.toString() ?? '';
      const clientId = requestedIds.get(client) ?? client.id;
      const anyone = clientIdRefusal(clientId, client.clean);
      if (anyone) return done(idError(anyone), false);
      if (username === BRIDGE_USERNAME) {
        if (!secret || secret !== options.bridgePassword) return done(authError('bad bridge credentials'), false);
        const refused = clientIdRefusal(clientId, client.clean, { kind: 'bridge' });
        if (refused) return done(idError(refused), false);
        identities.set(client, { kind: 'bridge' });
        return done(null, true);
      }
      if (!username) return done(authError('missing credentials'), false);
      options.directory.verify(username, secret).then(
        (device) => {
          if (!device) return done(authError('unknown device or wrong secret'), false);
          const refused = clientIdRefusal(clientId, client.clean, { kind: 'device', deviceId: device.id });
          if (refused) return done(idError(refused), false);
          identities.set(client, { kind: 'device', tenantId: device.tenantId, deviceId: device.id });
          done(null, true);
        },
        () => done(authError('directory unavailable'), false),
      );
    },
    authorizePublish(client, packet, callback) {
      const who = client ? identities.get(client) : undefined;
      if (!who) return callback(new Error('not authenticated'));
      if (who.kind === 'bridge') {
        const t = parseTopic(packet.topic);
        return callback(t.ok && t.channel === 'command' ? null : new Error('bridge publishes commands only'));
      }
      if (deviceMayPublish(packet.topic, who.tenantId!, who.deviceId!)) {
        // The last will is exempt: one per connection, and it is what marks the device offline
        // (aedes authorizes the very object it keeps as the client's will; its types omit it).
        if (packet === (client as Client & { will?: unknown }).will || rates.take(who.deviceId!)) return callback(null);
        // Over its rate: counted with the reason (one counter per device and minute), not delivered.
        options.rejects.add({
          tenantId: who.tenantId!,
          deviceId: who.deviceId!,
          topic: packet.topic,
          reason: 'rate_limited',
          detail: `more than ${limits.messagesPerSecond} messages/s (burst ${limits.burst})`,
          payload: packet.payload,
        });
        packet.topic = DROPPED_TOPIC;
        packet.retain = false;
        return callback(null);
      }
      // A device writing outside its own topics (another device, another tenant): kept and refused.
      const t = parseTopic(packet.topic);
      options.rejects.add({
        tenantId: who.tenantId!,
        deviceId: who.deviceId!,
        topic: packet.topic,
        reason: t.ok && t.tenantId !== who.tenantId ? 'tenant_mismatch' : 'not_authorized',
        detail: `device ${who.deviceId} may not publish here`,
        payload: packet.payload,
      });
      callback(new Error('not authorized'));
    },
    // A refused filter is answered with return code 0x80 in the SUBACK [MQTT-3.8.4-1, MQTT-3.9.3]
    // (a null subscription), never by dropping the connection: the other filters of the packet
    // and the session carry on.
    authorizeSubscribe(client, sub, callback) {
      const who = identities.get(client);
      if (!who) return callback(null, null);
      if (who.kind === 'device') {
        return callback(null, deviceMaySubscribe(sub.topic, who.tenantId!, who.deviceId!) ? sub : null);
      }
      const shared = /^\$share\/([^/]+)\/(.+)$/.exec(sub.topic);
      const filter = shared ? shared[2]! : sub.topic;
      if (!BRIDGE_FILTERS.has(filter)) return callback(null, null);
      if (shared) {
        // A share group is per (name, filter), as in MQTT 5: members of one name with different
        // filters do not take each other's messages.
        const key = `${shared[1]}|${filter}`;
        const members = shareGroups.get(key) ?? new Set<Client>();
        members.add(client);
        shareGroups.set(key, members);
        const groups = memberOf.get(client) ?? new Set<string>();
        groups.add(key);
        memberOf.set(client, groups);
      }
      // aedes keeps its own reference to the subscription object: rewrite it in place.
      sub.topic = filter;
      callback(null, sub);
    },
    authorizeForward(client, packet) {
      // The bridges publish commands on the same tree they read: never hand those back to them.
      if (identities.get(client)?.kind === 'bridge' && packet.topic.endsWith('/command')) return null;
      const groups = memberOf.get(client);
      if (!groups) return packet;
      for (const group of groups) {
        if (!topicMatches(group.slice(group.indexOf('|') + 1), packet.topic)) continue;
        const members = [...(shareGroups.get(group) ?? [])].filter((c) => c.connected).sort((a, b) => (a.id < b.id ? -1 : 1));
        if (members.length > 1) {
          const chosen = members[Number(packet.brokerCounter) % members.length];
          if (chosen !== client) return null;
        }
      }
      return packet;
    },
  });

  broker.on('clientDisconnect', (client) => {
    for (const group of memberOf.get(client) ?? []) shareGroups.get(group)?.delete(client);
  });

  // Every connection, TCP or WebSocket, comes in through handle(): the size limit sits there.
  const handle = broker.handle.bind(broker);
  broker.handle = (conn: Duplex, req) => {
    const client = handle(conn, req);
    watchFrameSizes(conn, limits.maxPacketBytes, (bytes) => {
      const who = identities.get(client);
      if (who?.kind === 'device') {
        options.rejects.add({ tenantId: who.tenantId!, deviceId: who.deviceId!, topic: '', reason: 'oversized', detail: `MQTT packet of ${bytes} bytes; the broker accepts at most ${limits.maxPacketBytes}`, payload: '' });
      }
      conn.destroy();
    });
    return client;
  };

  const tcp = createServer(broker) as Server;
  // Small MQTT packets (commands, acks) otherwise wait on Nagle's algorithm (~40 ms measured).
  tcp.on('connection', (socket: import('node:net').Socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  let ws: Server | null = null;
  if (options.wsPort) {
    ws = createServer(broker, { ws: true }) as Server;
    await new Promise<void>((resolve, reject) => {
      ws!.once('error', reject);
      ws!.listen(options.wsPort, options.host ?? '127.0.0.1', () => resolve());
    });
  }
  return {
    broker,
    async close() {
      await new Promise<void>((r) => broker.close(() => r()));
      await new Promise<void>((r) => tcp.close(() => r()));
      if (ws) await new Promise<void>((r) => ws!.close(() => r()));
    },
  };
}
