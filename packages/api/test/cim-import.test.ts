import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { parseImportFiles, type ImportFileInput } from '@linli/cim/import/files';
import { parseCsv, toCsv } from '@linli/cim/import/index';
import { RegistryImportRejected, SYSTEM_ACTOR, commitRegistryImport, loadCommunityRegistry, previewRegistryImport, tenants, withScope } from '@linli/db';
import { useApiTest } from './support';

const t = useApiTest('cim_import');
const TENANTS = fileURLToPath(new URL('../../../tenants', import.meta.url));
const enc = (s: string) => new TextEncoder().encode(s);
const ref = (slug: string, name: string) => readFileSync(`${TENANTS}/${slug}/registry/${name}`, 'utf8');
const csvFile = (role: 'buildings' | 'households', text: string): ImportFileInput => ({ role, name: `${role}.csv`, bytes: enc(text) });
const geo = (role: 'footprints' | 'site', doc: unknown): ImportFileInput => ({ role, name: `${role}.geojson`, bytes: enc(typeof doc === 'string' ? doc : JSON.stringify(doc)) });

async function tenantId(slug: string): Promise<string> {
  const [row] = await t.db.owner.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug));
  return row!.id;
}

/** Everything an import could write, for before/after comparison. */
async function snapshot(id: string) {
  const [r] = await t.db.owner.db.execute<Record<string, number | string>>(sql`
    select (select count(*)::int from buildings where tenant_id = ${id}) as buildings,
           (select count(*)::int from households where tenant_id = ${id}) as households,
           (select count(*)::int from cim_units where tenant_id = ${id}) as units,
           (select count(*)::int from cim_facilities where tenant_id = ${id}) as facilities,
           (select count(*)::int from cim_roads where tenant_id = ${id}) as roads,
           (select count(*)::int from cim_parking where tenant_id = ${id}) as parking,
           (select count(*)::int from audit_log where tenant_id = ${id}) as audit,
           (select coalesce(max(version), 0)::int from cim_versions where tenant_id = ${id}) as version,
           (select string_agg(address_code, ',' order by address_code) from households where tenant_id = ${id}) as codes`);
  return r!;
}

async function runImport(slug: string, files: ImportFileInput[]) {
  const id = await tenantId(slug);
  const parsed = await parseImportFiles(files);
  return withScope(t.db.app.db, { tenantIds: [id] }, (tx) => commitRegistryImport(tx, SYSTEM_ACTOR, { tenantId: id, parsed }));
}

/** Expects the import to be refused with a problem of `code`, and nothing written. */
async function refused(slug: string, files: ImportFileInput[], code: string) {
  const id = await tenantId(slug);
  const before = await snapshot(id);
  let problems: { code: string; zh: string; en: string; row: number | null; file: string }[] = [];
  try {
    await runImport(slug, files);
    throw new Error('import was not refused');
  } catch (e) {
    if (!(e instanceof RegistryImportRejected)) throw e;
    problems = e.problems;
  }
  expect(await snapshot(id)).toEqual(before);
  const hit = problems.find((p) => p.code === code);
  expect(hit, `expected a ${code} problem, got ${problems.map((p) => p.code).join(', ')}`).toBeDefined();
  expect(hit!.zh.length).toBeGreaterThan(3);
  expect(hit!.en.length).toBeGreaterThan(3);
  return hit!;
}

const square = (lng: number, lat: number, d = 0.0002) => [[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]];
const fc = (features: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'FeatureCollection', ...extra, features });
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });

