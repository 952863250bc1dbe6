import type { LiveEvent } from '@linli/db/live';

export { LIVE_CHANNEL, type LiveEvent } from '@linli/db/live';

/** One LISTEN per process, fanned out to every open subscription. */
export interface LiveBus {
  subscribe(listener: (event: LiveEvent) => void): () => void;
}

/** Yields the events of one tenant until the client goes away. */
export async function* tenantEvents(bus: LiveBus, tenantId: string, signal: AbortSignal | undefined): AsyncGenerator<LiveEvent> {
  const queue: LiveEvent[] = [];
  let wake: (() => void) | null = null;
  const off = bus.subscribe((event) => {
    if (event.tenantId !== tenantId) return;
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

type FieldLiveEvent = Extract<LiveEvent, { type: 'field' }>;

/** Field-sync changes of any of the given tenants until the client goes away. */
export async function* fieldEvents(bus: LiveBus, tenantIds: ReadonlySet<string>, signal: AbortSignal | undefined): AsyncGenerator<FieldLiveEvent> {
  const queue: FieldLiveEvent[] = [];
  let wake: (() => void) | null = null;
  const off = bus.subscribe((event) => {
    if (event.type !== 'field' || !tenantIds.has(event.tenantId)) return;
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
