import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../src/checkpoint';
import type { CollectionName } from '../src/collections';
import type { CaseDoc, ConflictDoc, PatrolRunDoc, TaskDoc } from '../src/docs';
import { batchIdFor, type PushRow, type PushWorker } from '../src/push';
import { assign, reportCase, transition } from '../src/workflow';
import { FakeServer } from './fake-server';
import { AREA1, AREA2, MIN, OFFICE, T0, T1, T2, TECH, WORKER, aCase, aRun, aTask, clone, uid } from './fixtures';

const worker: PushWorker = { userId: WORKER.userId, role: 'grid_worker', tenantIds: [T1], areaIds: [AREA1] };
const tech: PushWorker = { userId: TECH.userId, role: 'technician', tenantIds: [T1] };

function pullAll(server: FakeServer, w: PushWorker, collection: CollectionName, limit: number, from: Checkpoint | null = null) {
  let checkpoint = from;
  const docs = [];
  for (;;) {
    const page = server.pull(w, { collection, checkpoint, limit });
    docs.push(...page.documents);
    checkpoint = page.checkpoint;
    if (page.documents.length < limit) return { docs, checkpoint };
  }
}

const batch = (rows: PushRow[], clientTime: number) => ({ batchId: batchIdFor('tablet-1', rows), clientTime, rows });
const ok = (r: ReturnType<typeof transition>): CaseDoc => {
  if (!r.ok) throw new Error(r.reason.en);
  return r.case;
};

