import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../playwright.config';

/**
 * A tablet for the field-app tests: its own Chromium process with its own profile folder (a
 * persistent context: IndexedDB, the service worker and localStorage live on disk), driven over
 * CDP. Owning the process lets a test kill the browser the way a crash or the OS does — SIGKILL,
 * no shutdown, nothing flushed — and start it again on the same profile.
 */
export const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;
export const SYNC = { timeout: 90_000 };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// As e2e/playwright.config.ts launches Chromium (no sandbox as root, no background calls).
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check', '--disable-quic', '--lang=zh-CN'];

export class Tablet {
  readonly dir: string;
  private proc: ChildProcess | null = null;
  browser!: Browser;
  context!: BrowserContext;
  page!: Page;

  constructor(
    readonly name: string,
    readonly viewport = { width: 1024, height: 768 },
  ) {
    this.dir = mkdtempSync(join(tmpdir(), `linli-tablet-${name}-`));
  }

  /** Starts the browser on this tablet's profile (again, after a kill). */
  async launch(): Promise<this> {
    const proc = spawn(CHROMIUM, [...ARGS, `--user-data-dir=${this.dir}`, '--remote-debugging-port=0', `--window-size=${this.viewport.width},${this.viewport.height}`, 'about:blank'], {
      detached: true, // its own process group: a kill reaches the renderers and the network service too
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, TZ: 'Asia/Shanghai' },
    });
    this.proc = proc;
    const endpoint = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`${this.name}: Chromium did not start`)), 30_000);
      // Chromium keeps writing to stderr: read it to the end so the pipe never fills up.
      proc.stderr!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      proc.once('exit', (code) => reject(new Error(`${this.name}: Chromium exited (${code})`)));
    });
    this.browser = await chromium.connectOverCDP(endpoint);
    this.context = this.browser.contexts()[0]!;
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    await this.page.setViewportSize(this.viewport);
    return this;
  }

  /** The browser dies at once (SIGKILL to its process group): what is not on disk is lost. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc?.pid || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    process.kill(-proc.pid, 'SIGKILL');
    await exited;
    await this.browser.close().catch(() => undefined);
    this.proc = null;
  }

  async close(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private username: string | null = null;

  async signIn(username: string): Promise<void> {
    this.username = username;
    await this.page.goto(`${BASE}/login`);
    await this.page.locator('#username').fill(username);
    await this.page.locator('#password').fill(DEMO_PASSWORD);
    await this.page.locator('form button[type="submit"]').click();
    await expect(this.page).not.toHaveURL(/\/login/);
  }

  /** Opens the field app (hash route optional) and waits until the bar shows `state` (unless null). */
  async openField(hash = '', state: string | null = 'synced'): Promise<void> {
    await this.page.goto(`${BASE}/field${hash ? `#/${hash}` : ''}`);
    // Chromium writes its cookies to disk lazily: a browser killed soon after signing in comes
    // back signed out, and the worker signs in again (the records wait on the tablet meanwhile).
    if (new URL(this.page.url()).pathname === '/login') {
      await this.page.locator('#username').fill(this.username ?? '');
      await this.page.locator('#password').fill(DEMO_PASSWORD);
      await this.page.locator('form button[type="submit"]').click();
      await expect(this.page).toHaveURL(/\/field/);
    }
    if (state !== null) await expect(this.status).toHaveAttribute('data-state', state, SYNC);
  }

  get status() {
    return this.page.getByTestId('sync-status');
  }
}

/** Pages through field.pull as the page's signed-in user: what the server holds for them. */
export async function serverDocs(page: Page, collection: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let checkpoint: unknown = null;
  for (;;) {
    const input = encodeURIComponent(JSON.stringify({ json: { collection, checkpoint, limit: 1000 } }));
    const res = await page.request.get(`${BASE}/api/trpc/field.pull?input=${input}`);
    expect(res.ok()).toBe(true);
    const body = (await res.json()) as { result: { data: { json: { documents: Record<string, unknown>[]; checkpoint: unknown } } } };
    const page1 = body.result.data.json;
    out.push(...page1.documents);
    if (page1.documents.length < 1000) return out;
    checkpoint = page1.checkpoint;
  }
}
