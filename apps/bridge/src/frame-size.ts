import type { Readable } from 'node:stream';

/**
 * Cuts a connection whose next MQTT packet announces more than `maxBytes`, as soon as its fixed
 * header has arrived. aedes has no packet size limit: its parser buffers a packet whole before
 * anyone can look at it (a 32 MB publish is 32 MB of memory per connection). This reads the same
 * chunks aedes reads — a 'data' listener on a stream consumed through 'readable'/read() is called
 * with each chunk read() returns, before aedes parses it — and only walks the fixed headers,
 * skipping bodies by their length, so it costs a few operations per packet.
 */
export function watchFrameSizes(stream: Readable, maxBytes: number, onOversize: (announcedBytes: number) => void): void {
  let skip = 0; // body bytes of the current packet still to come
  let headerBytes = 0; // bytes of the fixed header read so far (type byte + length bytes)
  let length = 0;
  let multiplier = 1;
  const onData = (chunk: Buffer) => {
    let i = 0;
    while (i < chunk.length) {
      if (skip > 0) {
        const n = Math.min(skip, chunk.length - i);
        skip -= n;
        i += n;
        continue;
      }
      const byte = chunk[i++]!;
      headerBytes++;
      if (headerBytes === 1) continue; // packet type and flags
      length += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      if (byte & 0x80) {
        // More than four length bytes is malformed: aedes's parser refuses it; stop watching.
        if (headerBytes > 4) stream.off('data', onData);
        continue;
      }
      const total = headerBytes + length;
      skip = length;
      headerBytes = 0;
      length = 0;
      multiplier = 1;
      if (total > maxBytes) {
        stream.off('data', onData);
        onOversize(total);
        return;
      }
    }
  };
  stream.on('data', onData);
}
