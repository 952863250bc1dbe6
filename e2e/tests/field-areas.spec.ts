import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('a committee member frees two buildings, makes them a new grid area and assigns the grid worker; the list shows it', async ({ page }) => {
  await signIn(page, 'fs.committee');
  await page.goto('/c/fangsong-xinyuan');
  await page.getByRole('link', { name: '网格管理' }).click();
  await expect(page).toHaveURL(/\/c\/fangsong-xinyuan\/areas$/);
  await expect(page.getByTestId('areas-free')).toContainText('全部 20 栋楼均已划入网格');

  // Every building is taken: take B19 and B20 out of the second area first.
  const second = page.getByTestId('area-row').filter({ hasText: '第二网格' });
  await second.getByTestId('area-edit').click();
  const form = page.getByTestId('area-form');
  await form.getByTestId('area-building-B19').uncheck();
  await form.getByTestId('area-building-B20').uncheck();
  await form.getByTestId('area-name').fill('第二网格（11–18号楼）');
  await form.getByTestId('save-area').click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('areas-free')).toContainText('B19、B20');

  // A new area: inline validation first, then two buildings.
  await page.getByTestId('new-area').click();
  await form.getByTestId('save-area').click();
  await expect(form.getByText('请填写网格名称')).toBeVisible();
  await expect(form.getByText('请至少选择一栋楼')).toBeVisible();
  // Buildings of other areas are not offered while "only unassigned" is on.
  await expect(form.getByTestId('area-building-B01')).toHaveCount(0);
  await form.getByTestId('area-name').fill('第三网格（19–20号楼）');
  await form.getByTestId('area-building-B19').check();
  await form.getByTestId('area-building-B20').check();
  await expect(form).toContainText('已选 2 栋楼');
  await form.getByTestId('save-area').click();
  await expect(form).toBeHidden();

  const third = page.getByTestId('area-row').filter({ hasText: '第三网格' });
  await expect(third.getByTestId('area-buildings')).toHaveText('B19、B20');
  const select = third.getByTestId('area-assign-select');
  const grid = await select.locator('option', { hasText: 'fs.grid' }).getAttribute('value');
  await select.selectOption(grid!);
  await third.getByTestId('area-assign').click();
  await expect(third.getByTestId('area-member')).toContainText('fs.grid');
  await expect(page.getByTestId('areas-free')).toContainText('全部 20 栋楼均已划入网格');

  // After a reload the list still shows it (it is stored, not only on screen).
  await page.reload();
  const row = page.getByTestId('area-row').filter({ hasText: '第三网格' });
  await expect(row.getByTestId('area-buildings')).toHaveText('B19、B20');
  await expect(row.getByTestId('area-member')).toContainText('陆佳怡');
  await expect(page.getByTestId('area-row').filter({ hasText: '第二网格' }).getByTestId('area-buildings')).not.toContainText('B19');
});