describe('registry import: every error path writes nothing (issue #5)', () => {
  const buildings = () => ref('minyi-yuan', 'buildings.csv');
  const households = () => ref('minyi-yuan', 'households.csv');

  it('duplicate building codes ("3" and "03" are the same building)', async () => {
    const text = buildings().trimEnd() + '\r\nb01,重复楼,6,0,2.9,2,住宅,2000,砖混,1,0\r\n';
    const p = await refused('minyi-yuan', [csvFile('buildings', text)], 'duplicate_building');
    expect(p.file).toBe('buildings');
    expect(p.row).toBe(16);
  });

  it('households outside their building (unit and floor beyond it) and missing floors', async () => {
    const text = households().trimEnd() + '\r\nB01,9,1,901,80,住宅,自住\r\nB01,1,30,3001,80,住宅,自住\r\n';
    await refused('minyi-yuan', [csvFile('buildings', buildings()), csvFile('households', text)], 'unit_out_of_range');
    await refused('minyi-yuan', [csvFile('buildings', buildings()), csvFile('households', text)], 'floor_out_of_range');
    const id = await tenantId('minyi-yuan');
    const gap = households()
      .split('\r\n')
      .filter((l) => !/^B02,\d+,3,/.test(l))
      .join('\r\n');
    const parsed = await parseImportFiles([csvFile('buildings', buildings()), csvFile('households', gap)]);
    const plan = await withScope(t.db.app.db, { tenantIds: [id] }, (tx) => previewRegistryImport(tx, id, parsed));
    expect(plan.problems.find((p) => p.code === 'missing_floors')?.zh).toContain('第 3 层');
  });

  it('unreadable values, missing columns, a broken workbook and an oversized file', async () => {
    await refused('minyi-yuan', [csvFile('buildings', buildings().replace('B03,3号楼,6', 'B03,3号楼,six'))], 'not_a_number');
    await refused('minyi-yuan', [csvFile('buildings', '楼栋名称 name,单元数 units\r\n1号楼,2\r\n')], 'missing_column');
    await refused('minyi-yuan', [{ role: 'workbook', name: 'broken.xlsx', bytes: enc('PK\u0003\u0004 this is not a zip at all') }], 'unreadable');
    const big = new Uint8Array(50 * 1024 * 1024);
    await refused('minyi-yuan', [{ role: 'buildings', name: 'huge.csv', bytes: big }], 'file_too_large');
  });

  it('GeoJSON: wrong CRS, projected coordinates, self-intersection, outside China, unknown building', async () => {
    const b = csvFile('buildings', buildings());
    await refused('minyi-yuan', [b, geo('footprints', fc([feature({ code: 'B01' }, { type: 'Polygon', coordinates: [square(121.22, 31.03)] })], { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } } }))], 'wrong_crs');
    await refused('minyi-yuan', [b, geo('footprints', fc([feature({ code: 'B01' }, { type: 'Polygon', coordinates: [[[13495000, 3641000], [13495040, 3641000], [13495040, 3641020], [13495000, 3641000]]] })]))], 'projected_coordinates');
    const bowtie = [[121.22, 31.03], [121.2204, 31.0304], [121.2204, 31.03], [121.22, 31.0304], [121.22, 31.03]];
    await refused('minyi-yuan', [b, geo('footprints', fc([feature({ code: 'B01' }, { type: 'Polygon', coordinates: [bowtie] })]))], 'footprint_self_intersection');
    await refused('minyi-yuan', [b, geo('footprints', fc([feature({ code: 'B01' }, { type: 'Polygon', coordinates: [square(2.35, 48.85)] })]))], 'outside_china');
    await refused('minyi-yuan', [b, geo('footprints', fc([feature({ code: 'B99' }, { type: 'Polygon', coordinates: [square(121.22, 31.03)] })]))], 'unknown_building');
    await refused('minyi-yuan', [geo('site', fc([feature({ layer: 'facility', code: 'X1', kind: 'hydrant' }, { type: 'Point', coordinates: [121.22, 91.5] })]))], 'projected_coordinates');
    await refused('minyi-yuan', [geo('site', '{"type": "FeatureCollection", "features": [')], 'bad_json');
  });

  it('an open or clockwise ring is repaired with a warning, not refused', async () => {
    const open = square(121.2221, 31.0379).slice(0, 4).reverse(); // clockwise, not closed
    const id = await tenantId('minyi-yuan');
    const parsed = await parseImportFiles([geo('footprints', fc([feature({ code: 'B14' }, { type: 'Polygon', coordinates: [open] })]))]);
    const plan = await withScope(t.db.app.db, { tenantIds: [id] }, (tx) => previewRegistryImport(tx, id, parsed));
    expect(plan.ok).toBe(true);
    expect(plan.problems.map((p) => p.code).sort()).toEqual(['footprint_not_closed', 'footprint_wrong_winding']);
  });

  it('the building quota', async () => {
    const id = await tenantId('minyi-yuan');
    await t.db.owner.db.update(tenants).set({ maxBuildings: 14 }).where(eq(tenants.id, id));
    const extra = buildings().trimEnd() + '\r\nB15,15号楼,6,0,2.9,2,住宅,2000,砖混,1,0\r\n';
    await refused('minyi-yuan', [csvFile('buildings', extra)], 'quota_exceeded');
    await t.db.owner.db.update(tenants).set({ maxBuildings: 30 }).where(eq(tenants.id, id));
  });
});

