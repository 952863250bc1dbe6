import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, generateDueTasks, markOverdue, withScope } from '@linli/db';
import { batchIdFor, hashUuid, type CaseDoc, type CollectionName, type PushBatch, type TaskDoc } from '@linli/sync';
import { outcome, useApiTest } from './support';

const t = useApiTest('field_console');
let owner: postgres.Sql;
let moma: string;
let tech: string;
let guard: string;
beforeAll(async () => {
  owner = postgres(t.db.ownerUrl, { max: 1, onnotice: () => {} });
  moma = (await owner`select id from tenants where slug = 'moma'`)[0]!.id;
  tech = (await owner`select id from users where username = 'moma.tech'`)[0]!.id;
  guard = (await owner`select id from users where username = 'moma.guard'`)[0]!.id;
});
afterAll(() => owner?.end());

const audits = async (action: string, target?: string) =>
  Number((await owner`select count(*)::int as n from audit_log where action = ${action} and (${target ?? null}::text is null or target_id = ${target ?? null})`)[0]!.n);

const batch = (collection: CollectionName, rows: PushBatch['rows'], deviceId = 'tab'): PushBatch => ({
  collection,
  batchId: batchIdFor(deviceId, rows.map((r) => ({ collection, ...r })) as never),
  deviceId,
  clientTime: Date.now(),
  rows,
});

describe('hazard cases in the console', () => {
  it('the office assigns a reported case, the technician works it on the tablet, the office closes it; all audited, history complete', async () => {
    const admin = await t.as('moma.admin');
    const list = await admin.fieldConsole.cases.list({ tenant: 'moma', page: 1, pageSize: 20, statuses: ['reported'] });
    const reported = list.items.find((c) => c.title.includes('电动车'))!;
    expect(reported).toBeTruthy();
    const detail = await admin.fieldConsole.cases.detail({ tenant: 'moma', id: reported.id });
    await admin.fieldConsole.cases.act({ tenant: 'moma', id: reported.id, action: 'assign', assigneeId: tech, expectedUpdatedAt: detail.case.updatedAt });
    // Acting on a stale screen is refused.
    expect(await outcome(admin.fieldConsole.cases.act({ tenant: 'moma', id: reported.id, action: 'reject', note: 'x', expectedUpdatedAt: detail.case.updatedAt }))).toBe('CONFLICT');
    expect(await audits('field.case.assign', reported.id)).toBe(1);

    // The technician starts and resolves it offline and pushes.
    const techApi = await t.as('moma.tech');
    const pulled = (await techApi.field.pull({ collection: 'cases', checkpoint: null, limit: 1000 })).documents.find((d) => d.id === reported.id) as CaseDoc;
    expect(pulled.assigneeId).toBe(tech);
    const at = Date.now();
    const next: CaseDoc = {
      ...pulled,
      status: 'resolved',
      history: [
        ...pulled.history,
        { id: hashUuid(`s|${at}`), at, by: tech, from: 'assigned', to: 'in_progress' },
        { id: hashUuid(`r|${at}`), at: at + 1, by: tech, from: 'in_progress', to: 'resolved', note: '已拆除飞线' },
      ],
    };
    const out = await techApi.field.push(batch('cases', [{ assumedMasterState: pulled, newDocumentState: next }]));
    expect(out.rejected).toEqual([]);

    // A guard may not close a case (office only): refused with both languages.
    const guardApi = await t.as('moma.guard');
    const refused = guardApi.fieldConsole.cases.act({ tenant: 'moma', id: reported.id, action: 'close' });
    await expect(refused).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });

    await admin.fieldConsole.cases.act({ tenant: 'moma', id: reported.id, action: 'verify' });
    await admin.fieldConsole.cases.comment({ tenant: 'moma', id: reported.id, text: '已现场复核' });
    await admin.fieldConsole.cases.act({ tenant: 'moma', id: reported.id, action: 'close' });
    const closed = await admin.fieldConsole.cases.detail({ tenant: 'moma', id: reported.id });
    expect(closed.case.status).toBe('closed');
    expect(closed.case.history.map((h) => h.to)).toEqual(['reported', 'assigned', 'in_progress', 'resolved', 'verified', 'closed']);
    expect(closed.case.comments.map((c) => c.text)).toEqual(['已现场复核']);
    expect(closed.names[tech]).toBeTruthy();
    expect(await audits('field.case.close', reported.id)).toBe(1);
    expect(await audits('field.case.comment', reported.id)).toBe(1);
    expect(await audits('field.cases.update', reported.id)).toBe(1);
  });

  it('board and statistics count by status, kind and age; another community sees none of it', async () => {
    const admin = await t.as('moma.admin');
    const board = await admin.fieldConsole.cases.board({ tenant: 'moma' });
    const stats = await admin.fieldConsole.cases.stats({ tenant: 'moma' });
    const [{ n }] = (await owner`select count(*)::int as n from field_cases where tenant_id = ${moma}`) as unknown as [{ n: number }];
    expect(stats.total).toBe(n);
    expect(board.columns.reduce((s, c) => s + c.total, 0)).toBe(n);
    expect(Object.values(stats.byKind).reduce((a, b) => a + b, 0)).toBe(n);
    expect(Object.values(stats.openByAge).reduce((a, b) => a + b, 0)).toBe(stats.open);
    expect(stats.overdue).toBeGreaterThanOrEqual(1); // the seeded 垃圾站 case is past due
    const fsStats = await (await t.as('fs.committee')).fieldConsole.cases.stats({ tenant: 'fangsong-xinyuan' });
    const [{ f }] = (await owner`select count(*)::int as f from field_cases where tenant_id <> ${moma} and tenant_id = (select id from tenants where slug = 'fangsong-xinyuan')`) as unknown as [{ f: number }];
    expect(fsStats.total).toBe(f);
    expect(await outcome((await t.as('moma.admin')).fieldConsole.cases.list({ tenant: 'fangsong-xinyuan', page: 1, pageSize: 5 }))).toBe('FORBIDDEN');
  });
});

