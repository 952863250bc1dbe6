/** The NOTIFY channel the bridge and the API announce live changes on (alarms, commands, state). */
export const LIVE_CHANNEL = 'linli_live';

export type LiveEvent =
  | { type: 'alarm'; tenantId: string; alarmId: string; state: string; severity: string; titleZh: string; titleEn: string; deviceId: string; deviceCode: string; at: string }
  | { type: 'command'; tenantId: string; commandId: string; deviceId: string; state: string; latencyMs: number | null; at: string }
  | { type: 'device'; tenantId: string; deviceId: string; online: boolean; at: string };

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
