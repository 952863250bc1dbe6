import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('a property manager assigns a reported hazard case to the technician, and the history records it', async ({ page }) => {
  await signIn(page, 'moma.admin');
  await page.goto('/c/moma/cases');
  const row = page.getByTestId('case-row').filter({ hasText: '电动车' });
  await expect(row).toBeVisible();
  await row.getByRole('link').click();
  await expect(page.getByTestId('case-actions')).toBeVisible();
  const select = page.getByTestId('case-assignee-select');
  const tech = await select.locator('option', { hasText: 'moma.tech' }).getAttribute('value');
  await select.selectOption(tech!);
  await page.getByTestId('case-act-assign').click();
  await expect(page.getByTestId('case-actions')).toContainText('已派单');
  await expect(page.getByTestId('case-history')).toContainText('已派单');
  await expect(page.getByTestId('case-assignee')).not.toHaveText('—');
  // The board shows it in the assigned column.
  await page.goto('/c/moma/cases?tab=board');
  await expect(page.getByTestId('board-col-assigned')).toContainText('电动车');
});

test('the patrol route list downloads the QR sheet PDF (two pages for eight checkpoints), refused to another community', async ({ page }) => {
  await signIn(page, 'moma.admin');
  await page.goto('/c/moma/patrols');
  const route = page.getByTestId('route-row').filter({ hasText: '夜间安保巡更' });
  await expect(route).toBeVisible();
  const href = await route.getByTestId('route-qr').getAttribute('href');
  const pdf = await page.request.get(href!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const body = await pdf.body();
  expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // Eight checkpoints, six per page: two pages.
  expect(body.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2);
  // A grid worker of another community cannot fetch it.
  await page.context().clearCookies();
  await signIn(page, 'fs.grid');
  expect((await page.request.get(href!)).status()).toBe(403);
});

test('a grid worker cannot open the conflict list (managers only) but sees the cases of his community', async ({ page }) => {
  await signIn(page, 'fs.grid');
  const res = await page.goto('/c/fangsong-xinyuan/sync-conflicts');
  expect(res?.status()).toBe(403);
  await page.goto('/c/fangsong-xinyuan/cases');
  await expect(page.getByTestId('case-row').first()).toBeVisible();
});

test('every field console page renders for a manager: stats, route editor, plans, tasks, visits, conflicts', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, 'fs.committee');
  await page.goto('/c/fangsong-xinyuan/cases?tab=stats');
  await expect(page.getByTestId('case-stats')).toBeVisible();
  await page.goto('/c/fangsong-xinyuan/patrols');
  await page.getByTestId('route-row').first().getByRole('link').first().click();
  await expect(page.getByTestId('checkpoint-row')).toHaveCount(4);
  await page.goto('/c/fangsong-xinyuan/plans');
  await expect(page.getByTestId('plan-row').first()).toContainText('消防设施月度检查');
  await page.goto('/c/fangsong-xinyuan/tasks');
  await page.getByTestId('task-row').first().getByRole('link').click();
  await expect(page.getByTestId('task-checklist')).toContainText('灭火器压力正常');
  await page.goto('/c/fangsong-xinyuan/visits?tab=vulnerable');
  await expect(page.getByTestId('vulnerable-table')).toContainText('310117-FSXY-BB01-U01-F001-R101'); // the registry's standard address (R6.6.10a)
  await page.goto('/c/fangsong-xinyuan/sync-conflicts');
  await expect(page.locator('main')).toContainText('同步冲突');
  expect(errors).toEqual([]);
});
