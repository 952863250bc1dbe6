import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { signIn } from './helpers';

/**
 * Issue #4 floor: a grid worker's shift on a tablet without network. Real server, real Chromium,
 * real service worker, RxDB on IndexedDB; the network is cut with context.setOffline (which, in
 * Playwright 1.65 Chromium, also cuts the service worker's own fetches).
 */
// One retry: under Playwright's offline emulation a service worker that Chromium restarts while
// offline sometimes serves nothing (reload → ERR_INTERNET_DISCONNECTED), see microsoft/playwright#2311;
// measured on this machine with an idle wait, not reproduced outside the harness. A retry starts a
// fresh context; a real regression fails both attempts.
test.describe.configure({ mode: 'serial', retries: 1 });
test.setTimeout(180_000);

const SYNC = { timeout: 60_000 };

async function openTablet(browser: Browser, username = 'fs.grid'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN', serviceWorkers: 'allow' });
  const page = await context.newPage();
  await signIn(page, username);
  await page.goto('/field');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', SYNC);
  return { context, page };
}

/** The service worker controls the page and holds the app shell: a reload without network works. */
async function waitForOfflineShell(page: Page) {
  await page.waitForFunction(async () => !!navigator.serviceWorker.controller && !!(await caches.match('/field')), undefined, { timeout: 60_000 });
}

/** A camera-sized noisy JPEG (~300 KB) made by the browser, so compression really runs. */
async function makeJpeg(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 1400;
    canvas.height = 1000;
    const g = canvas.getContext('2d')!;
    const img = g.createImageData(canvas.width, canvas.height);
    for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 2654435761) % 251;
    g.putImageData(img, 0, 0);
    const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/jpeg', 0.92));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  });
  return Buffer.from(b64, 'base64');
}

/** Pages through field.pull as the given (signed-in) page's user: what the server holds. */
async function serverDocs(page: Page, collection: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let checkpoint: unknown = null;
  for (;;) {
    const input = encodeURIComponent(JSON.stringify({ json: { collection, checkpoint, limit: 1000 } }));
    const res = await page.request.get(`/api/trpc/field.pull?input=${input}`);
    expect(res.ok()).toBe(true);
    const body = (await res.json()) as { result: { data: { json: { documents: Record<string, unknown>[]; checkpoint: unknown } } } };
    const page1 = body.result.data.json;
    out.push(...page1.documents);
    if (page1.documents.length < 1000) return out;
    checkpoint = page1.checkpoint;
  }
}

