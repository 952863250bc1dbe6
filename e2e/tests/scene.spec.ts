import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

declare global {
  interface Window {
    __linliSceneReady?: { ms: number; level: number; features: number };
    __linliScene?: {
      features: number;
      codes: string[];
      selected: string | null;
      project: (code: string) => { x: number; y: number } | null;
      projectCase?: (id: string) => { x: number; y: number } | null;
      caseIds?: string[];
    };
  }
}

// Software WebGL (SwiftShader) on a shared 2-core machine: a scene load takes seconds.
test.describe.configure({ timeout: 180_000 });

interface Pixels {
  variance: number;
  lum: number[];
}

/** The WebGL canvas scaled to 160 px wide: luminance variance (blank ≈ 0) and the samples. */
async function pixels(page: Page): Promise<Pixels> {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="scene-canvas"] canvas') as HTMLCanvasElement;
    const w = 160;
    const h = Math.max(1, Math.round((160 * c.height) / c.width));
    const off = document.createElement('canvas');
    off.width = w;
    off.height = h;
    const g = off.getContext('2d')!;
    g.drawImage(c, 0, 0, w, h);
    const d = g.getImageData(0, 0, w, h).data;
    const lum: number[] = [];
    for (let i = 0; i < d.length; i += 4) lum.push(0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!);
    const mean = lum.reduce((s, x) => s + x, 0) / lum.length;
    const variance = lum.reduce((s, x) => s + (x - mean) ** 2, 0) / lum.length;
    return { variance, lum };
  });
}

const meanAbsDiff = (a: Pixels, b: Pixels) => a.lum.reduce((s, x, i) => s + Math.abs(x - (b.lum[i] ?? 0)), 0) / a.lum.length;

/** Waits for the first frame with the model (the scene sets the hook), clearing a previous one. */
async function waitReady(page: Page) {
  await page.waitForFunction(() => !!window.__linliSceneReady, null, { timeout: 120_000 });
  return page.evaluate(() => window.__linliSceneReady!);
}

async function switchLevel(page: Page, level: number) {
  await page.evaluate(() => delete window.__linliSceneReady);
  await page.getByTestId(`level-${level}`).click();
  await expect(page.getByTestId(`level-${level}`)).toHaveAttribute('aria-pressed', 'true');
  const ready = await waitReady(page);
  expect(ready.level).toBe(level);
}

/** Every request must stay on our origin (no Cesium ion, no CDN, no map tiles from elsewhere). */
function watchExternal(page: Page): string[] {
  const external: string[] = [];
  page.context().on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol === 'data:' || u.protocol === 'blob:') return;
    if (u.hostname !== '127.0.0.1') external.push(r.url());
  });
  return external;
}

async function clickBuilding(page: Page, code: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const canvas = page.getByTestId('scene-canvas').locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const p = await page.evaluate((c) => window.__linliScene!.project(c), code);
  expect(p, `building ${code} is on screen`).not.toBeNull();
  await page.mouse.click(box.x + p!.x, box.y + p!.y);
}

test('community scene: renders offline, the level switch changes what is drawn, clicking opens cards', async ({ page }) => {
  const external = watchExternal(page);
  await signIn(page, 'moma.admin');
  await page.getByTestId('open-scene').click();
  await expect(page).toHaveURL(/\/c\/moma\/scene/);
  const ready = await waitReady(page);
  expect(ready.level).toBe(4);
  expect(ready.features).toBeGreaterThan(1500);
  const cim4 = await pixels(page);
  expect(cim4.variance, 'the canvas is not blank').toBeGreaterThan(100);

  // Devices sit inside the buildings and are drawn on top: hide them to click the model.
  for (const box of await page.locator('[data-testid^="layer-device-"]').all()) await box.uncheck();

  // CIM4: a click on a building hits a household block: its card shows the address code.
  const code = (await page.evaluate(() => window.__linliScene!.codes))[0]!;
  await clickBuilding(page, code);
  await expect(page.getByTestId('household-card')).toBeVisible();
  await expect(page.getByTestId('household-card').getByTestId('card-address')).toHaveText(/^\d{6,12}-MOMA-B\w+-U\d\d-F(\d{3}|B\d\d)-R\w+$/);
  // The admin may reveal residents; the list shows masked values until then.
  const residents = page.getByTestId('household-card').getByTestId('card-residents');
  if (await residents.count()) await expect(residents).toContainText('*');

  // CIM1: footprints and labels instead of the model.
  await switchLevel(page, 1);
  expect(await page.evaluate(() => window.__linliScene!.features)).toBe(0);
  const cim1 = await pixels(page);
  expect(meanAbsDiff(cim4, cim1), 'CIM1 looks different from CIM4').toBeGreaterThan(2);
  await expect(page).toHaveURL(/level=1/);

  // CIM2: one white-model feature per building; clicking one opens the building card.
  await switchLevel(page, 2);
  const buildings = (await page.evaluate(() => window.__linliScene!.codes)).length;
  expect(await page.evaluate(() => window.__linliScene!.features)).toBe(buildings);
  const cim2 = await pixels(page);
  expect(meanAbsDiff(cim2, cim1)).toBeGreaterThan(2);
  await clickBuilding(page, code);
  await expect(page.getByTestId('building-card')).toBeVisible();
  await expect(page.getByTestId('building-card').getByTestId('card-households')).toHaveText(/^\d[\d,]*$/);

  // CIM3: unit × floor blocks plus stair cores: more features than buildings.
  await switchLevel(page, 3);
  expect(await page.evaluate(() => window.__linliScene!.features)).toBeGreaterThan(buildings * 5);

  expect(external).toEqual([]);
});

