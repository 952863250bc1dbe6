import { connect as tcpConnect, type Socket } from 'node:net';
import mqttPacket, { type Packet } from 'mqtt-packet';

/**
 * An MQTT 3.1.1 client that writes exactly the bytes a test asks for and records every packet the
 * broker sends back: mqtt.js refuses to send some packets the broker must handle (a zero-length
 * client id with clean=false) and hides how a connection ended.
 */
export interface RawClient {
  socket: Socket;
  packets: Packet[];
  closed: Promise<void>;
  isClosed: () => boolean;
  send: (packet: Packet) => void;
  /** Resolves with the first packet of that kind (rejects after ms, or when the broker hangs up first). */
  next: <K extends Packet['cmd']>(cmd: K, ms?: number) => Promise<Extract<Packet, { cmd: K }>>;
}

const utf8 = (s: string) => {
  const b = Buffer.from(s);
  return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
};

/** CONNECT built by hand, so that any client id / clean flag combination can be sent. */
export function connectBytes(o: { clientId: string; clean: boolean; username?: string; password?: string; keepalive?: number }): Buffer {
  const flags = (o.username !== undefined ? 0x80 : 0) | (o.password !== undefined ? 0x40 : 0) | (o.clean ? 0x02 : 0);
  const keepalive = o.keepalive ?? 30;
  const body = Buffer.concat([
    utf8('MQTT'),
    Buffer.from([4, flags, keepalive >> 8, keepalive & 0xff]),
    utf8(o.clientId),
    o.username !== undefined ? utf8(o.username) : Buffer.alloc(0),
    o.password !== undefined ? utf8(o.password) : Buffer.alloc(0),
  ]);
  return Buffer.concat([remainingLengthHeader(0x10, body.length), body]);
}

/** A fixed header: packet type byte and the variable-length "remaining length". */
export function remainingLengthHeader(typeByte: number, length: number): Buffer {
  const bytes = [typeByte];
  do {
    let digit = length % 128;
    length = Math.floor(length / 128);
    if (length > 0) digit |= 0x80;
    bytes.push(digit);
  } while (length > 0);
  return Buffer.from(bytes);
}

export function rawConnect(port: number, connect: Parameters<typeof connectBytes>[0]): RawClient {
  const socket = tcpConnect({ host: '127.0.0.1', port });
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  const packets: Packet[] = [];
  const waiters = new Set<() => void>();
  let closed = false;
  socket.on('data', (chunk) => parser.parse(chunk));
  socket.on('error', () => {});
  parser.on('packet', (p: Packet) => {
    packets.push(p);
    for (const w of waiters) w();
  });
  const closedP = new Promise<void>((resolve) =>
    socket.on('close', () => {
      closed = true;
      for (const w of waiters) w();
      resolve();
    }),
  );
  socket.write(connectBytes(connect));
  return {
    socket,
    packets,
    closed: closedP,
    isClosed: () => closed,
    send: (packet) => socket.write(mqttPacket.generate(packet)),
    next: (cmd, ms = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const hit = packets.find((p) => p.cmd === cmd);
          if (hit) return done(() => resolve(hit as never));
          if (closed) done(() => reject(new Error(`connection closed before ${cmd} (got ${packets.map((p) => p.cmd).join(', ') || 'nothing'})`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`no ${cmd} within ${ms} ms`))), ms);
        const done = (f: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          f();
        };
        waiters.add(check);
        check();
      }),
  };
}

/** Resolves true if the connection is still open after ms (a refused client is dropped sooner). */
export async function stillOpenAfter(c: RawClient, ms: number): Promise<boolean> {
  await Promise.race([c.closed, new Promise((r) => setTimeout(r, ms))]);
  return !c.isClosed();
}
