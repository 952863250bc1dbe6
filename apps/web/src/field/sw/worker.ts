/**
 * The field app's service worker (bundled by @serwist/turbopack at `next build`, served from
 * /field/sw/sw.js, scope /field). It keeps the app shell on the tablet so /field opens and works
 * with no network: the chunks of the /field page and the manifest/icons are precached (only those:
 * see precache.ts), other built chunks are cached when first fetched; the /field page itself is
 * network-first with the last good copy as fallback. API calls are never cached: data lives in
 * RxDB and photos in their own IndexedDB store, not in HTTP caches. While it installs it tells
 * the app's pages how far it got, for the status bar (readiness.ts).
 */
import { CacheFirst, ExpirationPlugin, NetworkFirst, Serwist, type PrecacheEntry, type SerwistPlugin } from 'serwist';
import { PRECACHE_PROGRESS, type PrecacheProgress } from './progress';

declare global {
  // Replaced at build time by the precache list (esbuild `define` matches `self.__SW_MANIFEST` literally).
  interface Window {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

interface SwScope {
  addEventListener(type: 'install', listener: (event: { waitUntil(p: Promise<unknown>): void }) => void): void;
  clients: { matchAll(options: { includeUncontrolled: boolean; type: 'window' }): Promise<{ postMessage(message: unknown): void }[]> };
}
const sw = self as unknown as SwScope;

export const SHELL_CACHE = 'linli-field-shell';
const SHELL_URL = '/field';

/** A redirect (to /login) must never be stored as the app page: offline it would lock the worker out. */
const onlyRealPages: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) => (response.ok && !response.redirected && response.type === 'basic' ? response : null),
};

const precacheEntries = self.__SW_MANIFEST ?? [];
let stored = 0;
/** Counts the entries stored during install and tells the pages (not yet controlled ones too). */
const progress: SerwistPlugin = {
  cacheDidUpdate: async () => {
    stored++;
    const message: PrecacheProgress = { type: PRECACHE_PROGRESS, done: stored, total: precacheEntries.length };
    for (const client of await sw.clients.matchAll({ includeUncontrolled: true, type: 'window' })) client.postMessage(message);
  },
};

const serwist = new Serwist({
  precacheEntries,
  precacheOptions: { plugins: [progress] },
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    {
      // The app page: fresh when the network answers within 4 s, else the last copy (poor signal).
      matcher: ({ request, url }) => request.mode === 'navigate' && url.pathname.startsWith(SHELL_URL),
      handler: new NetworkFirst({ cacheName: SHELL_CACHE, networkTimeoutSeconds: 4, plugins: [onlyRealPages] }),
    },
    {
      // Built chunks have content hashes: once fetched they never change.
      matcher: ({ url }) => url.pathname.startsWith('/_next/static/'),
      handler: new CacheFirst({ cacheName: 'linli-field-static', plugins: [new ExpirationPlugin({ maxEntries: 400 })] }),
    },
  ],
});

// The page that registers the worker was loaded before the worker controlled it, so the shell is
// stored here once, with the session cookie, ready for the first offline reload.
sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      const response = await fetch(SHELL_URL, { credentials: 'same-origin' });
      if (response.ok && !response.redirected) await cache.put(SHELL_URL, response);
    })().catch(() => undefined),
  );
});

serwist.addEventListeners();
