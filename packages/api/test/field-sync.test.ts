import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchIdFor, hashUuid, type Checkpoint, type CollectionName, type PushBatch, type VisitDoc } from '@linli/sync';
import { outcome, useApiTest } from './support';

const t = useApiTest('field_sync');
let owner: postgres.Sql;
let moma: string;
let fs: string;
let grid: string;
let committee: string;
let guard: string;
beforeAll(async () => {
  owner = postgres(t.db.ownerUrl, { max: 1, onnotice: () => {} });
  moma = (await owner`select id from tenants where slug = 'moma'`)[0]!.id;
  fs = (await owner`select id from tenants where slug = 'fangsong-xinyuan'`)[0]!.id;
  grid = (await owner`select id from users where username = 'fs.grid'`)[0]!.id;
  committee = (await owner`select id from users where username = 'fs.committee'`)[0]!.id;
  guard = (await owner`select id from users where username = 'moma.guard'`)[0]!.id;
});
afterAll(() => owner?.end());

type Api = Awaited<ReturnType<typeof t.as>>;

async function pullAll(api: Api, collection: CollectionName, limit: number) {
  const docs: { id: string; tenantId: string; updatedAt: number; areaId?: string }[] = [];
  let checkpoint: Checkpoint | null = null;
  let pages = 0;
  for (;;) {
    const page = await api.field.pull({ collection, checkpoint, limit });
    pages++;
    docs.push(...(page.documents as never[]));
    if (page.documents.length < limit) return { docs, pages, checkpoint: page.checkpoint };
    checkpoint = page.checkpoint;
  }
}

const auditCount = async (action: string) => Number((await owner`select count(*)::int as n from audit_log where action = ${action}`)[0]!.n);

function visit(over: Partial<VisitDoc> = {}): VisitDoc {
  return {
    id: hashUuid(`visit|${Math.random()}`),
    tenantId: fs,
    updatedAt: 0,
    householdId: '',
    workerId: grid,
    at: Date.now() - 60_000,
    occupancy: 'occupied',
    notes: '走访记录',
    vulnerable: [],
    photoIds: [],
    ...over,
  };
}

function batch(collection: CollectionName, rows: PushBatch['rows'], clientTime = Date.now(), deviceId = 'tablet-1'): PushBatch {
  return { collection, batchId: batchIdFor(deviceId, rows.map((r) => ({ collection, ...r })) as never), deviceId, clientTime, rows };
}

