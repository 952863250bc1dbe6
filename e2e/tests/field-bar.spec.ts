import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { signIn } from './helpers';
import { SYNC, serverDocs } from './tablet';

/**
 * Issue #10 on one tablet: the status bar tells the truth (an ended session, the app not yet
 * ready offline, a tablet clock that is off), corrupt photos get a reason and lose no report,
 * and checklist input composes.
 */
test.setTimeout(180_000);

async function openTablet(browser: Browser, username = 'fs.grid', prepare?: (context: BrowserContext, page: Page) => Promise<void>) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN', serviceWorkers: 'allow' });
  const page = await context.newPage();
  await prepare?.(context, page);
  await signIn(page, username);
  await page.goto('/field');
  return { context, page, status: page.getByTestId('sync-status') };
}

async function newVisit(page: Page, notes: string) {
  await page.getByTestId('tab-visits').click();
  await page.getByTestId('new-visit').click();
  await page.getByTestId('pick-building').selectOption({ label: '4号楼' });
  await page.getByTestId('pick-unit').selectOption({ index: 1 });
  await page.getByTestId('pick-household').selectOption({ index: 1 });
  await page.getByTestId('visit-occupancy').selectOption('occupied');
  await page.getByTestId('visit-notes').fill(notes);
  await page.getByTestId('save-visit').click();
  await expect(page.getByTestId('visit-item').first()).toContainText('自住');
}

test('defect 4: an ended session is reported with "sign in again", the waiting record counted, and sent after signing in', async ({ browser }) => {
  const { context, page, status } = await openTablet(browser);
  await expect(status).toHaveAttribute('data-state', 'synced', SYNC);
  // The session ends (expired, or signed out elsewhere): every pull and push now gets 401.
  await context.clearCookies();
  const notes = `会话过期后走访 ${Date.now()}`;
  await newVisit(page, notes);
  await expect(status).toHaveAttribute('data-state', 'signedOut', SYNC);
  await expect(status).toHaveAttribute('data-pending', '1');
  await page.getByTestId('sign-in-again').click();
  await page.locator('#username').fill('fs.grid');
  await page.locator('#password').fill('Linli@2026');
  await page.locator('form button[type="submit"]').click();
  await expect(page).toHaveURL(/\/field$/);
  await expect(status).toHaveAttribute('data-state', 'synced', SYNC);
  await expect(status).toHaveAttribute('data-pending', '0');
  expect((await serverDocs(page, 'visits')).filter((v) => v.notes === notes)).toHaveLength(1);
  await context.close();
});

test('defect 6: the bar says "synced" only once the app works offline, and the first screen precaches little', async ({ browser }) => {
  // A slow link for the worker's downloads, so the precache takes a while.
  const { context, page, status } = await openTablet(browser, 'fs.grid', async (ctx) => {
    await ctx.route('**/_next/static/**', async (route) => {
      await new Promise((r) => setTimeout(r, 1_500));
      await route.continue();
    });
  });
  const swActive = () => page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/field'))?.active?.state === 'activated');
  // While the worker installs, the bar says so (its progress in %), whatever the data does.
  await expect.soft(status).toHaveAttribute('data-offline-app', 'preparing');
  await expect.soft(status).toContainText(/离线功能准备中 \d+%/);
  await expect(status).toHaveAttribute('data-state', 'synced', SYNC);
  expect(await swActive()).toBe(true);
  // So going offline now and reloading opens the app, not the browser's error page.
  await context.setOffline(true);
  await page.reload();
  await expect(status).toHaveAttribute('data-state', 'offline', SYNC);
  const precached = await page.evaluate(async () => {
    let bytes = 0;
    for (const name of await caches.keys()) {
      if (!name.includes('precache')) continue;
      const cache = await caches.open(name);
      for (const req of await cache.keys()) bytes += (await (await cache.match(req))!.arrayBuffer()).byteLength;
    }
    return bytes;
  });
  // Was 7.4 MB: every chunk of the whole web app.
  expect(precached).toBeGreaterThan(100_000);
  expect(precached).toBeLessThan(2_000_000);
  await context.close();
});

