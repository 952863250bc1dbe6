/**
 * `npm run bench:cim-import`: the registry import at district scale (issue #5). A synthetic
 * district (100 communities, 2,000 buildings, 200,000 households — packages/cim/src/synthetic)
 * goes through the console's own path: files (CSV + GeoJSON) → parse → validate → one
 * transaction per community as the app role under RLS. Then the whole district as ONE registry
 * (2,000 buildings, 200,000 households in one transaction), its re-import (update in place) and
 * address searches against it. Prints figures; asserts nothing.
 */
import { sql } from 'drizzle-orm';
import { planImport } from '@linli/cim/import/index';
import { parseImportFiles } from '@linli/cim/import/files';
import { syntheticDistrict, type SyntheticCommunity } from '@linli/cim/synthetic/district';
import { SYSTEM_ACTOR, commitRegistryImport, previewRegistryImport, searchAddress, withScope } from '@linli/db';
import { p50p99 } from './lib/harness';
import { registryFiles } from './lib/registry-files';
import { withTempDatabase } from './lib/temp-database';

const record = (name: string, value: string) => console.log(`${name.padEnd(64)} ${value}`);
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

async function main() {
  await withTempDatabase('linli-bench-cim-', 4, async ({ owner, app }) => {
    let t0 = performance.now();
    const district = syntheticDistrict();
    record('generate synthetic district (100 × 20 buildings, 200,000 households)', ms(t0));
    const [d] = await owner.db.execute<{ id: string }>(sql`insert into districts (code, name_zh, name_en, city) values ('bench', '基准街道', 'Bench', '上海市松江区') returning id`);
    const ids: string[] = [];
    for (const c of district) {
      const [row] = await owner.db.execute<{ id: string }>(sql`insert into tenants (slug, district_id, name_zh, name_en, max_buildings) values (${c.code.toLowerCase()}, ${d!.id}, ${c.name}, ${c.code}, 100) returning id`);
      ids.push(row!.id);
    }
    const [big] = await owner.db.execute<{ id: string }>(sql`insert into tenants (slug, district_id, name_zh, name_en, max_buildings) values ('bench-all', ${d!.id}, '合成全区', 'Whole district', 5000) returning id`);

    // 1. Per community, the console path: bytes → parse → validate → commit.
    t0 = performance.now();
    const inputs = district.map(registryFiles);
    const bytes = inputs.flat().reduce((n, f) => n + f.bytes.byteLength, 0);
    record('serialise to CSV + GeoJSON', `${ms(t0)} (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
    let parseMs = 0;
    let validateMs = 0;
    const commits: number[] = [];
    const all0 = performance.now();
    for (let i = 0; i < district.length; i++) {
      let s = performance.now();
      const parsed = await parseImportFiles(inputs[i]!);
      parseMs += performance.now() - s;
      s = performance.now();
      const plan = await withScope(app.db, { tenantIds: [ids[i]!] }, (tx) => previewRegistryImport(tx, ids[i]!, parsed));
      validateMs += performance.now() - s;
      if (!plan.ok) throw new Error(`community ${i} invalid: ${plan.problems[0]?.en}`);
      s = performance.now();
      await withScope(app.db, { tenantIds: [ids[i]!] }, (tx) => commitRegistryImport(tx, SYSTEM_ACTOR, { tenantId: ids[i]!, parsed }));
      commits.push(performance.now() - s);
    }
    record('100 communities: parse CSV/GeoJSON (total)', `${parseMs.toFixed(0)} ms`);
    record('100 communities: validate (total, incl. DB context)', `${validateMs.toFixed(0)} ms`);
    record('100 communities: commit, one transaction each (total)', `${commits.reduce((a, b) => a + b, 0).toFixed(0)} ms`);
    record('  commit per community (20 buildings, 2,000 households)', p50p99(commits, 0));
    record('100 communities end to end (parse + validate + commit)', ms(all0));

    // 2. The whole district as one registry in one transaction.
    const merged = {
      buildings: district.flatMap((c, i) => c.buildings.map((b) => ({ ...b, code: `C${String(i + 1).padStart(3, '0')}${b.code}`, name: `${c.name}${b.name}` }))),
      households: district.flatMap((c, i) => c.households.map((h) => ({ ...h, buildingCode: `C${String(i + 1).padStart(3, '0')}${h.buildingCode}` }))),
    };
    const whole: SyntheticCommunity = { ...district[0]!, code: 'ALL', name: '合成全区', buildings: merged.buildings, households: merged.households };
    const wf = registryFiles(whole);
    t0 = performance.now();
    const parsed = await parseImportFiles(wf);
    record(`one registry: parse (${(wf.reduce((n, f) => n + f.bytes.byteLength, 0) / 1024 / 1024).toFixed(1)} MB CSV + GeoJSON)`, ms(t0));
    t0 = performance.now();
    const plan = planImport(parsed, { existing: [], maxBuildings: 5000, community: {} });
    record('one registry: validate (pure, 2,000 buildings, 200,000 households)', `${ms(t0)} (${plan.problems.length} problems)`);
    t0 = performance.now();
    const stages = new Map<string, number>();
    const r1 = await withScope(app.db, { tenantIds: [big!.id] }, (tx) =>
      commitRegistryImport(tx, SYSTEM_ACTOR, { tenantId: big!.id, parsed, onProgress: (p) => !stages.has(p.stage) && stages.set(p.stage, performance.now()) }),
    );
    record('one registry: commit in ONE transaction (insert)', `${ms(t0)} (+${r1.households.inserted} households)`);
    const marks = [...stages.entries()];
    record(
      '  by stage',
      marks.slice(0, -1).map(([name, at], i) => `${name} ${((marks[i + 1]![1] - at) / 1000).toFixed(1)} s`).join(', '),
    );
    t0 = performance.now();
    const r2 = await withScope(app.db, { tenantIds: [big!.id] }, (tx) => commitRegistryImport(tx, SYSTEM_ACTOR, { tenantId: big!.id, parsed }));
    record('one registry: re-import (update in place, no duplicates)', `${ms(t0)} (~${r2.households.updated} households, +${r2.households.inserted})`);
    const searches: number[] = [];
    for (const q of ['12号楼1单元', 'C042B07', '合成社区17 3-1-1201', '1502', '合成社区88 5号楼']) {
      for (let k = 0; k < 10; k++) {
        const s = performance.now();
        await withScope(app.db, { tenantIds: [big!.id] }, (tx) => searchAddress(tx, { tenantId: big!.id, query: q, limit: 20 }));
        searches.push(performance.now() - s);
      }
    }
    record('address search over 200,000 households (pg_trgm)', p50p99(searches, 0));
    const [size] = await owner.db.execute<{ s: string }>(sql`select pg_size_pretty(pg_database_size(current_database())) as s`);
    record('database size after both imports', size!.s);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
