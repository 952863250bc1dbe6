import type { LiveEvent } from '@linli/db/live';

export { LIVE_CHANNEL, type LiveEvent } from '@linli/db/live';

/** One LISTEN per process, fanned out to every open subscription. */
export interface LiveBus {
  subscribe(listener: (event: LiveEvent) => void): () => void;
}

/**
 * Yields the bus events that pass `accept` until the client goes away: a queue filled by the
 * listener and drained by the generator, woken by the next event or by the abort.
 */
async function* busEvents<E extends LiveEvent>(bus: LiveBus, accept: (event: LiveEvent) => event is E, signal: AbortSignal | undefined): AsyncGenerator<E> {
  const queue: E[] = [];
  let wake: (() => void) | null = null;
  const off = bus.subscribe((event) => {
    if (!accept(event)) return;
    queue.push(event);
    wake?.();
  });
  try {
    while (!signal?.aborted) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          signal?.addEventListener('abort', () => resolve(), { once: true });
        });
        wake = null;
      }
      while (queue.length) yield queue.shift()!;
    }
  } finally {
    off();
  }
}

/** Yields the events of one tenant until the client goes away. */
export function tenantEvents(bus: LiveBus, tenantId: string, signal: AbortSignal | undefined): AsyncGenerator<LiveEvent> {
  return busEvents(bus, (event): event is LiveEvent => event.tenantId === tenantId, signal);
}

type FieldLiveEvent = Extract<LiveEvent, { type: 'field' }>;

/** Field-sync changes of any of the given tenants until the client goes away. */
export function fieldEvents(bus: LiveBus, tenantIds: ReadonlySet<string>, signal: AbortSignal | undefined): AsyncGenerator<FieldLiveEvent> {
  return busEvents(bus, (event): event is FieldLiveEvent => event.type === 'field' && tenantIds.has(event.tenantId), signal);
}