describe('plans, task generation and overdue reminders', () => {
  it('generating twice creates each task once; overdue tasks are flagged once and listed', async () => {
    const admin = await t.as('moma.admin');
    const plans = await admin.fieldConsole.plans.list({ tenant: 'moma' });
    expect(plans.items.length).toBeGreaterThanOrEqual(2);
    const before = Number((await owner`select count(*)::int as n from field_tasks where tenant_id = ${moma}`)[0]!.n);
    expect(before).toBeGreaterThan(0); // the seed ran the generator
    const again = await admin.fieldConsole.plans.generateNow({ tenant: 'moma' });
    expect(again.created).toBe(0);
    expect(Number((await owner`select count(*)::int as n from field_tasks where tenant_id = ${moma}`)[0]!.n)).toBe(before);

    // A new plan due yesterday: one task now, none on the next run, and it is overdue.
    const plan = await admin.fieldConsole.plans.save({
      tenant: 'moma', name: '消防泵测试', kind: 'inspection', assigneeId: tech, checklist: ['启泵正常', '压力达标'], everyDays: 7, leadHours: 24, graceHours: 0, nextDueAt: Date.now() - 86_400_000, active: true,
    });
    const first = await admin.fieldConsole.plans.generateNow({ tenant: 'moma', planId: plan.id });
    expect(first.created).toBe(1);
    expect(first.overdue.tasks).toBeGreaterThanOrEqual(1);
    const second = await withScope(t.db.app.db, { tenantIds: [moma] }, async (tx) => ({ created: await generateDueTasks(tx, { actor: SYSTEM_ACTOR }), overdue: await markOverdue(tx, { actor: SYSTEM_ACTOR }) }));
    expect(second).toEqual({ created: 0, overdue: { tasks: 0, cases: 0 } });
    const tasks = await admin.fieldConsole.plans.tasks({ tenant: 'moma', page: 1, pageSize: 20, planId: plan.id });
    expect(tasks.items).toHaveLength(1);
    expect(tasks.items[0]!.overdue).toBe(true);
    expect(tasks.items[0]!.items).toBe(2);
    expect(await audits('field.task.generate', tasks.items[0]!.id)).toBe(1);
    expect(await audits('field.plan.create', plan.id)).toBe(1);

    // The technician sees it on the tablet and records a fault with the checklist.
    const techApi = await t.as('moma.tech');
    const task = (await techApi.field.pull({ collection: 'tasks', checkpoint: null, limit: 1000 })).documents.find((d) => d.id === tasks.items[0]!.id) as TaskDoc;
    const now = Date.now();
    const done: TaskDoc = { ...task, status: 'done', startedAt: now - 1000, completedAt: now, checklist: task.checklist.map((c, i) => ({ ...c, result: i === 0 ? 'ok' : 'fault', checkedAt: now, checkedBy: tech })) };
    const out = await techApi.field.push(batch('tasks', [{ assumedMasterState: task, newDocumentState: done }]));
    expect(out.rejected).toEqual([]);
    const after = await admin.fieldConsole.plans.tasks({ tenant: 'moma', page: 1, pageSize: 20, planId: plan.id });
    expect(after.items[0]).toMatchObject({ status: 'done', checked: 2, faults: 1, overdue: false });
    // A guard cannot touch a task assigned to the technician.
    const guardApi = await t.as('moma.guard');
    const forged = await guardApi.field.push(batch('tasks', [{ assumedMasterState: done, newDocumentState: { ...done, notes: 'x' } }], 'guard-tab'));
    expect(forged.rejected.map((r) => r.code)).toEqual(['not_owner']);
    expect(guard).toBeTruthy();
  });
});