test('address search flies to a household; staff see residents masked and cannot reveal', async ({ page }) => {
  const external = watchExternal(page);
  await signIn(page, 'moma.staff');
  await page.goto('/c/moma/scene');
  await waitReady(page);
  await page.getByTestId('scene-search').fill('101');
  await page.getByTestId('scene-search').press('Enter');
  const results = page.getByTestId('scene-search-results').getByRole('button');
  await expect(results.first()).toBeVisible();
  const household = results.filter({ hasText: '房屋' }).first();
  await household.click();
  const card = page.getByTestId('household-card');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('card-address')).toHaveText(/-R\w+$/);
  await expect(card.getByTestId('reveal')).toHaveCount(0);
  expect(await page.evaluate(() => window.__linliScene!.selected)).toMatch(/-R\w+$/);
  expect(external).toEqual([]);
});

test('open hazard cases are pinned on the scene: a layer per kind, a click opens the case card', async ({ page }) => {
  await signIn(page, 'moma.admin');
  await page.goto('/c/moma/scene');
  await waitReady(page);
  const layers = page.locator('[data-testid^="layer-case-"]');
  await expect(layers.first()).toBeVisible();
  const ids = await page.evaluate(() => window.__linliScene!.caseIds ?? []);
  expect(ids.length).toBeGreaterThan(0);
  const canvas = page.getByTestId('scene-canvas').locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const at = await page.evaluate((id) => window.__linliScene!.projectCase!(id), ids[0]!);
  expect(at, 'the case pin is on screen').not.toBeNull();
  await page.mouse.click(box.x + at!.x, box.y + at!.y);
  const card = page.getByTestId('case-card');
  await expect(card).toBeVisible();
  await expect(card.getByRole('link')).toHaveAttribute('href', `/c/moma/cases/${ids[0]}`);
  // Hiding every case layer takes the pins off the scene.
  for (const box of await layers.all()) await box.uncheck();
  expect(await page.evaluate((id) => window.__linliScene!.projectCase!(id), ids[0]!)).toBeNull();
});

test('exports download from the scene page as valid documents', async ({ page }) => {
  await signIn(page, 'moma.admin');
  await page.goto('/c/moma/scene');
  const links = page.getByTestId('scene-exports').getByRole('link');
  await expect(links).toHaveCount(5);
  const city = await page.request.get(await links.nth(0).getAttribute('href') as string);
  expect(city.status()).toBe(200);
  expect(city.headers()['content-disposition']).toMatch(/attachment; filename=".+\.city\.json"/);
  const doc = await city.json();
  expect(doc).toMatchObject({ type: 'CityJSON', version: '2.0' });
  const devices = await page.request.get(await links.nth(3).getAttribute('href') as string);
  expect((await devices.json()).features.length).toBeGreaterThan(0);
  const zip = await page.request.get(await links.nth(4).getAttribute('href') as string);
  expect(zip.headers()['content-type']).toBe('application/zip');
  expect((await zip.body()).subarray(0, 4).toString('hex')).toBe('504b0304');
});

test('district scene: every community of the street office at CIM2, with a summary card', async ({ page }) => {
  const external = watchExternal(page);
  await signIn(page, 'fs.officer');
  await page.getByRole('link', { name: '三维场景' }).click();
  await expect(page).toHaveURL(/\/district\/fangsong\/scene/);
  const ready = await waitReady(page);
  expect(ready.level).toBe(2);
  expect(ready.features).toBeGreaterThan(20);
  expect((await pixels(page)).variance).toBeGreaterThan(100);
  const list = page.getByTestId('district-communities').getByRole('button');
  await expect(list).toHaveCount(3);
  await list.filter({ hasText: '方松新苑' }).click();
  await expect(page.getByTestId('community-card')).toContainText('方松新苑');
  await expect(page.getByTestId('community-card').getByRole('link')).toHaveAttribute('href', '/c/fangsong-xinyuan/scene');
  expect(external).toEqual([]);
});
