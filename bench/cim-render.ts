/**
 * `npm run bench:cim-render`: the 3D scene of issue #5 at scale, on this machine.
 *  1. Geometry (pure, Node): registry → CIM model → 3D Tiles (glb with address-code features)
 *     for a community at CIM4 with 10,000 households and a district at CIM2 with 2,000 buildings
 *     (synthetic registries from packages/cim/src/synthetic).
 *  2. Time to the first rendered frame with the model in headless Chromium (software WebGL2,
 *     SwiftShader) through the real product: embedded PostgreSQL, the registry imported through
 *     the import's commit, the production Next build (`next start`), sign-in, the scene page; the
 *     page sets `window.__linliSceneReady = {ms}` (ms since navigation start) after the first
 *     frame rendered once the tileset's tiles in view are loaded. Cold = first visit after the
 *     server started (tiles built on request), warm = a second visit (tiles cached in memory).
 * Prints figures; asserts nothing. Needs a web build (`npm run build -w @linli/web`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { chromium, type Browser } from '@playwright/test';
import { buildModel, buildTileset } from '@linli/cim';
import { parseImportFiles } from '@linli/cim/import/files';
import { syntheticDistrict, type SyntheticCommunity } from '@linli/cim/synthetic/district';
import { SYSTEM_ACTOR, commitRegistryImport, districtModel, withScope } from '@linli/db';
import { freePort } from '@linli/db/test-support/ports';
import { seedReferenceData } from '@linli/seed';
import { registryFiles } from './lib/registry-files';
import { withTempDatabase } from './lib/temp-database';

const ROOT = resolve(import.meta.dirname, '..');
const WEB = join(ROOT, 'apps/web');
const PASSWORD = 'Linli@2026';
const record = (name: string, value: string) => console.log(`${name.padEnd(70)} ${value}`);
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function geometry(community: SyntheticCommunity, district: SyntheticCommunity[]) {
  let t0 = performance.now();
  const model = buildModel({ level: 4, community: { code: community.code, name: community.name, districtCode: community.districtCode }, buildings: community.buildings, households: community.households });
  record(`CIM4 model, ${community.buildings.length} buildings / ${community.households.length.toLocaleString('en')} households`, ms(t0));
  t0 = performance.now();
  const ts = buildTileset(model, { maxFeaturesPerTile: 2500 });
  const bytes = [...ts.files.values()].reduce((n, f) => n + f.byteLength, 0);
  record('  → 3D Tiles (glb, household features with address codes)', `${ms(t0)} (${ts.files.size} glb, ${mb(bytes)})`);
  t0 = performance.now();
  const models = district.map((c) => buildModel({ level: 2, community: { code: c.code, name: c.name, districtCode: c.districtCode }, buildings: c.buildings, households: [] }));
  record(`CIM2 models of ${district.length} communities, ${models.reduce((n, m) => n + m.buildings.length, 0).toLocaleString('en')} buildings`, ms(t0));
  t0 = performance.now();
  const dts = buildTileset(districtModel(models, 'bench'), { level: 'building', maxFeaturesPerTile: 2500 });
  const dbytes = [...dts.files.values()].reduce((n, f) => n + f.byteLength, 0);
  record('  → one district tileset (reprojected white models)', `${ms(t0)} (${dts.files.size} glb, ${mb(dbytes)})`);
}

async function waitHttp(url: string, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

async function render(browser: Browser, base: string, user: string, warmUp: string, path: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const external: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.host !== new URL(base).host) external.push(r.url());
  });
  await page.goto(`${base}/login`);
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.locator('form button[type="submit"]').click()]);
  const out: { ms: number; features: number; marks: string }[] = [];
  // Warm the server's routes, the browser's Cesium download and its shader cache on another
  // scene first, so "cold" below means: this model's tiles are not built yet.
  for (const p of [warmUp, path, path]) {
    await page.goto(`${base}${p}`);
    await page.waitForFunction(() => (window as { __linliSceneReady?: unknown }).__linliSceneReady, null, { timeout: 180_000 });
    const ready = await page.evaluate(() => (window as unknown as { __linliSceneReady: { ms: number; features: number } }).__linliSceneReady);
    const marks = await page.evaluate(() =>
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('scene:'))
        .map((m) => `${m.name.slice(6)} ${Math.round(m.startTime)}`)
        .join(', '),
    );
    out.push({ ...ready, marks });
  }
  await context.close();
  return { cold: out[1]!, warm: out[2]!, external };
}

async function main() {
  console.log('— geometry (pure) —');
  const [community] = syntheticDistrict({ communities: 1, buildingsPerCommunity: 100, seed: 7 });
  const district = syntheticDistrict({ communities: 100, buildingsPerCommunity: 20, origin: { lng: 121.215, lat: 31.03 } });
  geometry(community!, district);

  const nextBin = createRequire(join(WEB, 'package.json')).resolve('next/dist/bin/next');
  if (!existsSync(join(WEB, '.next/BUILD_ID'))) {
    console.log('\nno web build: run `npm run build -w @linli/web` first for the browser figures');
    return;
  }
  console.log('\n— first rendered frame in headless Chromium (SwiftShader WebGL2), through the product —');
  await withTempDatabase('linli-bench-render-', 4, async ({ setup: db, owner, app }) => {
    let web: ChildProcess | null = null;
    let browser: Browser | null = null;
    try {
      await seedReferenceData(owner.db, { tenantsDir: join(ROOT, 'tenants'), demoPassword: PASSWORD });
      const importInto = async (c: SyntheticCommunity, slug: string, districtCode: string) => {
        const [t] = await owner.db.execute<{ id: string }>(sql`
          insert into tenants (slug, district_id, name_zh, name_en, max_buildings)
          select ${slug}, d.id, ${c.name}, ${c.code}, 500 from districts d where d.code = ${districtCode} returning id`);
        await owner.db.execute(sql`
          insert into grants (organization_id, tenant_id, access_level)
          select o.id, ${t!.id}, 'supervise' from organizations o join districts d on d.id = o.district_id
          where d.code = ${districtCode} and o.kind = 'street_office'`);
        const parsed = await parseImportFiles(registryFiles(c));
        await withScope(app.db, { tenantIds: [t!.id] }, (tx) => commitRegistryImport(tx, SYSTEM_ACTOR, { tenantId: t!.id, parsed }));
      };
      let t0 = performance.now();
      // The 10,000-household community under the Xiangheyuan office, the 2,000 buildings under Fangsong.
      await importInto(community!, 'bench-10k', 'xiangheyuan');
      for (const [i, c] of district.entries()) await importInto(c, `bench-d${String(i + 1).padStart(3, '0')}`, 'fangsong');
      record('import the synthetic registries (1 × 10,000 households, 100 × 20 buildings)', ms(t0));

      const port = freePort();
      const base = `http://127.0.0.1:${port}`;
      web = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
        cwd: WEB,
        stdio: 'ignore',
        env: { ...process.env, LINLI_APP_DATABASE_URL: db.appUrl, LINLI_FIELD_KEY: db.localKeys!.fieldKey, LINLI_INDEX_KEY: db.localKeys!.indexKey, NEXT_TELEMETRY_DISABLED: '1' },
      });
      await waitHttp(`${base}/login`, 60_000);
      browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
      const c = await render(browser, base, 'xhy.officer', '/c/moma/scene?level=2', '/c/bench-10k/scene?level=4');
      record('community CIM4, 10,000 households: first frame with the model (cold)', `${c.cold.ms} ms (${c.cold.features.toLocaleString('en')} features)`);
      record('  stages', c.cold.marks);
      record('community CIM4, 10,000 households: first frame (warm, tiles cached)', `${c.warm.ms} ms (${c.warm.features.toLocaleString('en')} features)`);
      record('  stages', c.warm.marks);
      const d = await render(browser, base, 'fs.officer', '/c/fangsong-xinyuan/scene?level=2', '/district/fangsong/scene');
      record('district CIM2, 2,000 synthetic + 50 seeded buildings: first frame (cold)', `${d.cold.ms} ms (${d.cold.features.toLocaleString('en')} features)`);
      record('  stages', d.cold.marks);
      record('district CIM2: first frame (warm)', `${d.warm.ms} ms (${d.warm.features.toLocaleString('en')} features)`);
      record('  stages', d.warm.marks);
      record('requests to other hosts (must be 0)', String(c.external.length + d.external.length));
    } finally {
      await browser?.close();
      if (web) {
        const exited = new Promise((r) => web!.once('exit', r));
        web.kill('SIGTERM');
        await exited;
      }
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
