import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

const fieldError = (page: import('@playwright/test').Page, inputId: string) => page.locator(`.field:has(#${inputId}) .field-error`);

test('registering a resident validates inline, saves, and is found again by ID number', async ({ page }) => {
  await signIn(page, 'sj.manager');
  await page.goto('/c/fangsong-xinyuan/residents');
  await page.getByRole('button', { name: '登记居民' }).click();
  const dialog = page.getByTestId('resident-dialog');
  await dialog.locator('#r-name').fill('测试登记');
  await dialog.locator('#r-id').fill('110105194912310022'); // wrong check digit
  await dialog.locator('#r-phone').fill('12345');
  await page.getByTestId('resident-save').click();
  await expect(fieldError(page, 'r-id')).toBeVisible();
  await expect(fieldError(page, 'r-phone')).toBeVisible();
  await expect(dialog).toBeVisible();

  await dialog.locator('#r-id').fill('11010519491231002X');
  await dialog.locator('#r-phone').fill('13912345678');
  await page.getByTestId('resident-save').click();
  await expect(dialog).toBeHidden();

  await page.getByRole('searchbox').fill('11010519491231002x');
  await expect(page.getByTestId('resident-row')).toHaveCount(1);
  await expect(page.getByTestId('resident-row')).toContainText('139****5678');

  // The same ID number again: the server's answer lands on the ID field.
  await page.getByRole('button', { name: '登记居民' }).click();
  await page.locator('#r-name').fill('重复登记');
  await page.locator('#r-id').fill('11010519491231002X');
  await page.getByTestId('resident-save').click();
  await expect(fieldError(page, 'r-id')).toContainText('该身份证号已登记');
});

test('creating a community with a taken slug shows the error on the field', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByTestId('tenant-new').click();
  await page.locator('#t-slug').fill('moma');
  await page.locator('#t-nameZh').fill('重复社区');
  await page.locator('#t-nameEn').fill('Duplicate');
  await page.getByTestId('tenant-save').click();
  await expect(fieldError(page, 't-slug')).toContainText('该标识已被使用');

  await page.locator('#t-slug').fill('e2e-new-site');
  await page.getByTestId('tenant-save').click();
  await expect(page.getByTestId('tenant-table')).toContainText('e2e-new-site');
});
