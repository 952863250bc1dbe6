import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import mqttPacket, { type IPublishPacket, type Packet } from 'mqtt-packet';

export interface LinkOptions {
  url: string;
  clientId: string;
  username: string;
  password: string;
  keepaliveSeconds?: number;
}

export interface Incoming {
  topic: string;
  payload: Buffer;
  qos: 0 | 1 | 2;
  messageId?: number;
}

/**
 * A minimal MQTT 3.1.1 client for the bridge. mqtt.js handles incoming packets one at a time
 * and only moves on after the PUBACK is written, so acknowledging after a database commit would
 * serialise ingest; here a PUBACK is sent whenever its batch has committed, while packets keep
 * flowing. Persistent session (clean=false): whatever was not acknowledged is redelivered.
 */
export class MqttLink extends EventEmitter {
  private socket: Socket | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private ping: NodeJS.Timeout | null = null;
  connected = false;

  constructor(private readonly options: LinkOptions) {
    super();
  }

  async connect(): Promise<{ sessionPresent: boolean }> {
    const url = new URL(this.options.url);
    const socket = connect({ host: url.hostname, port: Number(url.port || 1883) });
    socket.setNoDelay(true);
    this.socket = socket;
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    socket.on('data', (chunk) => parser.parse(chunk));
    parser.on('error', (e) => socket.destroy(e));
    const connack = new Promise<{ sessionPresent: boolean }>((resolve, reject) => {
      socket.once('error', reject);
      parser.on('packet', (packet: Packet) => {
        if (packet.cmd === 'connack') {
          if (packet.returnCode !== 0) reject(new Error(`MQTT connection refused (code ${packet.returnCode})`));
          else resolve({ sessionPresent: !!packet.sessionPresent });
          return;
        }
        this.onPacket(packet);
      });
    });
    socket.on('close', () => {
      this.connected = false;
      if (this.ping) clearInterval(this.ping);
      for (const w of this.waiting.values()) w.reject(new Error('connection closed'));
      this.waiting.clear();
      this.emit('close');
    });
    socket.on('error', (e) => this.emit('error', e));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    const keepalive = this.options.keepaliveSeconds ?? 30;
    this.write({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: false, clientId: this.options.clientId, keepalive, username: this.options.username, password: Buffer.from(this.options.password) });
    const result = await connack;
    this.connected = true;
    this.ping = setInterval(() => this.write({ cmd: 'pingreq' }), (keepalive * 1000) / 2);
    return result;
  }

  private onPacket(packet: Packet) {
    switch (packet.cmd) {
      case 'publish': {
        const p = packet as IPublishPacket;
        this.emit('message', { topic: p.topic, payload: Buffer.isBuffer(p.payload) ? p.payload : Buffer.from(p.payload), qos: p.qos, messageId: p.messageId } satisfies Incoming);
        break;
      }
      case 'puback':
      case 'suback': {
        const id = packet.messageId;
        if (id === undefined) break;
        const w = this.waiting.get(id);
        this.waiting.delete(id);
        if (packet.cmd === 'suback' && packet.granted.some((g) => g === 128)) w?.reject(new Error('subscription refused'));
        else w?.resolve();
        break;
      }
      default:
        break;
    }
  }

  private write(packet: Packet) {
    this.socket?.write(mqttPacket.generate(packet));
  }

  private allocateId(): number {
    for (let i = 0; i < 65535; i++) {
      const id = this.nextId;
      this.nextId = this.nextId >= 65535 ? 1 : this.nextId + 1;
      if (!this.waiting.has(id)) return id;
    }
    throw new Error('no free MQTT message id');
  }

  private request(packet: Packet & { messageId?: number }): Promise<void> {
    const messageId = this.allocateId();
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(messageId, { resolve, reject });
      this.write({ ...packet, messageId } as Packet);
    });
  }

  subscribe(topic: string, qos: 0 | 1 = 1): Promise<void> {
    return this.request({ cmd: 'subscribe', subscriptions: [{ topic, qos }] } as Packet);
  }

  /** QoS 1 publish; resolves on the broker's PUBACK. */
  publish(topic: string, payload: string | Buffer, qos: 0 | 1 = 1): Promise<void> {
    if (qos === 0) {
      this.write({ cmd: 'publish', topic, payload, qos: 0, dup: false, retain: false });
      return Promise.resolve();
    }
    return this.request({ cmd: 'publish', topic, payload, qos: 1, dup: false, retain: false } as Packet);
  }

  /** Acknowledges many deliveries in one socket write. */
  ack(messageIds: number[]) {
    if (!this.socket || messageIds.length === 0) return;
    this.socket.cork();
    for (const messageId of messageIds) this.write({ cmd: 'puback', messageId });
    process.nextTick(() => this.socket?.uncork());
  }

  close() {
    if (this.ping) clearInterval(this.ping);
    if (this.socket && !this.socket.destroyed) {
      this.write({ cmd: 'disconnect' });
      this.socket.end();
    }
  }

  /** Stops reading from the broker (TCP backpressure) while the pipeline catches up. */
  pause() {
    this.socket?.pause();
  }

  resume() {
    this.socket?.resume();
  }

  /** Drops the connection without DISCONNECT (tests: a bridge that dies). */
  destroy() {
    this.socket?.destroy();
  }
}
