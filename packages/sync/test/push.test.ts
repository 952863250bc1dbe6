import { describe, expect, it } from 'vitest';
import { MAX_CLOCK_SKEW_MS } from '../src/clock';
import type { AnyDoc, CollectionName } from '../src/collections';
import type { CaseDoc, PatrolRunDoc } from '../src/docs';
import { batchIdFor, validatePush, type PushInput, type PushRow, type PushValidation, type PushWorker } from '../src/push';
import { transition } from '../src/workflow';
import { AREA1, AREA2, MIN, OFFICE, OTHER_WORKER, T0, T1, T2, TECH, WORKER, aCase, aPlace, aRun, aTask, aVisit, clone, uid } from './fixtures';

type Obj = Record<string, unknown>;
const NOW = T0 + 60 * MIN;
const worker: PushWorker = { userId: WORKER.userId, role: 'grid_worker', tenantIds: [T1] };
const tech: PushWorker = { userId: TECH.userId, role: 'technician', tenantIds: [T1] };

const row = (collection: string, doc: object, assumed: object | null = null): PushRow => ({
  collection,
  assumedMasterState: assumed as Obj | null,
  newDocumentState: doc as Obj,
});

function push(rows: PushRow[], over: Partial<PushInput> = {}): PushValidation {
  return validatePush({ batchId: batchIdFor('tablet-1', rows), clientTime: NOW, rows, worker, now: NOW, seen: () => false, ...over });
}

const masters = (...docs: [CollectionName, AnyDoc][]) => (c: CollectionName, id: string) => docs.find(([cc, d]) => cc === c && d.id === id)?.[1];

function only(v: PushValidation) {
  expect(v.accepted.length + v.rejected.length).toBe(1);
  return v.rejected[0];
}

