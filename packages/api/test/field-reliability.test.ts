/**
 * Issue #10, the server's half: case-status clashes between tablets (defect 2) and grid-area rules
 * for records made on a tablet (defect 7). Real procedures, real PostgreSQL, as the tablets call them.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchIdFor, hashUuid, reportCase, transition, type Actor, type CaseDoc, type CollectionName, type ConflictDoc, type PushBatch, type VisitDoc } from '@linli/sync';
import { outcome, useApiTest } from './support';

const t = useApiTest('field_reliability');
const tenant = 'fangsong-xinyuan';
let owner: postgres.Sql;
let fs: string;
let grid: Actor;
let committee: string;
let area1: string;
let area2: string;
beforeAll(async () => {
  owner = postgres(t.db.ownerUrl, { max: 1, onnotice: () => {} });
  fs = (await owner`select id from tenants where slug = ${tenant}`)[0]!.id;
  grid = { userId: (await owner`select id from users where username = 'fs.grid'`)[0]!.id, role: 'grid_worker' };
  committee = (await owner`select id from users where username = 'fs.committee'`)[0]!.id;
  area1 = (await owner`select id from field_areas where tenant_id = ${fs} and name like '第一网格%'`)[0]!.id;
  area2 = (await owner`select id from field_areas where tenant_id = ${fs} and name like '第二网格%'`)[0]!.id;
});
afterAll(() => owner?.end());

type Api = Awaited<ReturnType<typeof t.as>>;
let seq = 0;
const batch = (collection: CollectionName, rows: PushBatch['rows'], deviceId = `tablet-${++seq}`): PushBatch => ({
  collection,
  batchId: batchIdFor(deviceId, rows.map((r) => ({ collection, ...r })) as never),
  deviceId,
  clientTime: Date.now(),
  rows,
});
const placeIn = async (area: string, kind: 'building' | 'household') => (await owner`select id from field_places where tenant_id = ${fs} and area_id = ${area} and kind = ${kind} order by id limit 1`)[0]!.id as string;
const serverCase = async (id: string) => (await owner`select doc, updated_at from field_cases where id = ${id}`).map((r) => ({ ...(r.doc as CaseDoc), updatedAt: Number(r.updated_at) }))[0]!;
const must = (r: ReturnType<typeof transition>): CaseDoc => {
  if (!r.ok) throw new Error(r.reason.en);
  return r.case;
};
async function pullAll(api: Api, collection: CollectionName) {
  return (await api.field.pull({ collection, checkpoint: null, limit: 1000 })).documents as unknown as Record<string, unknown>[];
}

/** A case the grid worker reported, the office assigned to him, and he resolved: ready to be verified. */
async function resolvedCase(gridApi: Api, office: Api, title: string): Promise<CaseDoc> {
  const building = await placeIn(area1, 'building');
  const made = reportCase({ id: hashUuid(`case|${title}|${Math.random()}`), tenantId: fs, kind: 'public_facility', title, description: title, location: { buildingId: building }, entryId: crypto.randomUUID() }, grid, Date.now());
  if (!made.ok) throw new Error(made.reason.en);
  expect((await gridApi.field.push(batch('cases', [{ assumedMasterState: null, newDocumentState: made.case }]))).rejected).toEqual([]);
  await office.fieldConsole.cases.act({ tenant, id: made.case.id, action: 'assign', assigneeId: grid.userId });
  const assigned = await serverCase(made.case.id);
  const resolved = must(transition(must(transition(assigned, 'in_progress', grid, Date.now(), undefined, { entryId: crypto.randomUUID() })), 'resolved', grid, Date.now() + 1, undefined, { entryId: crypto.randomUUID() }));
  expect((await gridApi.field.push(batch('cases', [{ assumedMasterState: assigned, newDocumentState: resolved }]))).rejected).toEqual([]);
  return serverCase(made.case.id);
}

const chain = (c: CaseDoc) => c.history.map((h) => `${h.from}->${h.to}`);
const isCausal = (c: CaseDoc) => c.history.every((h, i) => i === 0 || h.from === c.history[i - 1]!.to);

