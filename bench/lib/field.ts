/**
 * Shared pieces of the field-app benchmarks: the real app (`scripts/start.ts`, production build,
 * freshly seeded database in a temp dir), a headless Chromium tablet, and server-side set-up
 * through the same tRPC endpoints the tablets use. Loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { batchIdFor, type PushBatch } from '@linli/sync';
import { cpuWindow } from './proc-cpu';

export const ROOT = resolve(import.meta.dirname, '../..');
export const PASSWORD = 'Linli@2026';
const envInt = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
export const PORT = envInt('BENCH_PORT', 3230);
export const BASE = `http://127.0.0.1:${PORT}`;

export interface App {
  pid: number;
  stop(): Promise<void>;
}

/** Starts the app as `npm start` does (builds first if the build is stale), on its own ports and data. */
export async function startApp(): Promise<App> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-field-bench-'));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when we are root
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: String(PORT),
      LINLI_DATA_DIR: dataDir,
      LINLI_PG_PORT: String(envInt('BENCH_PG_PORT', 54397)),
      LINLI_MQTT_PORT: String(envInt('BENCH_MQTT_PORT', 18847)),
      LINLI_MQTT_WS_PORT: String(envInt('BENCH_MQTT_WS_PORT', 18099)),
      LINLI_DEVSIM_PORT: String(envInt('BENCH_DEVSIM_PORT', 3958)),
      LINLI_DEMO_PASSWORD: PASSWORD,
      // No device simulator: its telemetry would compete for the two cores with what is measured.
      LINLI_DEVSIM: '0',
    },
  });
  child.stdout?.on('data', () => undefined);
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${BASE}/login`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('the app did not start within 5 minutes');
    await new Promise((r) => setTimeout(r, 1000));
  }
  return {
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in API session (cookie) for set-up through the tablets' own endpoints. */
export async function apiSession(username: string) {
  const res = await fetch(`${BASE}/api/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE },
    body: JSON.stringify({ json: { username, password: PASSWORD } }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const call = async <T>(path: string, input: unknown, method: 'GET' | 'POST'): Promise<T> => {
    const url = method === 'GET' ? `${BASE}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}` : `${BASE}/api/trpc/${path}`;
    const r = await fetch(url, {
      method,
      headers: { cookie, origin: BASE, 'content-type': 'application/json' },
      ...(method === 'POST' ? { body: JSON.stringify({ json: input }) } : {}),
    });
    const body = (await r.json()) as { result?: { data: { json: T } }; error?: unknown };
    if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error).slice(0, 300)}`);
    return body.result.data.json;
  };
  const me = await call<{ user: { id: string } }>('auth.me', undefined, 'GET');
  return { userId: me.user.id, query: <T>(p: string, i: unknown) => call<T>(p, i, 'GET'), mutate: <T>(p: string, i: unknown) => call<T>(p, i, 'POST') };
}

export type Session = Awaited<ReturnType<typeof apiSession>>;

/** Households the worker may visit (pulled as the tablet would). */
export async function households(s: Session): Promise<{ id: string; tenantId: string; areaId?: string }[]> {
  const out: { id: string; tenantId: string; kind: string; areaId?: string }[] = [];
  let checkpoint: unknown = null;
  for (;;) {
    const page = await s.query<{ documents: typeof out; checkpoint: unknown }>('field.pull', { collection: 'places', checkpoint, limit: 1000 });
    out.push(...page.documents);
    if (page.documents.length < 1000) break;
    checkpoint = page.checkpoint;
  }
  return out.filter((p) => p.kind === 'household');
}

/** `n` household visits by the worker, pushed in batches of 500 (set-up, timed separately). */
export async function pushVisits(s: Session, n: number, deviceId: string): Promise<number> {
  const homes = await households(s);
  if (homes.length === 0) throw new Error('no households in the worker’s area');
  const t0 = performance.now();
  const now = Date.now();
  for (let i = 0; i < n; i += 500) {
    const rows = Array.from({ length: Math.min(500, n - i) }, (_, k) => {
      const h = homes[(i + k) % homes.length]!;
      const doc = {
        id: crypto.randomUUID(),
        tenantId: h.tenantId,
        updatedAt: 0,
        householdId: h.id,
        ...(h.areaId ? { areaId: h.areaId } : {}),
        workerId: s.userId,
        at: now - (i + k) * 1000,
        occupancy: 'occupied',
        notes: `例行走访 #${i + k}`,
        vulnerable: [],
        photoIds: [],
        _deleted: false,
      };
      return { assumedMasterState: null, newDocumentState: doc };
    });
    const batch = { collection: 'visits', deviceId, clientTime: Date.now(), rows, batchId: batchIdFor(deviceId, rows.map((r) => ({ collection: 'visits', ...r }))) } as unknown as PushBatch;
    const out = await s.mutate<{ rejected: unknown[] }>('field.push', batch);
    if (out.rejected.length > 0) throw new Error(`set-up push refused: ${JSON.stringify(out.rejected[0])}`);
  }
  return performance.now() - t0;
}

/** A headless Chromium tablet signed in as the worker, on /field, first sync done. */
export async function openTablet(username: string, app?: App): Promise<{ browser: Browser; page: Page; firstSyncMs: number; cpu: Record<string, number> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({ baseURL: BASE, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  // BENCH_PROFILE=file.cpuprofile: a CDP CPU profile of the first sync (open in DevTools, or
  // summarise with `node bench/lib/profile-summary.ts file.cpuprofile`).
  const profileTo = process.env.BENCH_PROFILE;
  const cdp = profileTo ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  // Chromium and the app are children of this process (the bench itself shows as `node`).
  const cpuSince = cpuWindow(() => [process.pid, app?.pid ?? -1]);
  await page.goto('/field');
  await page.locator('[data-testid="sync-status"][data-state="synced"]').waitFor({ timeout: 300_000 });
  const cpu = cpuSince();
  if (cdp && profileTo) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(profileTo, JSON.stringify(profile));
  }
  const firstSyncMs = await page.evaluate(() => performance.measure('first-sync', 'field-sync-start', 'field-sync-ready').duration);
  return { browser, page, firstSyncMs, cpu };
}

export const fmtMs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
