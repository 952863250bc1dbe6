import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint, PlaceDoc } from '@linli/sync';
import { outcome, useApiTest } from './support';

const t = useApiTest('field_areas');
const tenant = 'fangsong-xinyuan';
let owner: postgres.Sql;
let grid: string;
let momaBuilding: string;
beforeAll(async () => {
  owner = postgres(t.db.ownerUrl, { max: 1, onnotice: () => {} });
  grid = (await owner`select id from users where username = 'fs.grid'`)[0]!.id;
  momaBuilding = (await owner`select b.id from buildings b join tenants t on t.id = b.tenant_id where t.slug = 'moma' limit 1`)[0]!.id;
});
afterAll(() => owner?.end());

const audits = async (action: string) => Number((await owner`select count(*)::int as n from audit_log where action = ${action}`)[0]!.n);

type Api = Awaited<ReturnType<typeof t.as>>;
/** Pulls every place after the checkpoint, page by page, as the tablet does. */
async function pullPlaces(api: Api, from: Checkpoint | null) {
  const docs: PlaceDoc[] = [];
  let checkpoint = from;
  for (;;) {
    const page = await api.field.pull({ collection: 'places', checkpoint, limit: 500 });
    docs.push(...(page.documents as PlaceDoc[]));
    if (page.documents.length === 0) return { docs, checkpoint };
    checkpoint = page.checkpoint;
  }
}