describe('conflict list', () => {
  it('a manager sees an open conflict and takes the tablet’s value; the decision is audited', async () => {
    const gridApi = await t.as('fs.grid');
    const tenant = (await owner`select id from tenants where slug = 'fangsong-xinyuan'`)[0]!.id as string;
    const worker = (await owner`select id from users where username = 'fs.grid'`)[0]!.id as string;
    // A household in one of the worker's own grid areas (the push refuses others: forbidden_area).
    const household = (await owner`select p.id from field_places p join field_area_members m on m.tenant_id = p.tenant_id and m.area_id = p.area_id where p.tenant_id = ${tenant} and p.kind = 'household' and m.user_id = ${worker} limit 1`)[0]!.id as string;
    const area = (await owner`select area_id from field_places where id = ${household}`)[0]!.area_id as string;
    const v = { id: hashUuid('conflict-visit'), tenantId: tenant, updatedAt: 0, householdId: household, areaId: area, workerId: worker, at: Date.now(), occupancy: 'occupied' as const, notes: '', vulnerable: [], photoIds: [] };
    const created = await gridApi.field.push(batch('visits', [{ assumedMasterState: null, newDocumentState: v }], 'a0'));
    expect(created.rejected).toEqual([]);
    // The seed gives this worker more than one page of visits: page until the new one (the newest stamp).
    let base: (typeof v & { _deleted?: boolean }) | undefined;
    for (let checkpoint = null as Parameters<typeof gridApi.field.pull>[0]['checkpoint']; !base; ) {
      const page = await gridApi.field.pull({ collection: 'visits', checkpoint, limit: 1000 });
      base = page.documents.find((d) => d.id === v.id) as typeof base;
      if (page.documents.length < 1000) break;
      checkpoint = page.checkpoint;
    }
    if (!base) throw new Error('the pushed visit did not come back from field.pull');
    await gridApi.field.push(batch('visits', [{ assumedMasterState: base, newDocumentState: { ...base, occupancy: 'vacant' } }], 'a1'));
    await gridApi.field.push(batch('visits', [{ assumedMasterState: base, newDocumentState: { ...base, occupancy: 'group_rented' } }], 'a2'));

    const manager = await t.as('fs.committee');
    const list = await manager.fieldConsole.conflicts.list({ tenant: 'fangsong-xinyuan', page: 1, pageSize: 20, status: 'open' });
    const c = list.items.find((x) => x.docId === v.id)!;
    expect(c.fields.some((f) => f.path === 'occupancy' && f.resolution === 'open')).toBe(true);
    expect(await outcome((await t.as('fs.grid')).fieldConsole.conflicts.list({ tenant: 'fangsong-xinyuan', page: 1, pageSize: 20 }))).toBe('FORBIDDEN');
    await manager.fieldConsole.conflicts.resolve({ tenant: 'fangsong-xinyuan', id: c.id, choice: 'tablet' });
    const [row] = await owner`select doc from field_visits where id = ${v.id}`;
    expect((row!.doc as { occupancy: string }).occupancy).toBe('group_rented');
    // The household registry follows the visit (group renting → rented).
    expect((await owner`select state from households where id = ${household}`)[0]!.state).toBe('rented');
    expect(await audits('field.conflict.resolve', c.id)).toBe(1);
    expect(await outcome(manager.fieldConsole.conflicts.resolve({ tenant: 'fangsong-xinyuan', id: c.id, choice: 'server' }))).toBe('PRECONDITION_FAILED');
  });
});