describe('defect 2: a case verified on one tablet and reopened on another', () => {
  it('is an open conflict in either order, on both tablets and in the console; the history stays causal', async () => {
    const tabletA = await t.as('fs.grid');
    const tabletB = await t.as('fs.grid');
    const office = await t.as('fs.committee');

    for (const order of ['verify first', 'reopen first'] as const) {
      const base = await resolvedCase(tabletA, office, `门禁核查冲突（${order}）`);
      const verified = must(transition(base, 'verified', grid, Date.now(), undefined, { entryId: crypto.randomUUID() }));
      const reopened = must(transition(base, 'reopened', grid, Date.now(), '门禁仍打不开', { entryId: crypto.randomUUID() }));
      const [first, second] = order === 'verify first' ? [[tabletA, verified], [tabletB, reopened]] as const : [[tabletB, reopened], [tabletA, verified]] as const;
      expect((await first[0].field.push(batch('cases', [{ assumedMasterState: base, newDocumentState: first[1] }]))).rejected).toEqual([]);
      const out = await second[0].field.push(batch('cases', [{ assumedMasterState: base, newDocumentState: second[1] }]));
      expect(out.rejected).toEqual([]);

      // The first step stands; the second is not spliced into the history but waits for the office.
      const stored = await serverCase(base.id);
      expect(stored.status).toBe(first[1].status);
      expect(isCausal(stored)).toBe(true);
      expect(chain(stored)).toEqual([...chain(base), `resolved->${first[1].status}`]);
      // The tablet that lost takes the server's version back.
      expect(out.conflicts.find((d) => d.id === base.id)).toMatchObject({ status: first[1].status });

      const open = await owner`select doc from field_conflicts where ref_id = ${base.id} and status = 'open'`;
      expect(open).toHaveLength(1);
      const conflict = open[0]!.doc as ConflictDoc;
      expect(conflict.fields.find((f) => f.path === 'status')).toMatchObject({ server: first[1].status, tablet: second[1].status, resolution: 'open' });
      // Both tablets pull it (the same worker), and the console lists it.
      for (const tablet of [tabletA, tabletB]) expect((await pullAll(tablet, 'conflicts')).some((c) => c.docId === base.id && c.status === 'open')).toBe(true);
      const listed = await office.fieldConsole.conflicts.list({ tenant, page: 1, pageSize: 50, status: 'open' });
      expect(listed.items.some((c) => c.docId === base.id)).toBe(true);

      if (order === 'verify first') {
        // The office takes the reopen: replayed after the verification (an office may reopen a verified case).
        await office.fieldConsole.conflicts.resolve({ tenant, id: conflict.id, choice: 'tablet' });
        const after = await serverCase(base.id);
        expect(after.status).toBe('reopened');
        expect(chain(after).slice(-2)).toEqual(['resolved->verified', 'verified->reopened']);
        expect(after.history.at(-1)).toMatchObject({ by: grid.userId, note: '门禁仍打不开' });
        expect(await owner`select 1 from audit_log where action = 'field.conflict.resolve' and target_id = ${conflict.id}`).toHaveLength(1);
      } else {
        // A reopened case cannot be verified, not even by the office: the choice is refused with the reason.
        const refused = office.fieldConsole.conflicts.resolve({ tenant, id: conflict.id, choice: 'tablet' });
        await expect(refused).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
        await expect(refused).rejects.toThrow(/cannot go from reopened to verified/);
        await office.fieldConsole.conflicts.resolve({ tenant, id: conflict.id, choice: 'server' });
        expect((await serverCase(base.id)).status).toBe('reopened');
      }
    }
  });

  it('the office reopened in the console while the worker verified offline: the office user is a party and sees it on a tablet too', async () => {
    const gridApi = await t.as('fs.grid');
    const office = await t.as('fs.committee');
    const base = await resolvedCase(gridApi, office, '路灯复核冲突');
    await office.fieldConsole.cases.act({ tenant, id: base.id, action: 'reopen', note: '住户反映仍不亮' });
    const verified = must(transition(base, 'verified', grid, Date.now(), undefined, { entryId: crypto.randomUUID() }));
    await gridApi.field.push(batch('cases', [{ assumedMasterState: base, newDocumentState: verified }]));
    const conflict = (await pullAll(office, 'conflicts')).find((c) => c.docId === base.id) as unknown as ConflictDoc | undefined;
    expect(conflict).toMatchObject({ status: 'open', pushedBy: grid.userId, parties: [committee] });
    expect((await serverCase(base.id)).status).toBe('reopened');
  });
});

