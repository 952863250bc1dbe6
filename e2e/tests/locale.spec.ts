import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('Chinese first; the language switch turns the app to English and back', async ({ page }) => {
  await page.goto('/login');
  await expect(page.locator('h1')).toHaveText('登录');
  await page.getByTestId('locale-switch').click();
  await expect(page.locator('h1')).toHaveText('Sign in');

  await signIn(page, 'moma.admin');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.getByTestId('locale-switch').click();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
});

test('a wrong password shows a clear message in the current language', async ({ page }) => {
  await page.goto('/login');
  await page.locator('#username').fill('moma.guard');
  await page.locator('#password').fill('not-the-password');
  await page.locator('form button[type="submit"]').click();
  await expect(page.locator('form [role="alert"]')).toContainText('用户名或密码错误');
  await page.getByTestId('locale-switch').click();
  await page.locator('#password').fill('still-wrong');
  await page.locator('form button[type="submit"]').click();
  await expect(page.locator('form [role="alert"]')).toContainText('Wrong username or password');
});