test('a grid worker finishes an inspection and reports a hazard offline, reloads offline, and it all reaches the server', async ({ browser }) => {
  const { context, page } = await openTablet(browser);
  const status = page.getByTestId('sync-status');
  await waitForOfflineShell(page);
  const photo = await makeJpeg(page);

  await context.setOffline(true);
  await expect(status).toHaveAttribute('data-state', 'offline');

  // Inspection task: every item checked, one photo, completed.
  await page.getByTestId('tab-tasks').click();
  await page.getByTestId('task-item').filter({ hasText: '消防设施月度检查' }).first().click();
  const items = page.getByTestId('checklist-item');
  await expect(items).toHaveCount(4);
  for (let i = 0; i < 4; i++) await items.nth(i).getByTestId('result-ok').click();
  await items.nth(0).getByTestId('photo-input').setInputFiles({ name: 'extinguisher.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(items.nth(0).getByTestId('photo-thumb')).toHaveCount(1);
  await expect(items.nth(0).getByTestId('photo-thumb')).toHaveAttribute('data-uploaded', '0');
  await page.getByTestId('complete-task').click();
  await expect(page.getByTestId('task-status')).toHaveText('已完成');
  const taskUrl = page.url();

  // Hazard report with place, description and photo.
  const title = `5号楼楼道灭火器缺失 ${Date.now()}`;
  await page.getByTestId('tab-hazards').click();
  await page.getByTestId('report-hazard').click();
  await page.getByTestId('submit-hazard').click();
  await expect(page.getByText('请选择隐患类型')).toBeVisible();
  await page.getByTestId('hazard-kind').selectOption('fire');
  await page.getByTestId('hazard-title').fill(title);
  await page.getByTestId('hazard-description').fill('5号楼2单元3楼楼道灭火器箱空置，需补配。');
  await page.getByTestId('pick-building').selectOption({ label: '5号楼' });
  await page.getByTestId('pick-unit').selectOption({ index: 1 });
  // GPS works without network too (the tablet's own receiver).
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 31.0312, longitude: 121.2286 });
  await page.getByRole('button', { name: '获取定位' }).click();
  await expect(page.getByTestId('hazard-gps')).toHaveText('31.0312, 121.2286');
  await page.getByTestId('photo-input').setInputFiles({ name: 'hazard.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(page.getByTestId('photo-thumb')).toHaveCount(1);
  await page.getByTestId('submit-hazard').click();
  await expect(page.getByTestId('case-title')).toHaveText(title);
  await expect(page.getByTestId('case-status')).toHaveText('已上报');

  // Verify a resolved case on site, offline (the grid worker's own workflow step).
  await page.getByTestId('tab-hazards').click();
  await page.getByRole('button', { name: '派给我的' }).click();
  await page.getByTestId('case-item').filter({ hasText: '2号楼单元门禁损坏' }).click();
  await page.getByTestId('step-verify').click();
  await expect(page.getByTestId('case-status')).toHaveText('已核查');

  await expect(status).toHaveAttribute('data-pending', /^[1-9]/);
  await expect(status).toHaveAttribute('data-photos', '2');

  // Reload with no network: the app, the records and the photos are still there.
  await page.goto(taskUrl);
  await page.reload();
  await expect(status).toHaveAttribute('data-state', 'offline', SYNC);
  await expect(page.getByTestId('task-status')).toHaveText('已完成');
  await expect(page.getByTestId('checklist-item').nth(0).getByTestId('photo-thumb')).toHaveCount(1);
  await expect(status).toHaveAttribute('data-photos', '2');
  await page.getByTestId('tab-hazards').click();
  await expect(page.getByTestId('case-item').filter({ hasText: title })).toBeVisible();

  // Back online: everything is sent, photos included.
  await context.setOffline(false);
  await expect(status).toHaveAttribute('data-state', 'synced', SYNC);
  await expect(status).toHaveAttribute('data-pending', '0');
  await expect(status).toHaveAttribute('data-photos', '0');
  await page.goto(taskUrl);
  await expect(page.getByTestId('checklist-item').nth(0).getByTestId('photo-thumb')).toHaveAttribute('data-uploaded', '1', SYNC);

  // The office sees the records and the photo on the server.
  const office = await browser.newContext({ locale: 'zh-CN' });
  const officePage = await office.newPage();
  await signIn(officePage, 'fs.committee');
  const cases = await serverDocs(officePage, 'cases');
  const reported = cases.find((c) => c.title === title) as { photoIds: string[]; status: string; kind: string } | undefined;
  expect(reported).toMatchObject({ status: 'reported', kind: 'fire', location: { lat: 31.0312, lng: 121.2286 } });
  expect(reported!.photoIds).toHaveLength(1);
  expect(cases.find((c) => c.title === '2号楼单元门禁损坏')).toMatchObject({ status: 'verified' });
  const tasks = await serverDocs(officePage, 'tasks');
  const task = tasks.find((x) => String(x.title).includes('消防设施月度检查') && x.status === 'done') as { checklist: { result?: string; photoIds?: string[] }[] } | undefined;
  expect(task?.checklist.map((i) => i.result)).toEqual(['ok', 'ok', 'ok', 'ok']);
  const img = await officePage.request.get(`/api/field/photos/${reported!.photoIds[0]}`);
  expect(img.status()).toBe(200);
  expect(img.headers()['content-type']).toBe('image/jpeg');
  const bytes = await img.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  expect(bytes.length).toBeLessThan(photo.length);

  // …and in the console: the hazard in the case list, its detail with the photo from the tablet.
  await officePage.goto('/c/fangsong-xinyuan/cases');
  await officePage.locator('input.search').fill(title);
  await officePage.getByRole('link', { name: title }).click();
  await expect(officePage.getByTestId('case-facts')).toContainText('5号楼2单元3楼楼道灭火器箱空置');
  await expect(officePage.getByTestId('case-facts')).toContainText('5号楼 · '); // building · unit picked on the tablet
  const shown = officePage.locator(`img[src="/api/field/photos/${reported!.photoIds[0]}"]`);
  await expect(shown).toBeVisible();
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await office.close();
  await context.close();
});

test('two tablets edit the same records offline: comments merge, the clashing note is kept as a visible conflict', async ({ browser }) => {
  const a = await openTablet(browser);
  const b = await openTablet(browser);
  await a.context.setOffline(true);
  await b.context.setOffline(true);

  const comment = async (p: Page, text: string) => {
    await p.getByTestId('tab-hazards').click();
    await p.getByTestId('case-item').filter({ hasText: '6号楼疑似高空抛物' }).click();
    await p.getByTestId('comment-input').fill(text);
    await p.getByTestId('comment-add').click();
    await expect(p.getByTestId('case-comment').filter({ hasText: text })).toBeVisible();
  };
  const editVisit = async (p: Page, notes: string) => {
    await p.getByTestId('tab-visits').click();
    await p.getByTestId('visit-item').first().click();
    await p.getByTestId('visit-notes').fill(notes);
    await p.getByTestId('save-visit').click();
    await expect(p.getByTestId('visit-item').first()).toBeVisible();
  };
  await comment(a.page, '平板A：已联系6楼住户');
  await comment(b.page, '平板B：物业调取监控中');
  await editVisit(a.page, '平板A记录：老人独居，身体尚可');
  await editVisit(b.page, '平板B记录：老人由女儿每周探望');

  await a.context.setOffline(false);
  await expect(a.page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', SYNC);
  await b.context.setOffline(false);
  await expect(b.page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', SYNC);

  // Both comments on both tablets (the stream tells tablet A about B's push).
  for (const t of [a, b]) {
    await t.page.getByTestId('tab-hazards').click();
    await t.page.getByTestId('case-item').filter({ hasText: '6号楼疑似高空抛物' }).click();
    await expect(t.page.getByTestId('case-comment').filter({ hasText: '平板A：已联系6楼住户' })).toBeVisible(SYNC);
    await expect(t.page.getByTestId('case-comment').filter({ hasText: '平板B：物业调取监控中' })).toBeVisible(SYNC);
  }
  // The second note clashed with the first: the server kept one, and the other is not lost.
  await expect(b.page.getByTestId('open-conflicts')).not.toHaveAttribute('data-count', '0', SYNC);
  await b.page.getByTestId('open-conflicts').click();
  // Issue #10 (defect 10): the field is named in words (记录/说明), no longer by its code `notes`.
  const conflict = b.page.getByTestId('conflict').filter({ hasText: '记录/说明' });
  await expect(conflict).toContainText('平板A记录：老人独居，身体尚可');
  await expect(conflict).toContainText('平板B记录：老人由女儿每周探望');
  await a.context.close();
  await b.context.close();
});

test('a patrol and a household visit offline: typed checkpoint code, missed points flagged, vulnerable resident recorded', async ({ browser }) => {
  const { context, page } = await openTablet(browser);
  const status = page.getByTestId('sync-status');
  const route = await page.evaluate(async () => {
    type R = { name: string; checkpoints: { name: string; qrCode: string; order: number }[] };
    const f = (window as unknown as { linliField: { db: { patrol_routes: { find(): { exec(): Promise<{ toJSON(): R }[]> } } } } }).linliField;
    const r = (await f.db.patrol_routes.find().exec())[0]!.toJSON();
    return { name: r.name, first: [...r.checkpoints].sort((a, b) => a.order - b.order)[0]!, count: r.checkpoints.length };
  });
  await context.setOffline(true);

  await page.getByTestId('start-run').first().click();
  await page.getByTestId('checkpoint-code').fill('NOT-A-CODE');
  await page.getByRole('button', { name: '打卡', exact: true }).click();
  await expect(page.getByText('编码“NOT-A-CODE”不属于本路线')).toBeVisible();
  await page.getByTestId('checkpoint-code').fill(route.first.qrCode);
  await page.getByRole('button', { name: '打卡', exact: true }).click();
  await expect(page.getByTestId('checkpoint').filter({ hasText: route.first.name })).toHaveAttribute('data-state', 'ok');
  await page.getByTestId('finish-run').click();
  await expect(page.getByTestId('checkpoint').and(page.locator('[data-state="missed"]'))).toHaveCount(route.count - 1);

  await page.getByTestId('tab-visits').click();
  await page.getByTestId('new-visit').click();
  await page.getByTestId('save-visit').click();
  await expect(page.getByText('请选择走访的住户')).toBeVisible();
  await page.getByTestId('pick-building').selectOption({ label: '3号楼' });
  await page.getByTestId('pick-unit').selectOption({ index: 1 });
  await page.getByTestId('pick-household').selectOption({ index: 1 });
  await page.getByTestId('visit-occupancy').selectOption('occupied');
  await page.getByTestId('flag-elderly_alone').check();
  await page.getByTestId('visit-notes').fill('独居老人，血压偏高，已提醒按时服药');
  await page.getByTestId('save-visit').click();
  // Not sent yet, so listed first.
  await expect(page.getByTestId('visit-item').first()).toContainText('独居老人');

  await context.setOffline(false);
  await expect(status).toHaveAttribute('data-state', 'synced', SYNC);
  await expect(status).toHaveAttribute('data-pending', '0');
  const runs = await serverDocs(page, 'patrol_runs');
  const run = runs.find((r) => r.status === 'finished') as { scans: { method: string }[]; missedCheckpointIds: string[] } | undefined;
  expect(run?.scans.map((x) => x.method)).toEqual(['manual']);
  expect(run?.missedCheckpointIds).toHaveLength(route.count - 1);
  const visits = await serverDocs(page, 'visits');
  expect(visits.find((v) => v.notes === '独居老人，血压偏高，已提醒按时服药')).toMatchObject({ occupancy: 'occupied', vulnerable: ['elderly_alone'] });

  // English on the same tablet, without losing the open database.
  await page.getByTestId('locale-switch').click();
  await expect(page.getByTestId('tab-visits')).toHaveText('Visits');
  await expect(status).toHaveAttribute('data-state', 'synced', SYNC);
  await expect(page.getByTestId('visit-item').first()).toContainText('Elderly living alone');
  await context.close();
});

test('signed out, /field sends the worker to sign in and back', async ({ page }) => {
  await page.goto('/field');
  await expect(page).toHaveURL(/\/login\?next=(%2F|\/)field$/);
  await page.locator('#username').fill('moma.guard');
  await page.locator('#password').fill('Linli@2026');
  await page.locator('form button[type="submit"]').click();
  await expect(page).toHaveURL(/\/field$/);
  await expect(page.getByTestId('field-user')).toContainText('保安');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', SYNC);
});
