import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';
import { BASE, SYNC, serverDocs, Tablet } from './tablet';

/**
 * Issue #10: one grid worker on two tablets (each its own browser process and profile), network
 * cuts and browser kills. Nothing a worker enters may be overwritten silently, every clash shows
 * on both tablets and in the console, and the status bar tells the truth after a crash.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);

const tablets: Tablet[] = [];
async function tablet(name: string, username = 'fs.grid'): Promise<Tablet> {
  const t = await new Tablet(name).launch();
  tablets.push(t);
  await t.signIn(username);
  await t.openField();
  return t;
}
test.afterEach(async () => {
  for (const t of tablets.splice(0)) await t.close();
});

/** The tablet's own copy of a record (what RxDB holds on this device). */
async function localDoc(page: Page, collection: string, id: string): Promise<Record<string, unknown> | null> {
  return page.evaluate(
    async ([c, i]) => {
      const f = (window as unknown as { linliField: { db: Record<string, { findOne(id: string): { exec(): Promise<{ toJSON(): Record<string, unknown> } | null> } }> } }).linliField;
      return (await f.db[c!]!.findOne(i!).exec())?.toJSON() ?? null;
    },
    [collection, id],
  );
}

/** Records a visit at a household of 2号楼 through the form and returns its id. */
async function newVisit(page: Page, notes: string, household = 2): Promise<string> {
  await page.getByTestId('tab-visits').click();
  await page.getByTestId('new-visit').click();
  await page.getByTestId('pick-building').selectOption({ label: '2号楼' });
  await page.getByTestId('pick-unit').selectOption({ index: 1 });
  await page.getByTestId('pick-household').selectOption({ index: household });
  await page.getByTestId('visit-occupancy').selectOption('occupied');
  await page.getByTestId('visit-notes').fill(notes);
  await page.getByTestId('save-visit').click();
  await expect(page.getByTestId('visit-item').first()).toBeVisible();
  return page.evaluate(async (text) => {
    const f = (window as unknown as { linliField: { db: { visits: { findOne(q: unknown): { exec(): Promise<{ id: string } | null> } } } } }).linliField;
    return (await f.db.visits.findOne({ selector: { notes: text } }).exec())!.id;
  }, notes);
}

