import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../playwright.config';
import { signIn } from './helpers';

/**
 * Issue #9 against the real web server (apps/web/serve.ts in front of Next): what only the HTTP
 * layer can show — body limits before parsing, batch refusal, the peer address, redirects.
 */
test.describe('issue #9 over HTTP', () => {
  test('a huge tRPC body is refused from its headers, before it is read (9.7)', async ({ baseURL }) => {
    const url = new URL('/api/trpc/auth.signIn', baseURL);
    // Declares 100 MB, sends 1 MB: the answer must come without the rest ever being sent.
    const started = Date.now();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(100 * 1024 * 1024), origin: url.origin } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write(Buffer.alloc(1024 * 1024, 0x20));
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.zh).toContain('请求内容过大');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('a body without a length is refused (9.7)', async ({ baseURL }) => {
    const url = new URL('/api/trpc/auth.signIn', baseURL);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"json":');
    });
    expect(status).toBe(411);
  });

  test('a photo chunk over the limit gets 413 without being buffered (9.7)', async ({ request }) => {
    const res = await request.put('/api/field/photos/00000000-0000-4000-8000-000000000000', {
      data: Buffer.alloc(6 * 1024 * 1024),
      headers: { 'content-range': 'bytes 0-6291455/6291456', 'content-type': 'application/octet-stream' },
    });
    expect(res.status()).toBe(413);
  });

  test('sign-in calls cannot be batched (9.2a)', async ({ request, baseURL }) => {
    const call = { json: { username: 'moma.staff', password: 'wrong' } };
    const res = await request.post('/api/trpc/auth.signIn,auth.signIn?batch=1', { data: JSON.stringify({ 0: call, 1: call }), headers: { 'content-type': 'application/json', origin: baseURL! } });
    expect(res.status()).toBe(400);
    expect((await res.json()).error.zh).toContain('不能批量');
  });

  test('the audit log records the socket address, not a client-sent X-Forwarded-For (9.2c)', async ({ page, baseURL }) => {
    const res = await page.request.post('/api/trpc/auth.signIn', {
      data: JSON.stringify({ json: { username: 'moma.staff', password: DEMO_PASSWORD } }),
      headers: { 'content-type': 'application/json', origin: baseURL!, 'x-forwarded-for': '203.0.113.77' },
    });
    expect(res.ok()).toBe(true);
    await page.context().clearCookies();
    await signIn(page, 'admin');
    const input = encodeURIComponent(JSON.stringify({ json: { page: 1, pageSize: 5, action: 'auth.sign_in', actor: 'moma.staff' } }));
    const audit = await page.request.get(`/api/trpc/audit.search?input=${input}`);
    const rows = (await audit.json()).result.data.json.items as Array<{ ip: string | null }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.ip).toBe('127.0.0.1');
    expect(rows.some((r) => r.ip === '203.0.113.77')).toBe(false);
  });

  for (const next of ['/%5Cevil.example/x', '/%09/evil.example/x', '/%5C%5Cevil.example', '/.//evil.example']) {
    test(`after sign-in, ?next=${next} stays on this site (9.5)`, async ({ page, baseURL }) => {
      await page.goto(`/login?next=${next}`);
      await page.locator('#username').fill('moma.staff');
      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.locator('form button[type="submit"]').click();
      await expect(page).not.toHaveURL(/\/login/);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      // Signed in already: the login page redirects on the server, which must refuse it too.
      await page.goto(`/login?next=${next}`);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    });
  }
});
