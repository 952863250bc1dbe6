/**
 * `npm run bench:field-store`: the browser's share of a field app first pull, without server or
 * network. Bundles bench/browser/rxdb-store.ts (RxDB + Dexie as the tablet uses them), serves it
 * on loopback, and times the initial replication of BENCH_DOCS visits (default 20,000) into
 * IndexedDB in headless Chromium for storage variants (indexes, multiInstance, page size),
 * interleaved over BENCH_ROUNDS rounds because the machine is shared. Prints figures.
 */
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import type { Variant } from './browser/rxdb-store';
import { cpuWindow } from './lib/proc-cpu';

const N = Number(process.env.BENCH_DOCS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROOT = resolve(import.meta.dirname, '..');

const bundle = await build({ entryPoints: [resolve(ROOT, 'bench/browser/rxdb-store.ts')], bundle: true, minify: true, format: 'iife', platform: 'browser', write: false, define: { 'process.env.NODE_ENV': '"production"' } });
const js = bundle.outputFiles[0]!.text;
const server = createServer((req, res) => {
  if (req.url === '/store.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
  else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/store.js"></script>');
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;

const base = [['updatedAt', 'id']];
const v0: Variant = { name: 'v0 schema (3 indexes)', indexes: [['updatedAt', 'id'], ['tenantId', 'updatedAt'], ['householdId', 'at']], multiInstance: true, batchSize: 1000, push: true };
const variants: Variant[] = [
  v0,
  { ...v0, name: 'v1 schema (1 index)', indexes: base },
  { ...v0, name: 'v1, multiInstance off', indexes: base, multiInstance: false },
  { ...v0, name: 'v1, pull-only (no meta copy)', indexes: base, push: false },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  const times = new Map<string, { ms: number[]; cpu: number[] }>();
  for (let r = 0; r < ROUNDS; r++) {
    for (const v of r % 2 === 0 ? variants : [...variants].reverse()) {
      const cpu = cpuWindow(() => [process.pid]);
      const [res] = await page.evaluate(([vs, n]) => (window as unknown as { runStore: (v: unknown, n: number) => Promise<{ name: string; ms: number; count: number }[]> }).runStore(vs, n), [[v], N] as const);
      const used = Object.entries(cpu()).filter(([k]) => k.startsWith('chromium')).reduce((a, [, ms]) => a + ms, 0);
      if (res!.count !== N) throw new Error(`${v.name}: ${res!.count} of ${N} stored`);
      const t = times.get(v.name) ?? { ms: [], cpu: [] };
      t.ms.push(res!.ms);
      t.cpu.push(used);
      times.set(v.name, t);
    }
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  for (const [name, t] of times) console.log(`${name.padEnd(34)} ${N} visits: median ${(med(t.ms) / 1000).toFixed(2)} s (runs ${t.ms.map((m) => (m / 1000).toFixed(2)).join(', ')}), Chromium CPU median ${(med(t.cpu) / 1000).toFixed(2)} s`);
} finally {
  await browser.close();
  server.close();
}
