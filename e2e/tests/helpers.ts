import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../playwright.config';

/** Signs in through the login form, as a person would, and waits to leave the login page. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('form button[type="submit"]').click();
  await expect(page).not.toHaveURL(/\/login/);
}