describe('defect 7: grid areas for records made on a tablet', () => {
  it('a new visit and case get their area from the place on the server, whatever the tablet sent', async () => {
    const gridApi = await t.as('fs.grid');
    const household = await placeIn(area1, 'household');
    const visit: VisitDoc = { id: hashUuid(`visit|${Math.random()}`), tenantId: fs, updatedAt: 0, householdId: household, workerId: grid.userId, at: Date.now(), occupancy: 'occupied', notes: '平板新建', vulnerable: [], photoIds: [] };
    expect((await gridApi.field.push(batch('visits', [{ assumedMasterState: null, newDocumentState: visit }]))).rejected).toEqual([]);
    expect((await owner`select area_id from field_visits where id = ${visit.id}`)[0]!.area_id).toBe(area1);
    // A claimed area is replaced by the place's: a record cannot be moved out of the rules.
    const claimed = { ...visit, id: hashUuid(`visit|${Math.random()}`), areaId: area2 };
    expect((await gridApi.field.push(batch('visits', [{ assumedMasterState: null, newDocumentState: claimed }]))).rejected).toEqual([]);
    expect((await owner`select area_id, doc->>'areaId' as doc_area from field_visits where id = ${claimed.id}`)[0]).toEqual({ area_id: area1, doc_area: area1 });
  });

  it('a place in another area is refused (kept for the office), an unknown place too', async () => {
    const gridApi = await t.as('fs.grid');
    const elsewhere = await placeIn(area2, 'building');
    const made = reportCase({ id: hashUuid(`case|${Math.random()}`), tenantId: fs, kind: 'fire', title: '11号楼消防门常开', description: '常开', location: { buildingId: elsewhere }, entryId: crypto.randomUUID() }, grid, Date.now());
    if (!made.ok) throw new Error(made.reason.en);
    const out = await gridApi.field.push(batch('cases', [{ assumedMasterState: null, newDocumentState: made.case }]));
    expect(out.rejected.map((r) => r.code)).toEqual(['forbidden_area']);
    expect(await owner`select 1 from field_cases where id = ${made.case.id}`).toHaveLength(0);
    expect(await owner`select 1 from field_conflicts where ref_id = ${made.case.id}`).toHaveLength(1);
    const nowhere = { ...made.case, id: hashUuid(`case|${Math.random()}`), location: { buildingId: hashUuid('no such building') } };
    const unknown = await gridApi.field.push(batch('cases', [{ assumedMasterState: null, newDocumentState: nowhere }]));
    expect(unknown.rejected.map((r) => r.code)).toEqual(['unknown_place']);
    expect(unknown.rejected[0]!.message.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a worker whose only area is taken away sees none of the areas and cannot create records there', async () => {
    const gridApi = await t.as('fs.grid');
    const office = await t.as('fs.committee');
    const inArea = (docs: Record<string, unknown>[]) => docs.filter((d) => typeof d.areaId === 'string');
    expect(inArea(await pullAll(gridApi, 'cases')).length).toBeGreaterThan(0);
    await office.fieldConsole.areas.unassign({ tenant, areaId: area1, userId: grid.userId });
    try {
      for (const c of ['cases', 'visits', 'places'] as const) expect(inArea(await pullAll(gridApi, c))).toEqual([]);
      const household = await placeIn(area1, 'household');
      const visit: VisitDoc = { id: hashUuid(`visit|${Math.random()}`), tenantId: fs, updatedAt: 0, householdId: household, workerId: grid.userId, at: Date.now(), occupancy: 'vacant', notes: '', vulnerable: [], photoIds: [] };
      const out = await gridApi.field.push(batch('visits', [{ assumedMasterState: null, newDocumentState: visit }]));
      expect(out.rejected.map((r) => r.code)).toEqual(['forbidden_area']);
      // The office still sees the whole community on its tablet.
      expect(inArea(await pullAll(office, 'cases')).length).toBeGreaterThan(0);
    } finally {
      await office.fieldConsole.areas.assign({ tenant, areaId: area1, userId: grid.userId });
    }
    expect(await outcome(gridApi.field.pull({ collection: 'cases', checkpoint: null, limit: 10 }))).toBe('OK');
  });
});
