/// <reference path="../../cim/test/export-gltf-validator.d.ts" />
import { validateBytes } from 'gltf-validator';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { unzipStore, type Tileset } from '@linli/cim';
import { clearSceneCache, sceneVersions, withScope } from '@linli/db';
import { cityjsonValidator, tiles3dValidator } from '../../cim/test/export-schemas';
import { outcome, useApiTest } from './support';

const t = useApiTest('cim_scene');
const dec = new TextDecoder();

function contentUris(tile: Tileset['root']): string[] {
  return [...(tile.content ? [tile.content.uri] : []), ...(tile.children ?? []).flatMap(contentUris)];
}

async function glbErrors(bytes: Uint8Array): Promise<number> {
  const report = await validateBytes(bytes, { maxIssues: 50 });
  return report.issues.numErrors;
}

async function auditCount(action: string): Promise<number> {
  const rows = await t.db.owner.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = ${action}`);
  return Number(rows[0]!.n);
}

describe('community scene (issue #5: R4.1.2, R6.2.5) on the seeded registry', () => {
  it('scene data at each level: ground, buildings with counts, devices located; levels capped by the registry', async () => {
    const api = await t.as('moma.admin');
    // Two located devices (the test seed has no demo devices), one with an open alarm.
    const first = (await api.cim.scene.data({ tenant: 'moma', level: 1 })).buildings[0]!;
    const made = await api.devices.provision({
      tenant: 'moma',
      rows: [
        { code: 'SCN-SMOKE', kind: 'smoke_detector', name: '烟感 1', buildingCode: first.code, floor: 3, lng: first.lng, lat: first.lat },
        { code: 'SCN-ENV', kind: 'environment', name: '环境 1', lng: first.lng + 0.0003, lat: first.lat },
      ],
    });
    await t.db.owner.db.execute(sql`
      insert into alarms (tenant_id, id, device_id, rule_id, severity, state, title_zh, title_en, raised_at, last_at)
      select tenant_id, gen_random_uuid(), id, 'smoke', 'critical', 'raised', '烟雾报警', 'Smoke alarm', now(), now() from devices where code = 'SCN-SMOKE'`);
    const d4 = await api.cim.scene.data({ tenant: 'moma' });
    const smoke = d4.devices.find((d) => d.id === made[0]!.id)!;
    expect(smoke).toMatchObject({ buildingCode: first.code, floor: 3, openAlarms: 1, severity: 'critical' });
    expect(d4.totals.openAlarms).toBe(1);
    expect(d4.level).toBe(4);
    expect(d4.maxLevel).toBe(4);
    expect(d4.buildings.length).toBeGreaterThanOrEqual(15);
    expect(d4.totals.households).toBeGreaterThan(1500);
    expect(d4.site.boundary.length).toBeGreaterThanOrEqual(4);
    expect(d4.site.roads.length).toBeGreaterThan(0);
    expect(d4.devices.filter((d) => d.lng !== null).length).toBeGreaterThan(0);
    for (const b of d4.buildings) expect(b.address).toMatch(/-MOMA-B/);
    // CIM4 features: every household plus one stair core per unit.
    expect(d4.featureCount).toBeGreaterThan(d4.totals.households);
    // The cheap version read (cache key) is spelled exactly like the loader's.
    const id = (await t.db.owner.db.execute<{ id: string }>(sql`select id from tenants where slug = 'moma'`))[0]!.id;
    const versions = await withScope(t.db.app.db, { tenantIds: [id] }, (tx) => sceneVersions(tx, [id]));
    expect(versions.get(id)).toBe(d4.version);
    const d2 = await api.cim.scene.data({ tenant: 'moma', level: 2 });
    expect(d2.featureCount).toBe(d2.buildings.length);
    const d1 = await api.cim.scene.data({ tenant: 'moma', level: 1 });
    expect(d1.featureCount).toBe(0);
    expect(d1.buildings.map((b) => b.households)).toEqual(d4.buildings.map((b) => b.households));
  });

  it('tileset.json validates against 3D Tiles 1.1 and every glb against gltf-validator with 0 errors; address codes are the feature ids', async () => {
    clearSceneCache();
    const api = await t.as('moma.admin');
    const validate = tiles3dValidator();
    for (const level of [2, 3, 4]) {
      const { tileset, version } = await api.cim.scene.tileset({ tenant: 'moma', level });
      expect(validate(tileset), JSON.stringify(validate.errors)).toBe(true);
      expect(tileset.asset.tilesetVersion).toBe(version);
      const uris = contentUris(tileset.root);
      expect(uris.length).toBeGreaterThan(0);
      let text = '';
      for (const uri of uris) {
        const glb = await api.cim.scene.tileContent({ tenant: 'moma', level, uri });
        expect(await glbErrors(glb), `${level} ${uri}`).toBe(0);
        text += dec.decode(glb);
      }
      // Property tables carry the standard address codes as strings.
      expect(text).toMatch(level === 4 ? /-MOMA-B\w+-U\d\d-F\d{3}-R\w+/ : /-MOMA-B\w+/);
    }
    // Cold cache (a restart): content is rebuilt from the registry under the same name.
    const { tileset } = await api.cim.scene.tileset({ tenant: 'moma', level: 2 });
    const uri = contentUris(tileset.root)[0]!;
    clearSceneCache();
    expect((await api.cim.scene.tileContent({ tenant: 'moma', level: 2, uri })).byteLength).toBeGreaterThan(0);
    expect(await outcome(api.cim.scene.tileContent({ tenant: 'moma', level: 2, uri: '../../etc/passwd' }))).toBe('NOT_FOUND');
  });

  it('address search finds households by label or code; the household card masks residents unless revealed (audited)', async () => {
    const admin = await t.as('moma.admin');
    const hits = await admin.cim.scene.search({ tenant: 'moma', query: '1单元' });
    expect(hits.length).toBeGreaterThan(0);
    // Free text through the registry's tolerant search, placed on the model (a household block).
    const typed = await admin.cim.scene.search({ tenant: 'moma', query: '1号楼1单元101' });
    expect(typed.length).toBeGreaterThan(0);
    expect(typed[0]!.kind).toBe('household');
    expect(typed[0]!.labelZh).toContain('101');
    expect(Number.isFinite(typed[0]!.lng) && typed[0]!.height > 0).toBe(true);
    const household = (await admin.cim.scene.search({ tenant: 'moma', query: '-R', limit: 50 })).find((h) => h.kind === 'household');
    expect(household).toBeDefined();
    const exact = await admin.cim.scene.search({ tenant: 'moma', query: household!.address.toLowerCase() });
    expect(exact[0]!.address).toBe(household!.address);

    // A household with residents.
    const [row] = await t.db.owner.db.execute<{ address: string }>(sql`
      select h.address_code as address from households h join residents r on r.household_id = h.id and r.tenant_id = h.tenant_id
      join tenants t on t.id = h.tenant_id where t.slug = 'moma' and h.address_code is not null limit 1`);
    expect(row).toBeDefined();
    const staff = await t.as('moma.staff');
    const masked = await staff.cim.scene.household({ tenant: 'moma', address: row!.address });
    expect(masked.masked).toBe(true);
    expect(masked.residents!.length).toBeGreaterThan(0);
    expect(masked.residents![0]!.name).toContain('*');
    expect(await outcome(staff.cim.scene.householdReveal({ tenant: 'moma', address: row!.address }))).toBe('FORBIDDEN');
    const before = await auditCount('residents.pii_read');
    const full = await admin.cim.scene.householdReveal({ tenant: 'moma', address: row!.address });
    expect(full.masked).toBe(false);
    expect(full.residents![0]!.name).not.toContain('*');
    expect(await auditCount('residents.pii_read')).toBe(before + 1);
    expect(await outcome(admin.cim.scene.household({ tenant: 'moma', address: '110000-NOPE-B01-U01-F001-R101' }))).toBe('NOT_FOUND');
  });

  it('a resident may not open the scene; another community is not reachable', async () => {
    const resident = await t.as('moma.resident');
    expect(await outcome(resident.cim.scene.data({ tenant: 'moma' }))).toBe('FORBIDDEN');
    const fsGrid = await t.as('fs.grid');
    expect(await outcome(fsGrid.cim.scene.tileset({ tenant: 'moma', level: 2 }))).toBe('FORBIDDEN');
  });
});

describe('CIM exports (R6.2.1, R4.4) through the API, audited as data exports', () => {
  it('CityJSON 2.0 validates with 0 errors and carries buildings, units, storeys and households with address codes', async () => {
    const api = await t.as('moma.admin');
    const before = await auditCount('cim.export');
    const out = await api.cim.scene.export({ tenant: 'moma', format: 'cityjson' });
    const doc = JSON.parse(dec.decode(out.body));
    const validate = cityjsonValidator();
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    const types = Object.values(doc.CityObjects as Record<string, { type: string }>).map((o) => o.type);
    for (const type of ['Building', 'BuildingPart', 'BuildingStorey', 'BuildingUnit']) expect(types).toContain(type);
    expect(Object.keys(doc.CityObjects).some((id) => /-MOMA-B\w+-U\d\d-F\d{3}-R/.test(id))).toBe(true);
    expect(out.contentType).toBe('application/city+json');
    expect(await auditCount('cim.export')).toBe(before + 1);
  });

  it('GeoJSON of buildings, facilities and devices; devices need devices.read', async () => {
    const api = await t.as('moma.admin');
    for (const format of ['buildings-geojson', 'facilities-geojson', 'devices-geojson'] as const) {
      const out = await api.cim.scene.export({ tenant: 'moma', format });
      const fc = JSON.parse(dec.decode(out.body));
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.features.length, format).toBeGreaterThan(0);
      for (const f of fc.features) expect(['Point', 'LineString', 'Polygon']).toContain(f.geometry.type);
    }
    const svc = await t.as('svc.anxin');
    expect(await outcome(svc.cim.scene.export({ tenant: 'moma', format: 'devices-geojson' }))).not.toBe('OK');
  });

  it('3D Tiles zip: tileset.json (3D Tiles 1.1, 0 errors) and every glb (0 errors) inside', async () => {
    const api = await t.as('moma.admin');
    const out = await api.cim.scene.export({ tenant: 'moma', format: '3dtiles-zip', level: 3 });
    const files = unzipStore(out.body);
    const tileset = JSON.parse(dec.decode(files.get('tileset.json')!));
    const validate = tiles3dValidator();
    expect(validate(tileset), JSON.stringify(validate.errors)).toBe(true);
    const uris = contentUris(tileset.root);
    expect(uris.length).toBe(files.size - 1);
    for (const uri of uris) expect(await glbErrors(files.get(uri)!)).toBe(0);
    expect(await outcome(api.cim.scene.export({ tenant: 'moma', format: '3dtiles-zip', level: 1 }))).toBe('BAD_REQUEST');
  });
});

describe('district scene', () => {
  it('every community of the street office at CIM2 with a summary; none of another district', async () => {
    const api = await t.as('fs.officer');
    const { communities } = await api.cim.scene.district({ district: 'fangsong' });
    expect(communities.length).toBeGreaterThanOrEqual(3);
    expect(communities.some((c) => c.slug === 'moma')).toBe(false);
    const modelled = communities.filter((c) => c.modelled);
    expect(modelled.length).toBeGreaterThan(0);
    for (const c of modelled) {
      expect(c.summary.buildings).toBeGreaterThan(0);
      expect(c.centre).not.toBeNull();
      // The officer may load each community's white model (supervise grant, buildings.read).
      const { tileset } = await api.cim.scene.tileset({ tenant: c.slug, level: 2 });
      expect(contentUris(tileset.root).length).toBeGreaterThan(0);
    }
    // One tileset of every white model: 3D Tiles 1.1 and gltf-validator with 0 errors, one
    // feature per building, address codes of the district's communities.
    const { tileset } = await api.cim.scene.districtTileset({ district: 'fangsong' });
    const validate = tiles3dValidator();
    expect(validate(tileset), JSON.stringify(validate.errors)).toBe(true);
    let text = '';
    for (const uri of contentUris(tileset.root)) {
      const glb = await api.cim.scene.districtTileContent({ district: 'fangsong', uri });
      expect(await glbErrors(glb)).toBe(0);
      text += dec.decode(glb);
    }
    for (const c of modelled) expect(text).toContain(`-${c.code}-B`);
    expect(text).not.toContain('-MOMA-');
    const other = await t.as('xhy.officer');
    expect(await outcome(other.cim.scene.district({ district: 'fangsong' }))).toBe('FORBIDDEN');
  });
});