test('defect 1: an open edit form never writes back stale values — only the changed field, and a clash is asked, not overwritten', async () => {
  const a = await tablet('a');
  const b = await tablet('b');
  const stamp = Date.now();
  const id = await newVisit(a.page, `初次走访 ${stamp}`);
  await expect(a.status).toHaveAttribute('data-state', 'synced', SYNC);

  // B opens the visit's edit form and leaves it open.
  await expect.poll(() => localDoc(b.page, 'visits', id), SYNC).not.toBeNull();
  await b.page.goto(`${BASE}/field#/visits/${id}`);
  await expect(b.page.getByTestId('visit-notes')).toHaveValue(`初次走访 ${stamp}`);

  // A edits notes, the 独居老人 flag and the count; it syncs into B's local copy.
  await a.page.goto(`${BASE}/field#/visits/${id}`);
  await a.page.getByTestId('visit-notes').fill(`A：老人独居，身体尚可 ${stamp}`);
  await a.page.getByTestId('flag-elderly_alone').check();
  await a.page.getByLabel('见到的居民人数').fill('1');
  await a.page.getByTestId('save-visit').click();
  await expect(a.page.getByTestId('visit-item').first()).toBeVisible();
  await expect(a.status).toHaveAttribute('data-state', 'synced', SYNC);
  await expect.poll(async () => (await localDoc(b.page, 'visits', id))?.notes, SYNC).toBe(`A：老人独居，身体尚可 ${stamp}`);
  // B's form shows the new values and says they changed underneath.
  await expect.soft(b.page.getByTestId('draft-refreshed')).toBeVisible();
  await expect.soft(b.page.getByTestId('visit-notes')).toHaveValue(`A：老人独居，身体尚可 ${stamp}`);

  // B changes only the occupancy and saves: A's notes, flag and count stay, with no conflict.
  await b.page.getByTestId('visit-occupancy').selectOption('vacant');
  await b.page.getByTestId('save-visit').click();
  await expect(b.page.getByTestId('visit-item').first()).toBeVisible();
  await expect(b.status).toHaveAttribute('data-state', 'synced', SYNC);
  const onServer = (await serverDocs(b.page, 'visits')).find((v) => v.id === id);
  expect(onServer).toMatchObject({ occupancy: 'vacant', notes: `A：老人独居，身体尚可 ${stamp}`, vulnerable: ['elderly_alone'], residentsSeen: 1 });
  expect((await serverDocs(b.page, 'conflicts')).filter((c) => c.docId === id)).toEqual([]);

  // B types a note; meanwhile A's new note arrives: B is asked which to keep (saving waits).
  await b.page.goto(`${BASE}/field#/visits/${id}`);
  await b.page.getByTestId('visit-notes').fill(`B：家中无人 ${stamp}`);
  await a.page.goto(`${BASE}/field#/visits/${id}`);
  await a.page.getByTestId('visit-notes').fill(`A：第二次补充 ${stamp}`);
  await a.page.getByTestId('save-visit').click();
  await expect(a.page.getByTestId('visit-item').first()).toBeVisible();
  await expect(a.status).toHaveAttribute('data-state', 'synced', SYNC);
  const clash = b.page.getByTestId('draft-clash');
  await expect(clash).toContainText(`A：第二次补充 ${stamp}`, SYNC);
  await expect(clash).toContainText(`B：家中无人 ${stamp}`);
  await expect(b.page.getByTestId('save-visit')).toBeDisabled();
  await clash.getByTestId('keep-mine').click();
  await b.page.getByTestId('save-visit').click();
  await expect(b.page.getByTestId('visit-item').first()).toBeVisible();
  await expect(b.status).toHaveAttribute('data-state', 'synced', SYNC);
  expect((await serverDocs(b.page, 'visits')).find((v) => v.id === id)).toMatchObject({ notes: `B：家中无人 ${stamp}`, occupancy: 'vacant' });

  // Both offline judge the occupancy differently: the clash is on B's tablet in words, not codes.
  await a.context.setOffline(true);
  await b.context.setOffline(true);
  for (const [t, occupancy] of [[a, 'rented'], [b, 'group_rented']] as const) {
    await t.page.goto(`${BASE}/field#/visits/${id}`);
    await t.page.getByTestId('visit-occupancy').selectOption(occupancy);
    await t.page.getByTestId('save-visit').click();
    await expect(t.page.getByTestId('visit-item').first()).toBeVisible();
  }
  await a.context.setOffline(false);
  await expect(a.status).toHaveAttribute('data-state', 'synced', SYNC);
  await b.context.setOffline(false);
  await expect(b.status).toHaveAttribute('data-state', 'synced', SYNC);
  await b.page.getByTestId('open-conflicts').click();
  const shown = b.page.getByTestId('conflict').filter({ hasText: '居住状况' }).first();
  await expect(shown).toContainText('服务器 “出租”');
  await expect(shown).toContainText('本机 “群租”');
  await expect(shown).not.toContainText('group_rented');
});

