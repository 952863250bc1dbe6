/**
 * `npm run bench:field-push`: a tablet that worked offline comes back. In headless Chromium,
 * fs.grid's tablet goes offline, records 1,000 household visits into RxDB, goes online, and we
 * time until the server confirmed all of them (pending counter back to 0). Target ≤ 2 s.
 * Prints figures; asserts nothing.
 */
import { apiSession, fmtMs, openTablet, pushVisits, startApp } from './lib/field';

const N = Number(process.env.BENCH_RECORDS ?? 1_000);

const app = await startApp();
try {
  const { browser, page } = await openTablet('fs.grid');
  await page.context().setOffline(true);
  const writeMs = await page.evaluate(async (n) => {
    type F = { engine: { insert(c: string, d: Record<string, unknown> & { id: string }): Promise<void> }; db: { places: { find(q: unknown): { exec(): Promise<{ toJSON(): { id: string; tenantId: string; areaId?: string } }[]> } } }; user: { id: string } };
    const f = (window as unknown as { linliField: F }).linliField;
    const homes = (await f.db.places.find({ selector: { kind: 'household' } }).exec()).map((d) => d.toJSON());
    const t = performance.now();
    for (let i = 0; i < n; i++) {
      const h = homes[i % homes.length]!;
      await f.engine.insert('visits', { id: crypto.randomUUID(), tenantId: h.tenantId, updatedAt: 0, householdId: h.id, ...(h.areaId ? { areaId: h.areaId } : {}), workerId: f.user.id, at: Date.now(), occupancy: 'occupied', notes: `离线走访 #${i}`, vulnerable: [], photoIds: [] });
    }
    return performance.now() - t;
  }, N);
  const pending = await page.locator('[data-testid="sync-status"]').getAttribute('data-pending');
  console.log(`offline: ${N} visits written to RxDB in ${fmtMs(writeMs)}; pending counter ${pending}`);
  // The clock starts in the page, then the network comes back (Chromium fires 'online').
  const done = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        type E = { subscribe(l: () => void): () => void; getStatus(): { pendingPushes: number } };
        const engine = (window as unknown as { linliField: { engine: E } }).linliField.engine;
        const t = performance.now();
        const off = engine.subscribe(() => {
          if (engine.getStatus().pendingPushes === 0) {
            off();
            resolve(performance.now() - t);
          }
        });
      }),
  );
  await page.context().setOffline(false);
  const pushMs = await done;
  console.log(`push: ${N} offline records confirmed by the server in ${fmtMs(pushMs)} (target ≤ 2 s)`);
  // The server's share: the same number of rows pushed from Node in batches of 500, nothing on a tablet.
  const serverMs = await pushVisits(await apiSession('fs.grid'), N, 'bench-node-device');
  console.log(`server only: ${N} visits through field.push from Node in ${fmtMs(serverMs)}`);
  await browser.close();
} finally {
  await app.stop();
}
