import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test("a property admin works in its own site and gets a clear 403 on another site's console", async ({ page }) => {
  await signIn(page, 'moma.admin');
  await expect(page).toHaveURL(/\/c\/moma$/);
  await expect(page.locator('main')).toContainText('当代MOMA');

  const response = await page.goto('/c/fangsong-xinyuan');
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await expect(page.getByTestId('forbidden')).toContainText('无权访问');
  // …and nothing of the foreign site leaks into the page.
  await expect(page.getByText('方松新苑')).toHaveCount(0);
});

test('residents are masked by default in the console', async ({ page }) => {
  await signIn(page, 'moma.staff');
  await page.goto('/c/moma/residents');
  const rows = page.getByTestId('resident-row');
  await expect(rows.first()).toContainText('*');
  await expect(rows.filter({ hasText: /1\d{2}\*{4}\d{4}/ }).first()).toBeVisible();
  // No clear phone number or ID number anywhere in the table.
  const text = await page.locator('tbody').innerText();
  expect(text).not.toMatch(/1[3-9]\d{9}/);
  expect(text).not.toMatch(/\d{17}[\dX]/);
});

test('a platform admin verifies the audit chain from the admin page', async ({ page }) => {
  await signIn(page, 'admin');
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto('/admin/audit');
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-verify-result')).toBeVisible();
  await expect(page.getByTestId('audit-verify-result')).not.toHaveClass(/error/);
});

test('a resident lands on the mobile resident page of its own community', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, 'moma.resident');
  await expect(page).toHaveURL(/\/r\/moma$/);
  await expect(page.locator('main')).toContainText('当代MOMA');
  const admin = await page.goto('/admin');
  expect(admin?.status()).toBe(403);
  await context.close();
});