describe('field.pull', () => {
  it('pages places by (updatedAt, id) without gaps or repeats, limited to the worker’s community and grid area', async () => {
    const api = await t.as('fs.grid');
    const { docs, pages } = await pullAll(api, 'places', 97);
    expect(pages).toBeGreaterThan(2);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
    for (let i = 1; i < docs.length; i++) {
      const [a, b] = [docs[i - 1]!, docs[i]!];
      expect(a.updatedAt < b.updatedAt || (a.updatedAt === b.updatedAt && a.id < b.id)).toBe(true);
    }
    expect(docs.every((d) => d.tenantId === fs)).toBe(true);
    // fs.grid is assigned the first grid area (buildings B01–B10) only.
    const [area] = await owner`select id from field_areas where tenant_id = ${fs} and name like '第一网格%'`;
    const expected = await owner`select count(*)::int as n from field_places where tenant_id = ${fs} and (area_id is null or area_id = ${area!.id})`;
    expect(docs.length).toBe(expected[0]!.n);
    expect(docs.every((d) => d.areaId === area!.id)).toBe(true);
    const all = await owner`select count(*)::int as n from field_places where tenant_id = ${fs}`;
    expect(all[0]!.n).toBeGreaterThan(docs.length);
  });

  it('a guard of another community pulls nothing of this one; the grid worker sees no case of the other grid area', async () => {
    const guardApi = await t.as('moma.guard');
    const cases = await pullAll(guardApi, 'cases', 100);
    expect(cases.docs.length).toBeGreaterThan(0);
    expect(cases.docs.every((d) => d.tenantId === moma)).toBe(true);
    const places = await pullAll(guardApi, 'places', 1000);
    expect(places.docs.some((d) => d.tenantId === fs)).toBe(false);

    const gridApi = await t.as('fs.grid');
    const gridCases = await pullAll(gridApi, 'cases', 100);
    const [area2] = await owner`select id from field_areas where tenant_id = ${fs} and name like '第二网格%'`;
    expect(gridCases.docs.some((d) => d.areaId === area2!.id)).toBe(false);
    expect(gridCases.docs.every((d) => d.tenantId === fs)).toBe(true);
  });

  it('a resident cannot pull at all', async () => {
    const api = await t.as('moma.resident');
    expect(await outcome(api.field.pull({ collection: 'cases', checkpoint: null, limit: 10 }))).toBe('FORBIDDEN');
  });

  it('places carry the registry’s standard address codes (R6.6.10a), the same the 3D scene and exports use', async () => {
    const api = await t.as('moma.guard');
    const { docs } = await pullAll(api, 'places', 1000);
    const places = docs as unknown as { id: string; kind: string; addressCode?: string }[];
    const registry = await owner`select id, address_code from households where tenant_id = ${moma} and address_code is not null`;
    expect(registry.length).toBeGreaterThan(1000);
    const codeOf = new Map(registry.map((r) => [r.id as string, r.address_code as string]));
    const households = places.filter((p) => p.kind === 'household');
    expect(households.length).toBe(registry.length);
    for (const h of households) expect(h.addressCode).toBe(codeOf.get(h.id));
    const unit = places.find((p) => p.kind === 'unit')!;
    expect(unit.addressCode).toMatch(/^\d{6}-[A-Z0-9_.]+-B[A-Z0-9_.]+-U\d{2}$/);
  });

  it('an empty page keeps the checkpoint so the tablet can poll with it again', async () => {
    const api = await t.as('moma.guard');
    const all = await pullAll(api, 'patrol_routes', 100);
    const again = await api.field.pull({ collection: 'patrol_routes', checkpoint: all.checkpoint, limit: 100 });
    expect(again.documents).toHaveLength(0);
    expect(again.checkpoint).toEqual(all.checkpoint);
  });
});

