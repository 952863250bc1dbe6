import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('a street officer lands on its district and sees only its own communities', async ({ page }) => {
  await signIn(page, 'fs.officer');
  await expect(page).toHaveURL(/\/district\/fangsong$/);
  const rows = page.getByTestId('community-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: '方松新苑' })).toHaveCount(1);
  await expect(page.getByText('当代MOMA')).toHaveCount(0);

  // Another district and another district's community are refused with the 403 page.
  const other = await page.goto('/district/xiangheyuan');
  expect(other?.status()).toBe(403);
  await expect(page.getByTestId('forbidden')).toBeVisible();
  const moma = await page.goto('/c/moma');
  expect(moma?.status()).toBe(403);
  await expect(page.getByTestId('forbidden')).toBeVisible();
});

test('the district view search filters the communities', async ({ page }) => {
  await signIn(page, 'fs.admin');
  await page.getByRole('searchbox').fill('江秋');
  await expect(page.getByTestId('community-row')).toHaveCount(1);
  await expect(page.getByTestId('community-row')).toContainText('江秋苑');
});