describe('validatePush', () => {
  it('accepts a worker’s own new visit and stamps the server time', () => {
    const v = push([row('visits', aVisit({ updatedAt: 1 }))]);
    expect(v.rejected).toEqual([]);
    expect(v.accepted).toHaveLength(1);
    expect(v.accepted[0]).toMatchObject({ index: 0, collection: 'visits', isNew: true, doc: { id: aVisit().id, updatedAt: NOW } });
    expect(v.warnings).toEqual([]);
  });

  it('rejects a forged tenant with a bilingual message and the row itself', () => {
    const doc = aVisit({ tenantId: T2 });
    const r = only(push([row('visits', doc)]));
    expect(r).toMatchObject({ code: 'forged_tenant', docId: doc.id, collection: 'visits', index: 0 });
    expect(r?.row.newDocumentState).toEqual(doc);
    expect(r?.message.zh).toContain('社区');
    expect(r?.message.en).toContain('community');
  });

  it('rejects a document whose server copy lives in another tenant, and moving a document between tenants', () => {
    const foreign = aVisit({ tenantId: T2 });
    expect(only(push([row('visits', aVisit())], { master: masters(['visits', foreign]) }))?.code).toBe('forged_tenant');
    const both: PushWorker = { ...worker, tenantIds: [T1, T2] };
    expect(only(push([row('visits', aVisit({ tenantId: T2 }), aVisit())], { worker: both }))?.code).toBe('tenant_change');
  });

  it('rejects another worker’s visit or patrol run, including overwriting one under your own name', () => {
    expect(only(push([row('visits', aVisit({ workerId: OTHER_WORKER.userId }))]))?.code).toBe('not_owner');
    const theirs = aRun({ workerId: OTHER_WORKER.userId });
    const r = only(push([row('patrol_runs', aRun())], { master: masters(['patrol_runs', theirs]) }));
    expect(r?.code).toBe('not_owner');
    expect(r?.message.en).toContain('someone else');
  });

  it('lets a technician update only tasks assigned to them, and create none', () => {
    const task = aTask({ status: 'in_progress' });
    const done = { ...clone(task), status: 'done' as const, completedAt: NOW };
    expect(push([row('tasks', done, task)], { worker: tech, master: masters(['tasks', task]) }).accepted).toHaveLength(1);
    const reassigned = { ...clone(task), assigneeId: OTHER_WORKER.userId };
    expect(only(push([row('tasks', done, task)], { worker: tech, master: masters(['tasks', reassigned]) }))?.code).toBe('not_owner');
    expect(only(push([row('tasks', aTask({ id: uid('new-task') }))], { worker: tech, master: masters() }))?.code).toBe('not_creatable');
    expect(only(push([row('tasks', { ...done, status: 'cancelled' }, task)], { worker: tech, master: masters(['tasks', task]) }))?.code).toBe('workflow');
  });

  it('refuses writes to read-only collections', () => {
    const r = only(push([row('places', aPlace({ name: '改名' }), aPlace())]));
    expect(r?.code).toBe('read_only');
    expect(only(push([row('secrets', { id: 'x' })]))?.code).toBe('unknown_collection');
  });

  it('rejects schema violations with the offending paths', () => {
    const r = only(push([row('visits', { ...aVisit(), occupancy: 'haunted', photoIds: ['x'] })]));
    expect(r?.code).toBe('schema');
    expect(r?.details?.map((d) => d.path).sort()).toEqual(['occupancy', 'photoIds/0']);
    expect(only(push([row('visits', 'not a doc' as unknown as object)]))?.code).toBe('schema');
  });

  it('keeps workers inside their grid areas', () => {
    const w = { ...worker, areaIds: [AREA1] };
    expect(push([row('visits', aVisit({ areaId: AREA1 }))], { worker: w }).accepted).toHaveLength(1);
    expect(only(push([row('visits', aVisit({ areaId: AREA2 }))], { worker: w }))?.code).toBe('forbidden_area');
  });

  // Issue #10 (defect 7): tablets sent new cases and visits without an area, so the area rules
  // never applied to them. The server derives it from the place whatever the tablet claims.
  it('derives a record’s area from its place on the server, so leaving it out escapes nothing', () => {
    const areas = new Map([[uid('household-301'), AREA2], [uid('building-3'), AREA1], [uid('route-1'), AREA1]]);
    const areaOf = (ref: { id: string }) => (ref.id === uid('lobby') ? null : areas.get(ref.id));
    const w = { ...worker, areaIds: [AREA1] };
    const { areaId: _drop, ...untagged } = aVisit();
    expect(only(push([row('visits', untagged)], { worker: w, areaOf }))?.code).toBe('forbidden_area');
    expect(only(push([row('visits', aVisit({ areaId: AREA1 }))], { worker: w, areaOf }))?.code).toBe('forbidden_area');
    const made = push([row('cases', aCase({ areaId: undefined, location: { buildingId: uid('building-3') } }))], { worker: w, areaOf });
    expect(made.accepted[0]?.doc).toMatchObject({ areaId: AREA1 });
    const gpsOnly = push([row('cases', aCase({ areaId: AREA2, location: { lng: 121.2, lat: 31.0 } }))], { worker: w, areaOf });
    expect(gpsOnly.accepted[0]?.doc).not.toHaveProperty('areaId');
    const lobby = push([row('cases', aCase({ location: { buildingId: uid('lobby') } }))], { worker: w, areaOf });
    expect(lobby.accepted[0]?.doc).not.toHaveProperty('areaId');
    expect(only(push([row('cases', aCase({ location: { buildingId: uid('nowhere') } }))], { worker: w, areaOf }))?.code).toBe('unknown_place');
    const { areaId: _r, ...run } = aRun();
    expect(push([row('patrol_runs', run)], { worker: w, areaOf }).accepted[0]?.doc).toMatchObject({ areaId: AREA1 });
  });

  describe('cases', () => {
    const assigned = aCase({ status: 'assigned', assigneeId: WORKER.userId });
    const ok = (r: ReturnType<typeof transition>): CaseDoc => {
      if (!r.ok) throw new Error(r.reason.en);
      return r.case;
    };

    it('accepts a chain of steps done offline by the assignee', () => {
      const started = ok(transition(clone(assigned), 'in_progress', WORKER, T0 + 1));
      const resolved = ok(transition(started, 'resolved', WORKER, T0 + 2));
      const verified = ok(transition(resolved, 'verified', WORKER, T0 + 3));
      expect(push([row('cases', verified, assigned)], { master: masters(['cases', assigned]) }).accepted).toHaveLength(1);
    });

    it('refuses a step the role may not take, a status without history, and entries in someone else’s name', () => {
      const verified = aCase({ status: 'verified', assigneeId: WORKER.userId });
      const closedByWorker = { ...clone(verified), status: 'closed' as const, history: [...verified.history, { id: uid('x'), at: T0, by: WORKER.userId, from: 'verified' as const, to: 'closed' as const }] };
      expect(only(push([row('cases', closedByWorker, verified)]))?.code).toBe('workflow');
      expect(only(push([row('cases', { ...clone(assigned), status: 'resolved' }, assigned)]))?.code).toBe('workflow');
      const forgedEntry = { ...clone(assigned), status: 'in_progress' as const, history: [...assigned.history, { id: uid('y'), at: T0, by: OTHER_WORKER.userId, from: 'assigned' as const, to: 'in_progress' as const }] };
      expect(only(push([row('cases', forgedEntry, assigned)]))?.code).toBe('forged_author');
      const forgedComment = { ...clone(assigned), comments: [{ id: uid('cm'), at: T0, by: OFFICE.userId, text: '同意结案' }] };
      expect(only(push([row('cases', forgedComment, assigned)]))?.code).toBe('forged_author');
      expect(only(push([row('cases', aCase({ reportedBy: OTHER_WORKER.userId }))]))?.code).toBe('forged_author');
    });

    it('refuses a base version that never existed on the server (a forged assignment)', () => {
      const someoneElses = aCase({ status: 'assigned', assigneeId: OTHER_WORKER.userId, history: [...aCase().history, { id: uid('a'), at: T0, by: OFFICE.userId, from: 'reported', to: 'assigned', assigneeId: OTHER_WORKER.userId }] });
      const claimed = { ...clone(someoneElses), assigneeId: WORKER.userId };
      const started = ok(transition(clone(claimed), 'in_progress', WORKER, T0 + 1));
      const r = only(push([row('cases', started, claimed)], { master: masters(['cases', someoneElses]) }));
      expect(r?.code).toBe('forged_base');
    });

    it('never lets the tablet delete a case, but a worker may delete their own visit', () => {
      expect(only(push([row('cases', { ...clone(assigned), _deleted: true }, assigned)]))?.code).toBe('delete_forbidden');
      expect(push([row('visits', { ...aVisit(), _deleted: true }, aVisit())]).accepted).toHaveLength(1);
    });
  });

  it('rejects the same document twice in one batch, keeping the first', () => {
    const v = push([row('visits', aVisit()), row('visits', { ...aVisit(), notes: '第二次' })]);
    expect(v.accepted.map((a) => a.index)).toEqual([0]);
    expect(v.rejected.map((r) => [r.index, r.code])).toEqual([[1, 'duplicate_row']]);
  });

  it('recognises a replayed batch: returns the earlier result, accepts nothing new', () => {
    const rows = [row('visits', aVisit()), row('visits', aVisit({ id: uid('v2'), tenantId: T2 }))];
    const first = push(rows);
    expect(first.replayed).toBe(false);
    const stored = new Map([[first.batchId, first]]);
    const again = push(rows, { seen: (id) => stored.get(id) });
    expect(again).toEqual({ ...first, replayed: true });
    const known = push(rows, { seen: () => true });
    expect(known).toMatchObject({ replayed: true, accepted: [], rejected: [] });
    expect(known.warnings[0]?.code).toBe('replayed');
    expect(batchIdFor('tablet-1', rows)).toBe(batchIdFor('tablet-1', structuredClone(rows)));
    expect(batchIdFor('tablet-1', rows)).not.toBe(batchIdFor('tablet-2', rows));
  });

  it('rejects every row of a batch without a valid id, rather than guess about replays', () => {
    const v = push([row('visits', aVisit())], { batchId: 'again' });
    expect(v.rejected.map((r) => r.code)).toEqual(['bad_batch']);
  });

  it('reconciles a tablet clock far off: server times, originals kept, a clear warning', () => {
    const skew = 3 * 60 * MIN; // tablet 3 h ahead
    const run = aRun({ startedAt: T0 + skew });
    const scanned = { ...clone(run), scans: [{ id: uid('s1'), checkpointId: uid('cp-a'), at: T0 + skew + 2 * MIN, method: 'qr' as const, late: false }] };
    const v = push([row('patrol_runs', scanned, run)], { clientTime: NOW + skew, master: masters(['patrol_runs', run]) });
    expect(v.warnings).toHaveLength(1);
    expect(v.warnings[0]).toMatchObject({ code: 'clock_skew', skewMs: skew });
    expect(v.warnings[0]?.message.en).toContain('180 min ahead');
    expect(v.warnings[0]?.message.zh).toContain('快了约 180 分钟');
    const doc = v.accepted[0]?.doc as PatrolRunDoc;
    expect(doc.updatedAt).toBe(NOW);
    expect(doc.scans[0]?.at).toBe(T0 + 2 * MIN);
    expect(doc.startedAt).toBe(T0 + skew); // already on the server: not shifted again
    expect(doc.clientClock).toEqual({ clientTime: NOW + skew, skewMs: skew, original: { [`scans[${uid('s1')}].at`]: T0 + skew + 2 * MIN } });
  });

  it('leaves times alone within the tolerance, and ignores a clientClock the tablet made up', () => {
    const visit = { ...aVisit({ at: NOW - MIN }), clientClock: { clientTime: 1, skewMs: 1, original: {} } };
    const v = push([row('visits', visit)], { clientTime: NOW + MAX_CLOCK_SKEW_MS - 1 });
    expect(v.warnings).toEqual([]);
    const doc = v.accepted[0]?.doc as unknown as Obj;
    expect(doc.at).toBe(NOW - MIN);
    expect(doc.clientClock).toBeUndefined();
  });
});
