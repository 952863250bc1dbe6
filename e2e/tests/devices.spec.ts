import { expect, test } from '@playwright/test';
import { DEVSIM_PORT } from '../playwright.config';
import { signIn } from './helpers';

// The start script runs the bridge and the simulator beside the web app: these tests drive the
// whole device path (simulated device → MQTT → bridge → PostgreSQL → SSE → the console).

test('a fire in a building appears live on the alarms page, without a reload', async ({ page, request }) => {
  await signIn(page, 'moma.admin');
  await page.goto('/c/moma/alarms');
  await expect(page.getByTestId('filter-state')).toBeVisible();
  // Trigger the fire only once the page is listening, as a watching guard's page would be.
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'on', { timeout: 15_000 });
  const before = await page.getByTestId('alarm-row').count();
  const fire = await request.post(`http://127.0.0.1:${DEVSIM_PORT}/scenario`, { data: { tenant: 'moma', scenario: 'fire', building: 'B03' } });
  expect(fire.ok()).toBe(true);
  await expect(page.getByTestId('new-alarm')).toBeVisible({ timeout: 20_000 });
  const row = page.getByTestId('alarm-row').filter({ hasText: '烟雾报警' }).first();
  await expect(row).toBeVisible({ timeout: 20_000 });
  expect(await page.getByTestId('alarm-row').count()).toBeGreaterThan(before);

  // The response: the building's broadcast and the fire-lane barrier were commanded and did it.
  await row.getByTestId('alarm-context-open').click();
  const panel = page.getByTestId('alarm-context');
  await expect(panel.getByTestId('context-command').filter({ hasText: 'broadcast' }).first()).toContainText('已执行', { timeout: 20_000 });
  await expect(panel.getByTestId('context-command').filter({ hasText: 'open' }).first()).toContainText('已执行');
  await expect(panel).toContainText('保安');
});

test('a command sent from the device page reaches the device and is acknowledged', async ({ page }) => {
  await signIn(page, 'moma.admin');
  await page.goto('/c/moma/devices');
  await page.getByRole('searchbox').fill('SL-001');
  await expect(page.getByTestId('device-row')).toHaveCount(1, { timeout: 15_000 });
  await page.getByTestId('device-row').first().click();
  await expect(page.getByTestId('command-panel')).toBeVisible();
  const dim = page.getByTestId('command-dim');
  await dim.locator('#cmd-dim-level').fill('35');
  await dim.locator('button[type="submit"]').click();
  await expect(page.getByTestId('command-row').first()).toContainText('已执行', { timeout: 20_000 });
});

test('a district officer may look at devices but not control them', async ({ page }) => {
  await signIn(page, 'fs.officer');
  await page.goto('/c/fangsong-xinyuan/devices');
  await expect(page.getByTestId('device-row').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('open-register')).toHaveCount(0);
  await page.getByTestId('device-row').first().click();
  await expect(page.getByTestId('device-header')).toBeVisible();
  await expect(page.getByTestId('command-panel')).toHaveCount(0);
});
