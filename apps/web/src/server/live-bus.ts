import 'server-only';
import postgres from 'postgres';
import { LIVE_CHANNEL, type LiveBus, type LiveEvent } from '@linli/api';

/** One LISTEN connection per web process; every open SSE subscription hangs off it. */
export function createLiveBus(url: string): LiveBus {
  const listeners = new Set<(event: LiveEvent) => void>();
  let started: Promise<unknown> | null = null;
  const start = () => {
    started ??= postgres(url, { max: 1, onnotice: () => {} }).listen(LIVE_CHANNEL, (payload) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(payload) as LiveEvent;
      } catch {
        return;
      }
      for (const l of listeners) l(event);
    });
  };
  // Listen from the start, not on the first subscriber: an event in the gap would be lost.
  start();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