describe('sync loop against an in-memory server', () => {
  it('a case reported offline reaches the office, and the assignment comes back by checkpoint', () => {
    const server = new FakeServer(T0 + 10 * MIN);
    const reported = reportCase({ id: uid('c-new'), tenantId: T1, kind: 'high_altitude_throwing', title: '7号楼高空抛物', description: '花盆落地', location: { buildingId: uid('b7') }, areaId: AREA1 }, WORKER, T0);
    if (!reported.ok) throw new Error('report refused');
    const reply = server.push(worker, batch([{ collection: 'cases', assumedMasterState: null, newDocumentState: reported.case as never }], T0 + 10 * MIN));
    expect(reply.validation.rejected).toEqual([]);
    const first = pullAll(server, worker, 'cases', 10);
    expect(first.docs.map((d) => d.id)).toEqual([uid('c-new')]);

    server.now = T0 + 20 * MIN;
    const stored = server.get<CaseDoc>('cases', uid('c-new'));
    const assigned = ok(assign(stored as CaseDoc, WORKER.userId, OFFICE, server.now));
    server.put('cases', { ...assigned, updatedAt: server.now });
    const next = pullAll(server, worker, 'cases', 10, first.checkpoint);
    expect(next.docs).toHaveLength(1);
    expect(next.docs[0]).toMatchObject({ status: 'assigned', assigneeId: WORKER.userId });
  });

  it('keeps pulls to the worker’s tenants and areas, and moves ≥ 4000 patrol records exactly once (R5.3.8)', () => {
    const server = new FakeServer(T0);
    for (let i = 0; i < 4200; i++) server.put('patrol_runs', aRun({ id: uid(`run-${i}`), updatedAt: T0 + Math.floor(i / 50) }));
    server.put('patrol_runs', aRun({ id: uid('foreign'), tenantId: T2 }));
    server.put('patrol_runs', aRun({ id: uid('other-area'), areaId: AREA2 }));
    const { docs } = pullAll(server, worker, 'patrol_runs', 200);
    const ids = docs.map((d) => d.id);
    expect(ids).toHaveLength(4200);
    expect(new Set(ids).size).toBe(4200);
    expect(ids).not.toContain(uid('foreign'));
    expect(ids).not.toContain(uid('other-area'));
  });

  it('a replayed batch returns the same reply and writes nothing new', () => {
    const server = new FakeServer(T0 + 5 * MIN);
    const base = aCase({ status: 'in_progress', assigneeId: WORKER.userId, updatedAt: T0 });
    server.put('cases', base);
    server.put('cases', { ...aCase({ id: uid('c2'), status: 'in_progress', assigneeId: WORKER.userId }), kind: 'environment', updatedAt: T0 + 1 });
    const resolved = ok(transition(clone(base), 'resolved', WORKER, T0 + 2 * MIN));
    const c2base = aCase({ id: uid('c2'), status: 'in_progress', assigneeId: WORKER.userId });
    const rows: PushRow[] = [
      { collection: 'cases', assumedMasterState: base as never, newDocumentState: resolved as never },
      { collection: 'cases', assumedMasterState: c2base as never, newDocumentState: { ...clone(c2base), kind: 'fire' } as never },
      { collection: 'visits', assumedMasterState: null, newDocumentState: { id: uid('v'), tenantId: T2 } as never },
    ];
    const b = batch(rows, T0 + 5 * MIN);
    const first = server.push(worker, b);
    expect(first.validation.accepted).toHaveLength(2);
    expect(first.validation.rejected.map((r) => r.code)).toEqual(['forged_tenant']);
    expect(server.all('conflicts')).toHaveLength(1); // the kind clash on c2; nothing kept for the forged row
    const before = server.snapshot();
    server.now += MIN;
    const again = server.push(worker, b);
    expect(again).toEqual(first);
    expect(server.snapshot()).toBe(before);
  });

  it('tablet resolved offline while the office reassigned: the server holds the merge and hands it back', () => {
    const server = new FakeServer(T0 + 30 * MIN);
    const assigned = ok(assign(aCase(), WORKER.userId, OFFICE, T0));
    const base = ok(transition(assigned, 'in_progress', WORKER, T0 + 1));
    const office = ok(assign(clone(base), TECH.userId, OFFICE, T0 + 10 * MIN));
    server.put('cases', { ...office, updatedAt: T0 + 10 * MIN });
    const tablet = ok(transition(clone(base), 'resolved', WORKER, T0 + 20 * MIN));
    const reply = server.push(worker, batch([{ collection: 'cases', assumedMasterState: base as never, newDocumentState: tablet as never }], T0 + 30 * MIN));
    expect(reply.validation.rejected).toEqual([]);
    const stored = server.get<CaseDoc>('cases', base.id);
    expect(stored).toMatchObject({ status: 'resolved', assigneeId: TECH.userId, updatedAt: T0 + 30 * MIN });
    expect(stored?.history.map((h) => h.to)).toEqual(['reported', 'assigned', 'in_progress', 'in_progress', 'resolved']);
    expect(reply.masters).toEqual([stored]);
    expect(server.all('conflicts')).toEqual([]);
  });

  it('a task reassigned while the technician worked offline is refused, but their results are kept for the office', () => {
    const server = new FakeServer(T0 + 60 * MIN);
    const task = aTask({ status: 'in_progress' });
    server.put('tasks', { ...clone(task), assigneeId: uid('tech-2'), updatedAt: T0 + 5 });
    const done: TaskDoc = { ...clone(task), status: 'done', checklist: task.checklist.map((i) => ({ ...i, result: 'ok' as const, checkedAt: T0 + 30 * MIN })) };
    const reply = server.push(tech, batch([{ collection: 'tasks', assumedMasterState: task as never, newDocumentState: done as never }], T0 + 60 * MIN));
    expect(reply.validation.rejected.map((r) => r.code)).toEqual(['not_owner']);
    const kept = server.all('conflicts') as ConflictDoc[];
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ status: 'open', collection: 'tasks', docId: task.id, pushedBy: TECH.userId, newDoc: done });
    expect(server.get<TaskDoc>('tasks', task.id)?.status).toBe('in_progress');
    expect(reply.masters).toHaveLength(1); // the tablet is told what the server holds
  });

  it('patrol scans from a tablet whose clock is 2 h behind land at server time with a warning', () => {
    const server = new FakeServer(T0 + 4 * 60 * MIN);
    const skew = -2 * 60 * MIN;
    const run: PatrolRunDoc = aRun({ startedAt: T0 + 3 * 60 * MIN + skew, status: 'finished', finishedAt: T0 + 3.5 * 60 * MIN + skew, scans: [{ id: uid('s'), checkpointId: uid('cp-a'), at: T0 + 3 * 60 * MIN + skew, method: 'qr', late: false }] });
    const reply = server.push(worker, batch([{ collection: 'patrol_runs', assumedMasterState: null, newDocumentState: run as never }], server.now + skew));
    expect(reply.validation.warnings.map((w) => w.code)).toEqual(['clock_skew']);
    const stored = server.get<PatrolRunDoc>('patrol_runs', run.id);
    expect(stored?.startedAt).toBe(T0 + 3 * 60 * MIN);
    expect(stored?.scans[0]?.at).toBe(T0 + 3 * 60 * MIN);
    expect(stored?.clientClock?.original.startedAt).toBe(run.startedAt);
  });
});
