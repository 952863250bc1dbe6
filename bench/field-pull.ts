/**
 * `npm run bench:field-pull`: the first pull of a fresh tablet. Seeds 20,000 household visits for
 * fs.grid through field.push, then opens /field in headless Chromium and times RxDB's initial
 * replication of all eight collections (Dexie/IndexedDB) until the status bar says synced.
 * Target ≤ 5 s. Prints figures; asserts nothing.
 */
import { apiSession, fmtMs, openTablet, pushVisits, startApp } from './lib/field';

const N = Number(process.env.BENCH_DOCS ?? 20_000);

const app = await startApp();
try {
  const s = await apiSession('fs.grid');
  const setupMs = await pushVisits(s, N, 'bench-seed-device');
  console.log(`set-up: ${N} visits pushed through field.push in ${fmtMs(setupMs)} (${Math.round(N / (setupMs / 1000))} rows/s)`);
  // The server's share: the same pages through field.pull from Node, nothing stored.
  const t1 = performance.now();
  let served = 0;
  let checkpoint: unknown = null;
  for (;;) {
    const page = await s.query<{ documents: unknown[]; checkpoint: unknown }>('field.pull', { collection: 'visits', checkpoint, limit: 1000 });
    served += page.documents.length;
    if (page.documents.length < 1000) break;
    checkpoint = page.checkpoint;
  }
  console.log(`server only: ${served} visits paged through field.pull (Node client, nothing stored) in ${fmtMs(performance.now() - t1)}`);
  const { browser, page, firstSyncMs, cpu } = await openTablet('fs.grid', app);
  const counts = await page.evaluate(async () => {
    const f = (window as unknown as { linliField: { db: Record<string, { count(): { exec(): Promise<number> } }> } }).linliField;
    const out: Record<string, number> = {};
    for (const c of ['visits', 'places', 'cases', 'tasks', 'patrol_routes', 'patrol_runs', 'photos', 'conflicts']) out[c] = await f.db[c]!.count().exec();
    return out;
  });
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`first pull into RxDB (Dexie): ${total} documents (${counts.visits} visits, ${counts.places} places) in ${fmtMs(firstSyncMs)} — ${Math.round(total / (firstSyncMs / 1000))} docs/s (target ≤ 5 s for 20,000)`);
  // Where the first sync's time went: waiting for pages vs. RxDB/Dexie storing them.
  const pulls = await page.evaluate(() =>
    performance.getEntriesByType('measure').filter((m) => m.name.startsWith('field-pull:')).map((m) => ({ name: m.name, start: m.startTime, ms: m.duration, n: (m as PerformanceMeasure).detail as number })),
  );
  const visitPulls = pulls.filter((p) => p.name === 'field-pull:visits').sort((a, b) => a.start - b.start);
  const waited = visitPulls.reduce((a, p) => a + p.ms, 0);
  const span = visitPulls.length > 0 ? visitPulls.at(-1)!.start + visitPulls.at(-1)!.ms - visitPulls[0]!.start : 0;
  console.log(`  visits: ${visitPulls.length} pages; waiting for pages ${fmtMs(waited)}, storing between pages ${fmtMs(span - waited)} (${visitPulls.length} pull calls over ${fmtMs(span)})`);
  const cpuLine = Object.entries(cpu).filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]).map(([k, ms]) => `${k} ${fmtMs(ms)}`).join(', ');
  console.log(`  CPU while opening /field and pulling (whole process trees): ${cpuLine}`);
  const t0 = Date.now();
  const read = await page.evaluate(async () => {
    const f = (window as unknown as { linliField: { db: { visits: { find(q: unknown): { exec(): Promise<unknown[]> } } } } }).linliField;
    const t = performance.now();
    const docs = await f.db.visits.find({ selector: {}, sort: [{ updatedAt: 'desc' }, { id: 'desc' }], limit: 30 }).exec();
    return { ms: performance.now() - t, n: docs.length };
  });
  console.log(`read: newest 30 of ${counts.visits} visits from RxDB in ${read.ms.toFixed(1)} ms (${Date.now() - t0} ms round trip)`);
  await browser.close();
} finally {
  await app.stop();
}
