/**
 * Whether the field app itself works offline yet: its service worker (worker.ts) has installed the
 * app shell. Until then a reload without network shows the browser's error page, so the status
 * bar must not say "synced" (issue #10: "已同步" after 2.7 s while 7.4 MB were still precaching).
 * Page side only; the worker reports its precache progress with PRECACHE_PROGRESS messages.
 */
import { PRECACHE_PROGRESS, type PrecacheProgress } from './progress';

export type OfflineApp = { state: 'ready' } | { state: 'preparing'; percent: number | null } | { state: 'unavailable' };

export const SW_URL = '/field/sw/sw.js';
export const SW_SCOPE = '/field';

/** Registers the worker (production builds only) and reports the app's offline state until it is ready. */
export function watchOfflineApp(onChange: (state: OfflineApp) => void): () => void {
  // Without a service worker (plain HTTP on another host than localhost, or `next dev`) the app
  // cannot open offline at all: say so instead of "preparing" forever.
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || process.env.NODE_ENV !== 'production') {
    onChange({ state: 'unavailable' });
    return () => undefined;
  }
  const container = navigator.serviceWorker;
  let stopped = false;
  let percent: number | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  const check = async () => {
    const reg = await container.getRegistration(SW_SCOPE);
    if (stopped) return;
    if (reg?.active?.state === 'activated') {
      onChange({ state: 'ready' });
      stop();
    } else onChange({ state: 'preparing', percent });
  };
  const onMessage = (event: MessageEvent) => {
    const data = event.data as Partial<PrecacheProgress> | null;
    if (data?.type !== PRECACHE_PROGRESS || !data.total) return;
    // 100 % only once the worker is active (it still stores the page after the chunks).
    percent = Math.min(99, Math.round((100 * (data.done ?? 0)) / data.total));
    void check();
  };
  const stop = () => {
    stopped = true;
    if (timer) clearInterval(timer);
    container.removeEventListener('message', onMessage);
  };
  container.addEventListener('message', onMessage);
  container.startMessages();
  container
    .register(SW_URL, { scope: SW_SCOPE, type: 'module' })
    .then(() => {
      void check();
      // Activation has no event on the page that covers every case (a worker installed by another
      // tab, an update); a light poll until ready does.
      if (!stopped) timer = setInterval(() => void check(), 1000);
    })
    .catch(() => {
      if (!stopped) onChange({ state: 'unavailable' });
      stop();
    });
  return stop;
}