test('defect 8: a corrupt photo is refused at capture with a reason in the page’s language; the report is kept and sent; a PNG named .jpg is kept as a JPEG', async ({ browser }) => {
  const { context, page, status } = await openTablet(browser);
  await expect(status).toHaveAttribute('data-state', 'synced', SYNC);
  const title = `损坏照片测试 ${Date.now()}`;
  await page.getByTestId('tab-hazards').click();
  await page.getByTestId('report-hazard').click();
  await page.getByTestId('hazard-kind').selectOption('public_facility');
  await page.getByTestId('hazard-title').fill(title);
  await page.getByTestId('hazard-description').fill('照片损坏但上报要保留');
  for (const size of [40_000, 400_000]) {
    await page.getByTestId('photo-input').setInputFiles({ name: 'broken.jpg', mimeType: 'image/jpeg', buffer: randomBytes(size) });
    await expect(page.getByText(/照片保存失败/)).toHaveText('照片保存失败：无法读取该图片：文件已损坏，或不是 JPEG、PNG、WebP 格式的照片');
  }
  const png = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    canvas.getContext('2d')!.fillRect(10, 10, 100, 100);
    const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
    return [...new Uint8Array(await blob.arrayBuffer())];
  });
  await page.getByTestId('photo-input').setInputFiles({ name: 'actually-png.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(png) });
  await expect(page.getByTestId('photo-thumb')).toHaveCount(1);
  await expect(page.getByText(/照片保存失败/)).toHaveCount(0);
  // Everything typed is still there and the report goes through, with the good photo.
  await expect(page.getByTestId('hazard-title')).toHaveValue(title);
  await page.getByTestId('submit-hazard').click();
  await expect(page.getByTestId('case-title')).toHaveText(title);
  await expect(page.getByTestId('photo-thumb')).toHaveAttribute('data-uploaded', '1', SYNC);
  await expect(status).toHaveAttribute('data-state', 'synced', SYNC);
  const reported = (await serverDocs(page, 'cases')).find((c) => c.title === title) as { photoIds: string[] };
  const img = await page.request.get(`/api/field/photos/${reported.photoIds[0]}`);
  expect([...(await img.body()).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  await context.close();
});

test('defect 9: a note typed then "fault" tapped at once on a pending task both stay; starting the task does not move the buttons under the finger', async ({ browser }) => {
  const { context, page, status } = await openTablet(browser, 'moma.tech');
  await expect(status).toHaveAttribute('data-state', 'synced', SYNC);
  await page.getByTestId('tab-tasks').click();
  await page.getByTestId('task-item').filter({ hasText: '电梯半月保养' }).first().click();
  await expect(page.getByTestId('task-status')).toHaveText('待开始');
  const item = page.getByTestId('checklist-item').first();
  await item.getByRole('textbox', { name: '备注' }).fill('制动器有异响');
  // A finger: down on 故障 (the note field loses focus and saves, which starts the task), up a moment later.
  const fault = item.getByTestId('result-fault');
  const box = (await fault.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(400);
  await page.mouse.up();
  await expect(page.getByTestId('task-status')).toHaveText('进行中');
  await expect(fault).toHaveAttribute('aria-pressed', 'true');
  await expect(item.getByRole('textbox', { name: '备注' })).toHaveValue('制动器有异响');
  await expect(status).toHaveAttribute('data-state', 'synced', SYNC);
  const task = (await serverDocs(page, 'tasks')).find((t) => String(t.title).includes('电梯半月保养') && t.status === 'in_progress') as { checklist: { result?: string; note?: string }[] };
  expect(task.checklist[0]).toMatchObject({ result: 'fault', note: '制动器有异响' });
  await context.close();
});

test('defect 10: the server’s clock warning reaches the worker', async ({ browser }) => {
  const { context, page, status } = await openTablet(browser, 'fs.grid', async (_ctx, p) => {
    // The tablet's clock runs two hours fast.
    await p.clock.install({ time: Date.now() + 2 * 3_600_000 });
  });
  await expect(status).toHaveAttribute('data-state', 'synced', SYNC);
  await newVisit(page, `时钟偏快的走访 ${Date.now()}`);
  await expect(status).toHaveAttribute('data-pending', '0', SYNC);
  await expect(page.getByTestId('clock-warning')).toContainText('平板时钟快了约 120 分钟');
  await expect(page.getByTestId('clock-warning')).toContainText('请校准平板时间');
  await context.close();
});
