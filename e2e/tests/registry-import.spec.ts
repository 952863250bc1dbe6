import { createReadStream, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

const csv = (rows: (string | number)[][]) => Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
const BUILDING_HEAD = ['楼栋编码 code', '楼栋名称 name', '地上层数 floors_above', '地下层数 floors_below', '单元数 units'];
const HOUSEHOLD_HEAD = ['楼栋编码 building_code', '单元 unit', '楼层 floor', '房号 room', '状态 state'];

test('registry: browse, find an address, a bad upload writes nothing, a good one is committed and listed', async ({ page }) => {
  await signIn(page, 'moma.admin');
  await page.goto('/c/moma/registry');
  await expect(page.getByTestId('registry-row')).toHaveCount(16);
  await page.getByPlaceholder('如 3号楼2单元1201').fill('MOMA 5-1-1201');
  await expect(page.getByTestId('address-hits')).toContainText('110101-MOMA-BB05-U01-F012-R1201');

  await page.goto('/c/moma/registry/import');
  // Bad: a duplicate building and a household on a floor the building does not have.
  await page.getByTestId('file-buildings').setInputFiles({ name: 'buildings.csv', mimeType: 'text/csv', buffer: csv([BUILDING_HEAD, ['B17', '17号楼', 5, 0, 1], ['b17', '重复', 5, 0, 1]]) });
  await page.getByTestId('file-households').setInputFiles({ name: 'households.csv', mimeType: 'text/csv', buffer: csv([HOUSEHOLD_HEAD, ['B17', 1, 9, '901', '自住']]) });
  await page.getByTestId('upload').click();
  const report = page.getByTestId('import-report');
  await expect(report).toHaveAttribute('data-stage', 'rejected');
  await expect(page.locator('[data-testid=problem-row][data-code=duplicate_building]')).toContainText('楼栋编码“b17”重复');
  await expect(page.locator('[data-testid=problem-row][data-code=floor_out_of_range]')).toContainText('楼层 9 不存在');
  await expect(report).toContainText('没有写入任何内容');
  await page.goto('/c/moma/registry');
  await expect(page.getByTestId('registry-row')).toHaveCount(16);

  // Good: one new building with three households.
  await page.goto('/c/moma/registry/import');
  await page.getByTestId('file-buildings').setInputFiles({ name: 'buildings.csv', mimeType: 'text/csv', buffer: csv([BUILDING_HEAD, ['B17', '17号楼', 3, 0, 1]]) });
  await page.getByTestId('file-households').setInputFiles({
    name: 'households.csv',
    mimeType: 'text/csv',
    buffer: csv([HOUSEHOLD_HEAD, ['B17', 1, 1, '101', '自住'], ['B17', 1, 2, '201', '空置'], ['B17', 1, 3, '301', '出租']]),
  });
  await page.getByTestId('upload').click();
  await expect(report).toHaveAttribute('data-stage', 'ready');
  await page.getByTestId('commit').click();
  await expect(page.getByTestId('import-result')).toContainText('新增 1');
  await page.getByRole('link', { name: '查看楼盘表' }).click();
  await page.getByRole('searchbox', { name: '搜索楼栋' }).fill('B17');
  await expect(page.getByTestId('registry-row')).toHaveCount(1);
  await page.getByTestId('registry-row').getByRole('link', { name: 'B17' }).click();
  await expect(page.getByTestId('building-address')).toHaveText('110101-MOMA-BB17');
  await expect(page.getByTestId('household-cell')).toHaveCount(3);
});

test('registry import is refused to roles without registry.import, and a 50 MB file is stopped before upload', async ({ page }) => {
  await signIn(page, 'moma.staff');
  const res = await page.goto('/c/moma/registry/import');
  expect(res?.status()).toBe(403);

  await page.context().clearCookies();
  await signIn(page, 'moma.admin');
  await page.goto('/c/moma/registry/import');
  const huge = join(tmpdir(), 'linli-e2e-huge.csv');
  writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 0x41));
  await page.getByTestId('file-buildings').setInputFiles(huge);
  await expect(page.locator('.field-error')).toContainText('超过 20 MB 的上限');
  // The server refuses it on its own too, from the Content-Length, before reading the body.
  const direct = await page.request.post('/api/cim/import?tenant=moma', {
    headers: { origin: new URL(page.url()).origin },
    multipart: { buildings: createReadStream(huge) },
  });
  expect(direct.status()).toBe(413);
  expect((await direct.json()).error.en).toContain('too large');
});
