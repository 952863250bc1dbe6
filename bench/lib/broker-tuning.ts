/**
 * Experiments only, never used by default: preloaded (`node --import`) into the broker/bridge
 * child processes to try a change without touching apps/:
 *  - BENCH_NODELAY=1|broker: Nagle off on every accepted TCP socket (aedes-server-factory leaves
 *    it on), i.e. what `socket.setNoDelay(true)` in apps/bridge/src/broker.ts would give;
 *  - BENCH_MQ_CONCURRENCY=n: aedes' `concurrency` option (the mqemitter limit, default 100;
 *    0 = unbounded), i.e. what `Aedes.createBroker({ concurrency: n })` would give.
 */
import net from 'node:net';
import { createRequire } from 'node:module';

if (['1', 'broker'].includes(process.env.BENCH_NODELAY ?? '')) {
  const proto = net.Server.prototype as unknown as { emit: (this: net.Server, event: string | symbol, ...args: unknown[]) => boolean };
  const emit = proto.emit;
  proto.emit = function (event, ...args) {
    if (event === 'connection') (args[0] as net.Socket).setNoDelay?.(true);
    return emit.call(this, event, ...args);
  };
}

if (process.env.BENCH_MQ_CONCURRENCY !== undefined) {
  const n = Number(process.env.BENCH_MQ_CONCURRENCY);
  const require = createRequire(createRequire(import.meta.url).resolve('aedes'));
  const MQEmitter = require('mqemitter') as { prototype: { emit: (this: { concurrency: number }, ...a: unknown[]) => unknown } };
  const emit = MQEmitter.prototype.emit;
  MQEmitter.prototype.emit = function (this: { concurrency: number }, ...a: unknown[]) {
    this.concurrency = n;
    return emit.apply(this, a);
  };
}