describe('patrol rounds against their schedule', () => {
  it('a round walked by the guard counts on time, rounds nobody walked are missed; the run’s late/missed points are computed by the server', async () => {
    const admin = await t.as('moma.admin');
    const route = (await admin.fieldConsole.patrols.routes({ tenant: 'moma' })).find((r) => r.name === '夜间安保巡更')!;
    const before = await admin.fieldConsole.patrols.slots({ tenant: 'moma', routeId: route.id, days: 7 });
    expect(before.summary.missed).toBeGreaterThan(0);
    const lastMissed = before.slots.find((s) => s.state === 'missed')!;

    // The guard walked that round, starting 5 minutes after the slot, scanning only the first two points.
    const guardApi = await t.as('moma.guard');
    const routeDoc = (await guardApi.field.pull({ collection: 'patrol_routes', checkpoint: null, limit: 100 })).documents.find((d) => d.id === route.id) as import('@linli/sync').PatrolRouteDoc;
    const startedAt = lastMissed.at + 5 * 60_000;
    const cps = [...routeDoc.checkpoints].sort((a, b) => a.order - b.order);
    const run = {
      id: hashUuid(`run|${startedAt}`), tenantId: moma, updatedAt: 0, routeId: route.id, workerId: guard, startedAt, finishedAt: startedAt + 50 * 60_000, status: 'finished' as const,
      scans: [
        { id: hashUuid('scan-1'), checkpointId: cps[0]!.id, at: startedAt + 60_000, method: 'qr' as const, late: false },
        // 30 minutes in: past the second point's 8 + 5 minutes.
        { id: hashUuid('scan-2'), checkpointId: cps[1]!.id, at: startedAt + 30 * 60_000, method: 'qr' as const, late: false },
      ],
      missedCheckpointIds: [],
    };
    const out = await guardApi.field.push(batch('patrol_runs', [{ assumedMasterState: null, newDocumentState: run }], 'guard-tab'));
    expect(out.rejected).toEqual([]);
    const stored = out.conflicts.find((d) => d.id === run.id) as import('@linli/sync').PatrolRunDoc;
    expect(stored.scans.map((s) => s.late)).toEqual([false, true]);
    expect(stored.missedCheckpointIds).toHaveLength(cps.length - 2);

    const after = await admin.fieldConsole.patrols.slots({ tenant: 'moma', routeId: route.id, days: 7 });
    const slot = after.slots.find((s) => s.at === lastMissed.at)!;
    expect(slot).toMatchObject({ state: 'on_time', runId: run.id });
    expect(after.summary.missed).toBe(before.summary.missed - 1);
    const results = await admin.fieldConsole.patrols.runs({ tenant: 'moma', page: 1, pageSize: 20, flag: 'missed' });
    expect(results.items.find((r) => r.id === run.id)).toMatchObject({ late: 1, missed: cps.length - 2, scanned: 2 });
  });
});