describe('registry import: commit, re-import and formats', () => {
  it('re-importing keeps every address code and never duplicates; an unrelated change updates in place', async () => {
    const id = await tenantId('jiangqiu-yuan');
    const files = () => [
      csvFile('buildings', ref('jiangqiu-yuan', 'buildings.csv')),
      csvFile('households', ref('jiangqiu-yuan', 'households.csv')),
      geo('footprints', ref('jiangqiu-yuan', 'footprints.geojson')),
      geo('site', ref('jiangqiu-yuan', 'site.geojson')),
    ];
    const before = await snapshot(id);
    const again = await runImport('jiangqiu-yuan', files());
    expect(again.households).toMatchObject({ inserted: 0, updated: 540 });
    expect(again.buildings).toMatchObject({ inserted: 0, updated: 16 });
    const after = await snapshot(id);
    expect(after.codes).toBe(before.codes);
    expect(after.households).toBe(before.households);
    expect(Number(after.audit)).toBe(Number(before.audit) + 1);
    expect(Number(after.version)).toBeGreaterThan(Number(before.version));

    // Change one household's area and shuffle the rows: codes stay, nothing is added.
    const lines = ref('jiangqiu-yuan', 'households.csv').trimEnd().split('\r\n');
    const [head, ...rows] = lines;
    rows.reverse();
    rows[0] = rows[0]!.replace(/^(B\d+,\d+,\d+,\d+),[\d.]+/, '$1,123.4');
    const third = await runImport('jiangqiu-yuan', [csvFile('buildings', ref('jiangqiu-yuan', 'buildings.csv')), csvFile('households', [head, ...rows].join('\r\n'))]);
    expect(third.households.inserted).toBe(0);
    const final = await snapshot(id);
    expect(final.codes).toBe(before.codes);
    const [row] = await t.db.owner.db.execute<{ area: number }>(sql`select area from households where tenant_id = ${id} and address_code = ${'310117-JQY-BB16-U01-F018-R1804'}`);
    expect(row?.area).toBeCloseTo(123.4);
    // Residents still sit in households that exist.
    const [orphans] = await t.db.owner.db.execute<{ n: number }>(sql`select count(*)::int as n from residents r where r.tenant_id = ${id} and (r.household_id is null or not exists (select 1 from households h where h.tenant_id = r.tenant_id and h.id = r.household_id))`);
    expect(orphans!.n).toBe(0);
  });

  it('an .xlsx workbook imports exactly like the CSV files', async () => {
    const wb = new ExcelJS.Workbook();
    for (const [name, file] of [['楼栋 buildings', 'buildings.csv'], ['房屋 households', 'households.csv']] as const) {
      const ws = wb.addWorksheet(name);
      for (const r of parseCsv(ref('minyi-yuan', file).replace(/^\uFEFF/, '')).grid) if (r.some((c) => c !== '')) ws.addRow(r.map((c, i) => (i > 0 && /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
    }
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const fromXlsx = await parseImportFiles([{ role: 'workbook', name: 'registry.xlsx', bytes }]);
    const fromCsv = await parseImportFiles([csvFile('buildings', ref('minyi-yuan', 'buildings.csv')), csvFile('households', ref('minyi-yuan', 'households.csv'))]);
    expect(fromXlsx.fileProblems).toEqual([]);
    expect(fromXlsx.buildings?.items).toEqual(fromCsv.buildings?.items);
    expect(fromXlsx.households?.items).toEqual(fromCsv.households?.items);
    const r = await runImport('minyi-yuan', [{ role: 'workbook', name: 'registry.xlsx', bytes }]);
    expect(r.households).toMatchObject({ inserted: 0, updated: 412 });
  });

  it('a new building with households, units and a footprint lands at CIM4 and in the loader', async () => {
    const id = await tenantId('minyi-yuan');
    const b = toCsv([['楼栋编码 code', '楼栋名称 name', '地上层数 floors_above', '单元数 units', '每单元电梯数 elevators_per_unit'], ['B15', '15号楼', 3, 1, 1]]);
    const h = toCsv([['楼栋编码', '单元', '楼层', '房号', '状态'], ['B15', 1, 1, '101', '空置'], ['B15', 1, 2, '201', 'occupied'], ['B15', 1, 3, '301', 'rented']]);
    const r = await runImport('minyi-yuan', [csvFile('buildings', b), csvFile('households', h), geo('footprints', fc([feature({ code: 'B15' }, { type: 'Polygon', coordinates: [square(121.2240, 31.0365)] })]))]);
    expect(r.buildings.inserted).toBe(1);
    expect(r.households.inserted).toBe(3);
    const reg = await withScope(t.db.app.db, { tenantIds: [id] }, (tx) => loadCommunityRegistry(tx, id));
    expect(reg.buildings.find((x) => x.code === 'B15')?.units).toBe(1);
    expect(reg.households.filter((x) => x.buildingCode === 'B15').map((x) => x.state)).toEqual(['vacant', 'occupied', 'rented']);
    const [row] = await t.db.owner.db.execute<{ cim_level: number; elevators: number }>(sql`select b.cim_level, u.elevators from buildings b join cim_units u on u.building_id = b.id where b.tenant_id = ${id} and b.code = 'B15'`);
    expect(row).toEqual({ cim_level: 4, elevators: 1 });
  });

  it('new CIM tables are isolated per tenant (RLS, app role)', async () => {
    const moma = await tenantId('moma');
    const fs = await tenantId('fangsong-xinyuan');
    for (const table of ['cim_sites', 'cim_units', 'cim_facilities', 'cim_roads', 'cim_parking', 'cim_parking_spaces', 'cim_versions']) {
      const seen = await withScope(t.db.app.db, { tenantIds: [fs] }, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${moma}`));
      expect(seen[0]!.n, table).toBe(0);
      const own = await withScope(t.db.app.db, { tenantIds: [moma] }, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`));
      expect(own[0]!.n, table).toBeGreaterThan(0);
    }
    const err = await withScope(t.db.app.db, { tenantIds: [fs] }, (tx) => tx.execute(sql`insert into cim_roads (tenant_id, code, name, centerline, width) values (${moma}, 'X', 'x', '[]', 5)`)).then(
      () => null,
      (e: { cause?: Error }) => e.cause?.message ?? String(e),
    );
    expect(err).toMatch(/row-level security/);
  });
});