test('defect 2: a case verified on one tablet and reopened on the other is an open conflict on both tablets and in the console; history causal', async ({ browser }) => {
  const a = await tablet('a');
  const b = await tablet('b');
  const title = `单元门禁核查 ${Date.now()}`;
  await a.page.getByTestId('tab-hazards').click();
  await a.page.getByTestId('report-hazard').click();
  await a.page.getByTestId('hazard-kind').selectOption('public_facility');
  await a.page.getByTestId('hazard-title').fill(title);
  await a.page.getByTestId('hazard-description').fill('8号楼1单元门禁无法刷卡');
  await a.page.getByTestId('pick-building').selectOption({ label: '8号楼' });
  await a.page.getByTestId('submit-hazard').click();
  await expect(a.page.getByTestId('case-title')).toHaveText(title);
  await expect(a.status).toHaveAttribute('data-state', 'synced', SYNC);
  const caseUrl = a.page.url();

  // The office assigns it to the grid worker in the console.
  const office = await browser.newContext({ locale: 'zh-CN' });
  const console_ = await office.newPage();
  await signIn(console_, 'fs.committee');
  await console_.goto('/c/fangsong-xinyuan/cases');
  await console_.locator('input.search').fill(title);
  await console_.getByRole('link', { name: title }).click();
  const select = console_.getByTestId('case-assignee-select');
  await select.selectOption((await select.locator('option', { hasText: 'fs.grid' }).getAttribute('value'))!);
  await console_.getByTestId('case-act-assign').click();
  await expect(console_.getByTestId('case-actions')).toContainText('已派单');

  // A works it to resolved; B has it too.
  await expect(a.page.getByTestId('case-status')).toHaveText('已派单', SYNC);
  await a.page.getByTestId('step-start').click();
  await a.page.getByTestId('step-resolve').click();
  await expect(a.page.getByTestId('case-status')).toHaveText('已处置');
  await expect(a.status).toHaveAttribute('data-state', 'synced', SYNC);
  await b.page.goto(caseUrl);
  await expect(b.page.getByTestId('case-status')).toHaveText('已处置', SYNC);

  // Offline, A verifies on site while B sends it back.
  await a.context.setOffline(true);
  await b.context.setOffline(true);
  await a.page.getByTestId('step-verify').click();
  await expect(a.page.getByTestId('case-status')).toHaveText('已核查');
  await b.page.getByTestId('step-note').fill('门禁仍无法刷卡');
  await b.page.getByTestId('step-reopen').click();
  await expect(b.page.getByTestId('case-status')).toHaveText('已重新打开');
  await a.context.setOffline(false);
  await expect(a.status).toHaveAttribute('data-state', 'synced', SYNC);
  await b.context.setOffline(false);
  await expect(b.status).toHaveAttribute('data-state', 'synced', SYNC);

  // The first step stands on both tablets; the clash is an open conflict each of them shows.
  for (const t of [a, b]) {
    await expect(t.page.getByTestId('case-status')).toHaveText('已核查', SYNC);
    await t.page.getByTestId('open-conflicts').click();
    const c = t.page.getByTestId('conflict').filter({ hasText: title });
    await expect(c).toContainText('服务器 “已核查”', SYNC);
    await expect(c).toContainText('本机 “已重新打开”');
  }
  // The console lists it with the same words, and the case history is one chain.
  await console_.goto('/c/fangsong-xinyuan/sync-conflicts');
  const card = console_.getByTestId('conflict-card').filter({ hasText: title });
  await expect(card.getByTestId('conflict-server').first()).toHaveText('已核查');
  await expect(card.getByTestId('conflict-tablet').first()).toHaveText('已重新打开');
  const onServer = (await serverDocs(a.page, 'cases')).find((c) => c.title === title) as { status: string; history: { from: string | null; to: string }[] };
  expect(onServer.status).toBe('verified');
  expect(onServer.history.map((h) => `${h.from}->${h.to}`)).toEqual(['null->reported', 'reported->assigned', 'assigned->in_progress', 'in_progress->resolved', 'resolved->verified']);
  await office.close();
});

test('defect 3: after a browser kill the bar counts what the server has not confirmed — not a lazily saved ledger', async () => {
  const t = await tablet('k');
  // Five visits saved offline; the browser is killed right after the last one was saved.
  await t.context.setOffline(true);
  await expect(t.status).toHaveAttribute('data-state', 'offline');
  const stamp = Date.now();
  for (let i = 0; i < 5; i++) await newVisit(t.page, `断电前走访 ${stamp} #${i}`, (i % 3) + 1);
  await expect(t.status).toHaveAttribute('data-pending', '5');
  await t.page.waitForTimeout(300);
  await t.kill();

  // Restarted, with pushes not getting through: the five are still counted.
  await t.launch();
  await t.context.route('**/api/trpc/field.push**', (route) => route.abort('internetdisconnected'));
  await t.openField('', null);
  await expect.soft(t.status).toHaveAttribute('data-pending', '5', SYNC);
  await expect.soft(t.status).not.toHaveAttribute('data-state', 'synced');

  // The pushes go through; the browser is killed one second after the server answered.
  const answered = t.page.waitForResponse((r) => r.url().includes('field.push') && r.ok(), SYNC);
  await t.context.unroute('**/api/trpc/field.push**');
  await answered;
  await t.page.waitForTimeout(1_000);
  await t.kill();

  // Restarted: the bar says synced and 0, and the server holds every visit exactly once.
  await t.launch();
  await t.openField();
  await expect(t.status).toHaveAttribute('data-pending', '0');
  const mine = (await serverDocs(t.page, 'visits')).filter((v) => String(v.notes).startsWith(`断电前走访 ${stamp}`));
  expect(mine.map((v) => v.notes).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `断电前走访 ${stamp} #${i}`));
});