describe('the field clock', () => {
  it('stamps follow commit order: a second writer waits until the first one commits, then stamps after it', async () => {
    const a = postgres(t.db.ownerUrl, { max: 1, onnotice: () => {} });
    const b = postgres(t.db.ownerUrl, { max: 1, onnotice: () => {} });
    try {
      let first = 0;
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const txA = a.begin(async (tx) => {
        first = Number((await tx`select field_next_stamp(${Date.now()}::bigint) as s`)[0]!.s);
        await held;
      });
      await new Promise((r) => setTimeout(r, 100));
      let secondDone = false;
      const second = b`select field_next_stamp(0::bigint) as s`.then((r) => {
        secondDone = true;
        return Number(r[0]!.s);
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(secondDone).toBe(false);
      release();
      await txA;
      expect(await second).toBeGreaterThan(first);
    } finally {
      await a.end();
      await b.end();
    }
  });
});

describe('field.push', () => {
  let household: string;
  beforeAll(async () => {
    const [area] = await owner`select id from field_areas where tenant_id = ${fs} and name like '第一网格%'`;
    household = (await owner`select id from field_places where tenant_id = ${fs} and kind = 'household' and area_id = ${area!.id} limit 1`)[0]!.id;
  });

  it('inserts a new visit, audits it and the next pull returns it', async () => {
    const api = await t.as('fs.grid');
    const before = await pullAll(api, 'visits', 100);
    const v = visit({ householdId: household, areaId: before.docs[0]!.areaId! });
    const audits = await auditCount('field.visits.create');
    const out = await api.field.push(batch('visits', [{ assumedMasterState: null, newDocumentState: v as never }]));
    expect(out.rejected).toEqual([]);
    expect(out.replayed).toBe(false);
    expect(await auditCount('field.visits.create')).toBe(audits + 1);
    const page = await api.field.pull({ collection: 'visits', checkpoint: before.checkpoint, limit: 100 });
    expect(page.documents.map((d) => d.id)).toEqual([v.id]);
  });

  it('refuses a forged tenant and another worker’s record with zh/en messages; nothing is written', async () => {
    const api = await t.as('fs.grid');
    const forged = visit({ tenantId: moma, householdId: household });
    const others = visit({ workerId: committee, householdId: household });
    const rows = (await owner`select count(*)::int as n from field_visits`)[0]!.n;
    const out = await api.field.push(batch('visits', [
      { assumedMasterState: null, newDocumentState: forged as never },
      { assumedMasterState: null, newDocumentState: others as never },
    ]));
    expect(out.rejected.map((r) => r.code)).toEqual(['forged_tenant', 'not_owner']);
    for (const r of out.rejected) {
      expect(r.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.message.en).toMatch(/[a-z]/);
    }
    expect((await owner`select count(*)::int as n from field_visits`)[0]!.n).toBe(rows);
    // The other worker's record is kept for the office (nothing lost); the forged tenant never is.
    const kept = await owner`select doc from field_conflicts where ref_id = ${others.id}`;
    expect(kept).toHaveLength(1);
    expect(await owner`select 1 from field_conflicts where ref_id = ${forged.id}`).toHaveLength(0);
  });

  it('a replayed batch returns the stored result and writes nothing twice', async () => {
    const api = await t.as('fs.grid');
    const v = visit({ householdId: household, notes: '重放测试' });
    const b = batch('visits', [{ assumedMasterState: null, newDocumentState: v as never }]);
    const first = await api.field.push(b);
    const stamp = (await owner`select updated_at from field_visits where id = ${v.id}`)[0]!.updated_at;
    const audits = await auditCount('field.visits.create');
    const second = await api.field.push(b);
    expect(second.replayed).toBe(true);
    expect(second.rejected).toEqual(first.rejected);
    expect(second.conflicts).toEqual(first.conflicts);
    expect(second.warnings.map((w) => w.code)).toContain('replayed');
    expect(await auditCount('field.visits.create')).toBe(audits);
    expect((await owner`select updated_at from field_visits where id = ${v.id}`)[0]!.updated_at).toBe(stamp);
    expect((await owner`select count(*)::int as n from field_visits where id = ${v.id}`)[0]!.n).toBe(1);
  });

  it('reconciles a tablet clock two hours fast: times corrected, originals kept, warning in zh/en', async () => {
    const api = await t.as('fs.grid');
    const skew = 2 * 3600_000;
    const clientNow = Date.now() + skew;
    const v = visit({ householdId: household, at: clientNow - 5 * 60_000 });
    const out = await api.field.push(batch('visits', [{ assumedMasterState: null, newDocumentState: v as never }], clientNow));
    expect(out.rejected).toEqual([]);
    const w = out.warnings.find((x) => x.code === 'clock_skew')!;
    expect(w.message.zh).toContain('平板时钟');
    expect(w.message.en).toContain('ahead');
    const [row] = await owner`select doc from field_visits where id = ${v.id}`;
    const doc = row!.doc as VisitDoc;
    expect(Math.abs(doc.at - (Date.now() - 5 * 60_000))).toBeLessThan(60_000);
    expect(doc.clientClock?.original.at).toBe(v.at);
    // The tablet gets the corrected version back.
    expect(out.conflicts.map((c) => c.id)).toContain(v.id);
  });

  it('merges field by field, and an unresolvable edit goes to the conflict list the console shows', async () => {
    const tabletA = await t.as('fs.grid');
    const tabletB = await t.as('fs.grid');
    const v = visit({ householdId: household, notes: '初次走访' });
    await tabletA.field.push(batch('visits', [{ assumedMasterState: null, newDocumentState: v as never }]));
    const base = (await tabletA.field.pull({ collection: 'visits', checkpoint: null, limit: 1000 })).documents.find((d) => d.id === v.id)! as VisitDoc;

    // A extends the notes; B (same base) flags the resident: both kept.
    await tabletA.field.push(batch('visits', [{ assumedMasterState: base as never, newDocumentState: { ...base, notes: '初次走访；老人独居' } as never }], Date.now(), 'tablet-A'));
    const merged = await tabletB.field.push(batch('visits', [{ assumedMasterState: base as never, newDocumentState: { ...base, vulnerable: ['elderly_alone'] } as never }], Date.now(), 'tablet-B'));
    expect(merged.rejected).toEqual([]);
    const [m] = await owner`select doc from field_visits where id = ${v.id}`;
    expect((m!.doc as VisitDoc).notes).toBe('初次走访；老人独居');
    expect((m!.doc as VisitDoc).vulnerable).toEqual(['elderly_alone']);
    expect(merged.conflicts.find((c) => c.id === v.id)).toBeTruthy();

    // Occupancy changed differently on both sides from the same base: an open conflict, server keeps its value.
    await tabletA.field.push(batch('visits', [{ assumedMasterState: base as never, newDocumentState: { ...base, occupancy: 'vacant' } as never }], Date.now(), 'tablet-A2'));
    const clash = await tabletB.field.push(batch('visits', [{ assumedMasterState: base as never, newDocumentState: { ...base, occupancy: 'rented' } as never }], Date.now(), 'tablet-B2'));
    expect(clash.rejected).toEqual([]);
    const open = await owner`select doc from field_conflicts where ref_id = ${v.id} and status = 'open'`;
    expect(open).toHaveLength(1);
    expect(JSON.stringify(open[0]!.doc)).toContain('rented');
    const conflicts = (await tabletB.field.pull({ collection: 'conflicts', checkpoint: null, limit: 1000 })).documents;
    expect(conflicts.some((c) => (c as { docId?: string }).docId === v.id)).toBe(true);
  });

  it('a guard cannot push into a community he does not work for, even naming its tenant', async () => {
    const api = await t.as('moma.guard');
    const v = visit({ householdId: household, workerId: guard });
    const out = await api.field.push(batch('visits', [{ assumedMasterState: null, newDocumentState: v as never }]));
    expect(out.rejected.map((r) => r.code)).toEqual(['forged_tenant']);
    expect(await owner`select 1 from field_visits where id = ${v.id}`).toHaveLength(0);
  });
});

describe('audit of pushed batches', () => {
  it('every pushed record has its own audit row and the chain still verifies after batched appends', async () => {
    const { verifyAuditChain } = await import('@linli/db');
    const api = await t.as('fs.grid');
    const [area] = await owner`select id from field_areas where tenant_id = ${fs} and name like '第一网格%'`;
    const homes = await owner`select id from field_places where tenant_id = ${fs} and kind = 'household' and area_id = ${area!.id} limit 5`;
    const docs = homes.map((h, i) => visit({ householdId: h.id as string, areaId: area!.id as string, notes: `批量 ${i}` }));
    const before = await auditCount('field.visits.create');
    const out = await api.field.push(batch('visits', docs.map((d) => ({ assumedMasterState: null, newDocumentState: d as never }))));
    expect(out.rejected).toEqual([]);
    expect(await auditCount('field.visits.create')).toBe(before + docs.length);
    for (const d of docs) expect(await owner`select 1 from audit_log where action = 'field.visits.create' and target_id = ${d.id}`).toHaveLength(1);
    const result = await verifyAuditChain(t.db.owner.db);
    expect(result.ok).toBe(true);
  });
});