describe('grid areas in the console', () => {
  it('a manager edits and creates areas, assigns a worker; the worker then pulls only that area, the re-tagged places with new stamps; all audited', async () => {
    const committee = await t.as('fs.committee');
    const gridApi = await t.as('fs.grid');
    const before = await committee.fieldConsole.areas.list({ tenant });
    expect(before.areas.map((a) => a.name)).toEqual(['第一网格（1–10号楼）', '第二网格（11–20号楼）']);
    const grid1 = before.areas[0]!;
    const grid2 = before.areas[1]!;
    expect(grid1.members.map((m) => m.username)).toEqual(['fs.grid']);
    expect(grid2.buildings).toHaveLength(10);
    expect(grid2.households).toBeGreaterThan(0);
    expect(before.workers.some((w) => w.username === 'fs.grid')).toBe(true);
    expect(before.workers.some((w) => w.username === 'fs.committee')).toBe(false);
    const code = (c: string) => before.buildings.find((b) => b.code === c)!.id;

    // The worker's tablet is in step before the change.
    const first = await pullPlaces(gridApi, null);
    expect(first.docs.length).toBeGreaterThan(0);
    expect(first.docs.every((d) => d.areaId === grid1.id)).toBe(true);

    // A building already in an area cannot join a second one.
    const twice = committee.fieldConsole.areas.save({ tenant, name: '第三网格', buildingIds: [code('B19'), code('B11')] });
    await expect(twice).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(twice).rejects.toThrow(/one area only/);
    // Another community's building is refused.
    expect(await outcome(committee.fieldConsole.areas.save({ tenant, name: '第三网格', buildingIds: [momaBuilding] }))).toBe('BAD_REQUEST');
    // Bad input is refused before the domain.
    expect(await outcome(committee.fieldConsole.areas.save({ tenant, name: ' ', buildingIds: [code('B19')] }))).toBe('BAD_REQUEST');
    // A grid worker reads but does not manage.
    expect(await outcome(gridApi.fieldConsole.areas.save({ tenant, name: 'x', buildingIds: [code('B19')] }))).toBe('FORBIDDEN');
    expect(await outcome(gridApi.fieldConsole.areas.assign({ tenant, areaId: grid2.id, userId: grid }))).toBe('FORBIDDEN');
    expect((await gridApi.fieldConsole.areas.list({ tenant })).areas).toHaveLength(2);

    // Edit: B19 and B20 leave the second area; create a third with them.
    await committee.fieldConsole.areas.save({ tenant, id: grid2.id, name: '第二网格（11–18号楼）', buildingIds: grid2.buildings.map((b) => b.id).filter((b) => b !== code('B19') && b !== code('B20')) });
    const created = await committee.fieldConsole.areas.save({ tenant, name: '第三网格', buildingIds: [code('B19'), code('B20')] });
    expect(created.retagged.places).toBeGreaterThan(2);
    const third = created.area.id;
    const places = await owner`select doc from field_places where tenant_id = ${created.area.tenantId} and doc->>'kind' = 'building' and id in ${owner([code('B19'), code('B20')])}`;
    expect(places.map((p) => (p.doc as PlaceDoc).areaId)).toEqual([third, third]);

    // fs.grid moves from the first area to the third.
    await committee.fieldConsole.areas.assign({ tenant, areaId: third, userId: grid });
    await committee.fieldConsole.areas.unassign({ tenant, areaId: grid1.id, userId: grid });
    // Only field workers of this community can be assigned.
    const committeeId = (await owner`select id from users where username = 'fs.committee'`)[0]!.id;
    expect(await outcome(committee.fieldConsole.areas.assign({ tenant, areaId: third, userId: committeeId }))).toBe('BAD_REQUEST');

    // From the old checkpoint the tablet receives the third area's places (new stamps), nothing else.
    const next = await pullPlaces(gridApi, first.checkpoint);
    const b19 = next.docs.find((d) => d.id === code('B19'))!;
    expect(b19.areaId).toBe(third);
    expect(b19.updatedAt).toBeGreaterThan(first.checkpoint!.updatedAt);
    expect(next.docs.every((d) => d.areaId === third)).toBe(true);
    // A fresh tablet gets exactly the third area's places.
    const fresh = await pullPlaces(gridApi, null);
    const units = before.buildings.filter((b) => b.code === 'B19' || b.code === 'B20');
    const households = units.reduce((n, b) => n + b.households, 0);
    expect(fresh.docs.filter((d) => d.kind === 'building').map((d) => d.id).sort()).toEqual(units.map((b) => b.id).sort());
    expect(fresh.docs.filter((d) => d.kind === 'household')).toHaveLength(households);
    expect(fresh.docs.every((d) => d.areaId === third)).toBe(true);

    const after = await committee.fieldConsole.areas.list({ tenant });
    expect(after.areas.find((a) => a.id === third)!.members.map((m) => m.username)).toEqual(['fs.grid']);
    expect(after.buildings.find((b) => b.code === 'B19')!.areaId).toBe(third);

    expect(await audits('field.area.create')).toBe(1);
    expect(await audits('field.area.update')).toBe(1);
    expect(await audits('field.area.assign')).toBe(1);
    expect(await audits('field.area.unassign')).toBe(1);
  });

  // Issue #10 (defect 7): was "its worker sees the whole community again" — removing a worker's
  // only area widened their access to every area. Now they see only what lies in no area.
  it('deleting an area untags its records with new stamps; its worker, left without an area, sees none of the other areas', async () => {
    const committee = await t.as('fs.committee');
    const gridApi = await t.as('fs.grid');
    const list = await committee.fieldConsole.areas.list({ tenant });
    const third = list.areas.find((a) => a.name === '第三网格')!;
    const grid1 = list.areas.find((a) => a.name.startsWith('第一网格'))!;
    const { checkpoint } = await pullPlaces(gridApi, null);
    // A record tagged with the area but not through a building (a patrol route) is untagged too.
    const route = (await committee.fieldConsole.patrols.routes({ tenant }))[0]!;
    const routeDoc = await committee.fieldConsole.patrols.route({ tenant, id: route.id });
    await committee.fieldConsole.patrols.saveRoute({
      tenant,
      id: route.id,
      name: route.name,
      areaId: third.id,
      active: true,
      checkpoints: routeDoc.route.checkpoints.map((c) => ({ id: c.id, name: c.name, offsetMin: c.offsetMin, toleranceMin: c.toleranceMin })),
    });
    const res = await committee.fieldConsole.areas.delete({ tenant, id: third.id });
    expect(res.untagged).toBe(1);
    expect(await audits('field.area.delete')).toBe(1);
    const after = await pullPlaces(gridApi, checkpoint);
    const b19 = after.docs.find((d) => d.id === third.buildings[0]!.id)!;
    expect(b19.areaId).toBeUndefined();
    // No area left: the untagged places come, the first area's do not.
    expect(after.docs.some((d) => d.areaId === grid1.id)).toBe(false);
    const fresh = await pullPlaces(gridApi, null);
    expect(fresh.docs.length).toBeGreaterThan(0);
    expect(fresh.docs.every((d) => d.areaId === undefined)).toBe(true);
    const routes = await gridApi.field.pull({ collection: 'patrol_routes', checkpoint: null, limit: 100 });
    expect(routes.documents.find((d) => d.id === route.id)).not.toHaveProperty('areaId');
    expect(await outcome(committee.fieldConsole.areas.delete({ tenant, id: third.id }))).toBe('NOT_FOUND');
  });
  it('moving a building re-tags its cases and visits with new stamps; the first area\'s worker no longer pulls them', async () => {
    const committee = await t.as('fs.committee');
    const gridApi = await t.as('fs.grid');
    const list = await committee.fieldConsole.areas.list({ tenant });
    const grid1 = list.areas.find((a) => a.name.startsWith('第一网格'))!;
    const b09 = list.buildings.find((b) => b.code === 'B09')!.id;
    const tenantId = (await owner`select id from tenants where slug = ${tenant}`)[0]!.id;
    const caseBefore = (await owner`select id, updated_at, area_id from field_cases where tenant_id = ${tenantId} and doc->'location'->>'buildingId' = ${b09}`)[0]!;
    const visitBefore = (await owner`select v.id, v.updated_at, v.area_id from field_visits v join households h on h.id = v.ref_id where v.tenant_id = ${tenantId} and h.building_id = ${b09}`)[0]!;
    expect(caseBefore.area_id).toBe(grid1.id);
    expect(visitBefore.area_id).toBe(grid1.id);

    await committee.fieldConsole.areas.save({ tenant, id: grid1.id, name: grid1.name, buildingIds: grid1.buildings.map((b) => b.id).filter((b) => b !== b09) });
    const fourth = await committee.fieldConsole.areas.save({ tenant, name: '第四网格', buildingIds: [b09] });
    expect(fourth.retagged).toMatchObject({ cases: 1, visits: 1 });
    const caseAfter = (await owner`select updated_at, area_id, doc from field_cases where id = ${caseBefore.id}`)[0]!;
    const visitAfter = (await owner`select updated_at, area_id, doc from field_visits where id = ${visitBefore.id}`)[0]!;
    expect([caseAfter.area_id, caseAfter.doc.areaId, visitAfter.area_id, visitAfter.doc.areaId]).toEqual(Array(4).fill(fourth.area.id));
    expect(Number(caseAfter.updated_at)).toBeGreaterThan(Number(caseBefore.updated_at));
    expect(Number(visitAfter.updated_at)).toBeGreaterThan(Number(visitBefore.updated_at));

    await committee.fieldConsole.areas.assign({ tenant, areaId: grid1.id, userId: grid });
    const cases = (await gridApi.field.pull({ collection: 'cases', checkpoint: null, limit: 100 })).documents;
    expect(cases.some((c) => c.id === caseBefore.id)).toBe(false);
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((c) => (c as { areaId?: string }).areaId === grid1.id || (c as { areaId?: string }).areaId === undefined)).toBe(true);
  });
});