test('defect 5: a photo the server refused is not "waiting" on any tablet of the worker; it can be retried, replaced or dismissed', async () => {
  const a = await tablet('a');
  const status = a.status;
  // A camera-sized JPEG, made by the browser.
  const jpeg = await a.page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 800;
    canvas.height = 600;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#3a7';
    g.fillRect(0, 0, 800, 600);
    const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/jpeg', 0.9));
    return [...new Uint8Array(await blob.arrayBuffer())];
  });
  await a.context.setOffline(true);
  const title = `楼道照片被拒 ${Date.now()}`;
  await a.page.getByTestId('tab-hazards').click();
  await a.page.getByTestId('report-hazard').click();
  await a.page.getByTestId('hazard-kind').selectOption('environment');
  await a.page.getByTestId('hazard-title').fill(title);
  await a.page.getByTestId('hazard-description').fill('楼道堆物');
  await a.page.getByTestId('photo-input').setInputFiles({ name: 'stairs.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg) });
  await expect(a.page.getByTestId('photo-thumb')).toHaveCount(1);
  await a.page.getByTestId('submit-hazard').click();
  await expect(a.page.getByTestId('case-title')).toHaveText(title);
  // The copy on the tablet goes bad before it is sent (a storage fault): the server will refuse it.
  await a.page.evaluate(async () => {
    const f = (window as unknown as { linliField: { user: { id: string } } }).linliField;
    const name = `linli_field_photos_${f.user.id.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const store = db.transaction('blobs', 'readwrite').objectStore('blobs');
    const row = await new Promise<{ blob: Blob }>((res) => {
      const c = store.openCursor();
      c.onsuccess = () => res(c.result!.value);
    });
    const bytes = new Uint8Array(await row.blob.arrayBuffer());
    for (let i = 600; i < bytes.length; i += 97) bytes[i] = bytes[i]! ^ 0x5a;
    await new Promise((res) => {
      const w = db.transaction('blobs', 'readwrite').objectStore('blobs').put({ ...row, blob: new Blob([bytes], { type: 'image/jpeg' }) });
      w.onsuccess = res;
    });
  });
  await a.context.setOffline(false);

  // Refused: counted as refused, not waiting, and the bar comes to rest.
  await expect(status).toHaveAttribute('data-refused-photos', '1', SYNC);
  await expect(status).toHaveAttribute('data-photos', '0');
  await expect(status).toHaveAttribute('data-state', 'synced', SYNC);
  await a.page.getByTestId('refused-photos-toggle').click();
  const refused = a.page.getByTestId('refused-photo');
  await expect(refused).toContainText('照片校验值不符');
  await expect(refused.getByTestId('photo-retry')).toBeVisible();
  await expect(refused.getByTestId('photo-dismiss')).toBeVisible();
  await expect(refused.getByTestId('photo-replace')).toBeAttached();

  // A new tablet of the same worker knows it is refused too (it has no bytes to send).
  const b = await tablet('b');
  await expect(b.status).toHaveAttribute('data-refused-photos', '1', SYNC);
  await expect(b.status).toHaveAttribute('data-photos', '0');
  await b.page.getByTestId('refused-photos-toggle').click();
  await b.page.getByTestId('refused-photo').getByTestId('photo-dismiss').click();
  await expect(b.status).toHaveAttribute('data-refused-photos', '0', SYNC);
  await expect(status).toHaveAttribute('data-refused-photos', '0', SYNC);
  await expect(status).toHaveAttribute('data-state', 'synced', SYNC);
});
