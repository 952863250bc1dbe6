import { describe, expect, it } from 'vitest';
import type { CaseDoc, CaseHistoryEntry, ConflictDoc } from '../src/docs';
import { resolveConflict, type Resolution } from '../src/merge';
import { assign, transition } from '../src/workflow';
import { MIN, OFFICE, OTHER_WORKER, PROPERTY, T0, TECH, WORKER, aCase, aPhoto, aPlace, aRoute, aRun, aTask, aVisit, clone, uid } from './fixtures';

const entry = (name: string, at: number, by: string, from: CaseHistoryEntry['from'], to: CaseHistoryEntry['to'], extra: Partial<CaseHistoryEntry> = {}): CaseHistoryEntry => ({
  id: uid(name),
  at,
  by,
  from,
  to,
  ...extra,
});

function must<T>(r: { ok: true; case: T } | { ok: false; reason: { en: string } }): T {
  if (!r.ok) throw new Error(r.reason.en);
  return r.case;
}

const fieldPaths = (c: ConflictDoc | undefined): string[] => (c?.fields ?? []).map((f) => f.path).sort();

function conflictOf<D>(r: Resolution<D>): ConflictDoc {
  if (r.kind !== 'conflict') throw new Error(`expected a conflict, got ${r.kind}`);
  return r.conflict;
}

describe('merge: cases (field-level three-way)', () => {
  const base = aCase({ status: 'assigned', assigneeId: WORKER.userId, updatedAt: T0 });

  it('takes a field changed only on the tablet, and one changed only on the server', () => {
    const tablet = { ...clone(base), title: '3号楼路灯不亮（东侧两盏）' };
    const server = { ...clone(base), dueAt: T0 + 120 * MIN, updatedAt: T0 + 5 };
    const r = resolveConflict('cases', { by: WORKER,  assumedMaster: base, realMaster: server, newDoc: tablet });
    expect(r.kind).toBe('merged');
    expect(r.doc).toMatchObject({ title: '3号楼路灯不亮（东侧两盏）', dueAt: T0 + 120 * MIN, updatedAt: T0 + 5 });
    expect('notice' in r && r.notice).toBeFalsy();
  });

  it('makes a scalar changed on both sides to different values an open conflict carrying both versions', () => {
    const tablet = { ...clone(base), kind: 'fire' as const };
    const server = { ...clone(base), kind: 'environment' as const, updatedAt: T0 + 5 };
    const r = resolveConflict('cases', { by: WORKER,  assumedMaster: base, realMaster: server, newDoc: tablet });
    const c = conflictOf(r);
    expect(r.doc.kind).toBe('environment'); // server value kept until the console decides
    expect(c.status).toBe('open');
    expect(c.fields).toEqual([expect.objectContaining({ path: 'kind', base: 'public_facility', server: 'environment', tablet: 'fire', resolution: 'open' })]);
    expect(c.realMaster).toEqual(server);
    expect(c.newDoc).toEqual(tablet);
    expect(c.assumedMaster).toEqual(base);
    expect(c).toMatchObject({ collection: 'cases', docId: base.id, tenantId: base.tenantId });
    expect(c.fields[0]?.reason.zh.length).toBeGreaterThan(0);
  });

  it('lets free text merge when one side only extends the other, and conflicts otherwise', () => {
    const b = { ...clone(base), description: '东侧路灯' };
    const ext = resolveConflict('cases', { by: WORKER, 
      assumedMaster: b,
      realMaster: { ...clone(b), description: '东侧路灯', updatedAt: T0 + 5, dueAt: T0 },
      newDoc: { ...clone(b), description: '东侧路灯，灯杆倾斜' },
    });
    expect(ext.kind).toBe('merged');
    expect(ext.doc.description).toBe('东侧路灯，灯杆倾斜');
    const serverExt = resolveConflict('cases', { by: WORKER, 
      assumedMaster: b,
      realMaster: { ...clone(b), description: '东侧路灯，灯杆倾斜，已报电工', updatedAt: T0 + 5 },
      newDoc: { ...clone(b), description: '东侧路灯，灯杆倾斜' },
    });
    expect(serverExt.kind).toBe('server_wins');
    expect(serverExt.doc.description).toBe('东侧路灯，灯杆倾斜，已报电工');
    const rewrite = resolveConflict('cases', { by: WORKER, 
      assumedMaster: b,
      realMaster: { ...clone(b), description: '西侧路灯', updatedAt: T0 + 5 },
      newDoc: { ...clone(b), description: '东侧路灯已修复' },
    });
    expect(fieldPaths(conflictOf(rewrite))).toEqual(['description']);
    // the tablet cleared the text while the server extended it: not an extension, a conflict
    const cleared = resolveConflict('cases', { by: WORKER, 
      assumedMaster: b,
      realMaster: { ...clone(b), description: '东侧路灯，灯杆倾斜', updatedAt: T0 + 5 },
      newDoc: { ...clone(b), description: '' },
    });
    expect(fieldPaths(conflictOf(cleared))).toEqual(['description']);
  });

  it('lets the office win assignment, keeping the tablet’s value in an auto-resolved notice', () => {
    const r = resolveConflict('cases', { by: WORKER, 
      assumedMaster: base,
      realMaster: { ...clone(base), assigneeId: TECH.userId, updatedAt: T0 + 5 },
      newDoc: { ...clone(base), assigneeId: uid('someone-else') },
    });
    expect(r.kind).toBe('server_wins');
    expect(r.doc.assigneeId).toBe(TECH.userId);
    const notice = r.kind !== 'conflict' ? r.notice : undefined;
    expect(notice?.status).toBe('auto_resolved');
    expect(notice?.fields).toEqual([expect.objectContaining({ path: 'assigneeId', tablet: uid('someone-else'), server: TECH.userId, resolution: 'server' })]);
  });

  it('unions history and comments by id, ordered by time, never dropping one', () => {
    const tablet = clone(base);
    tablet.comments.push({ id: uid('ct'), at: T0 + 30, by: WORKER.userId, text: '现场已拍照' });
    tablet.photoIds.push(uid('photo-t'));
    const server = clone(base);
    server.updatedAt = T0 + 5;
    server.comments.push({ id: uid('cs1'), at: T0 + 10, by: OFFICE.userId, text: '请尽快处理' }, { id: uid('cs2'), at: T0 + 40, by: OFFICE.userId, text: '电工已出发' });
    server.photoIds.push(uid('photo-s'));
    const r = resolveConflict('cases', { by: WORKER,  assumedMaster: base, realMaster: server, newDoc: tablet });
    expect(r.kind).toBe('merged');
    expect(r.doc.comments.map((c) => c.text)).toEqual(['请尽快处理', '现场已拍照', '电工已出发']);
    expect(r.doc.photoIds).toEqual([uid('photo-s'), uid('photo-t')]);
  });

  it('does not let the tablet edit or remove an entry of an append-only list', () => {
    const withComment = clone(base);
    withComment.comments.push({ id: uid('c1'), at: T0 + 1, by: WORKER.userId, text: '原话' });
    withComment.photoIds.push(uid('p1'));
    const tablet = clone(withComment);
    tablet.comments[0]!.text = '改过的话';
    tablet.history = [];
    tablet.photoIds = [];
    const r = resolveConflict('cases', { by: WORKER,  assumedMaster: withComment, realMaster: { ...clone(withComment), updatedAt: T0 + 5 }, newDoc: tablet });
    const c = conflictOf(r);
    expect(fieldPaths(c)).toEqual([`comments[${uid('c1')}]`, `history[${base.history[0]!.id}]`, `photoIds[${uid('p1')}]`].sort());
    expect(r.doc.comments[0]?.text).toBe('原话');
    expect(r.doc.history).toHaveLength(1);
    expect(r.doc.photoIds).toEqual([uid('p1')]);
  });

  describe('status races', () => {
    it('tablet resolved offline while the office reassigned: resolved, with the server’s assignee', () => {
      const b = must(transition(aCase({ status: 'assigned', assigneeId: WORKER.userId }), 'in_progress', WORKER, T0 + 1));
      const tablet = must(transition(clone(b), 'resolved', WORKER, T0 + 20 * MIN, '已更换灯泡'));
      const server = must(assign(clone(b), TECH.userId, OFFICE, T0 + 10 * MIN, '改派电工'));
      server.updatedAt = T0 + 10 * MIN;
      const r = resolveConflict('cases', { by: WORKER,  assumedMaster: b, realMaster: server, newDoc: tablet });
      expect(r.kind).toBe('merged');
      expect(r.doc.status).toBe('resolved');
      expect(r.doc.assigneeId).toBe(TECH.userId);
      expect(r.doc.history.map((h) => `${h.from}->${h.to}`)).toEqual(['null->reported', 'assigned->in_progress', 'in_progress->in_progress', 'in_progress->resolved']);
      expect(r.kind === 'merged' && r.notice).toBeFalsy();
    });

    // Issue #10 (defect 2): the history is one causal chain now (each entry starts where the one
    // before ended), so the same step done twice is recorded once — the tablet's copy goes to the
    // notice instead of the history (was: both verifications in the history, sorted by time).
    it('tablet verified while the office verified and closed: closed, the tablet’s verification kept in the notice, history causal', () => {
      const b = aCase({ status: 'resolved', assigneeId: WORKER.userId });
      const tablet = must(transition(clone(b), 'verified', WORKER, T0 + 30 * MIN, '现场确认'));
      const officeVerified = must(transition(clone(b), 'verified', OFFICE, T0 + 10 * MIN, '电话回访'));
      const server = must(transition(officeVerified, 'closed', OFFICE, T0 + 11 * MIN));
      server.updatedAt = T0 + 11 * MIN;
      const r = resolveConflict('cases', { by: WORKER, assumedMaster: b, realMaster: server, newDoc: tablet });
      expect(r.kind).toBe('server_wins');
      expect(r.doc.status).toBe('closed');
      expect(r.doc.history.map((h) => `${h.from}->${h.to}`)).toEqual(['null->reported', 'resolved->verified', 'verified->closed']);
      // the tablet's "verified" and its entry were overridden by rule — recorded, not silently dropped
      const notice = r.kind === 'server_wins' ? r.notice : undefined;
      const mine = tablet.history.at(-1)!;
      expect(notice?.fields.map((f) => [f.path, f.resolution])).toEqual([[`history[${mine.id}]`, 'server'], ['status', 'server']]);
      expect(notice?.fields[0]?.tablet).toMatchObject({ note: '现场确认', by: WORKER.userId });
    });

    // Issue #10 (defect 2): was "reopened wins (verified → reopened is a legal step)" — legal for the
    // office only; here the grid worker verified while the office reopened. The two steps clash:
    // an open conflict naming the office user, the server's status and causal history kept.
    it('tablet verified while the office reopened: an open conflict, the server’s reopened status and history kept', () => {
      const b = aCase({ status: 'resolved' });
      const tablet = must(transition(clone(b), 'verified', WORKER, T0 + 5));
      const server = must(transition(clone(b), 'reopened', PROPERTY, T0 + 6, '住户投诉仍未修好'));
      const r = resolveConflict('cases', { by: WORKER, assumedMaster: b, realMaster: server, newDoc: tablet });
      const c = conflictOf(r);
      expect(r.doc.status).toBe('reopened');
      expect(r.doc.history.map((h) => h.to)).toEqual(['reported', 'reopened']);
      expect(c.fields.find((f) => f.path === 'status')).toMatchObject({ tablet: 'verified', server: 'reopened', resolution: 'open' });
      expect(c.parties).toEqual([PROPERTY.userId]);
    });

    it('a grid worker’s reopen after someone verified is a clash in either order, never a silent win', () => {
      const b = aCase({ status: 'resolved' });
      const verify = must(transition(clone(b), 'verified', OTHER_WORKER, T0 + 5));
      const reopen = must(transition(clone(b), 'reopened', WORKER, T0 + 6, '门禁仍打不开'));
      const aFirst = resolveConflict('cases', { by: WORKER, assumedMaster: b, realMaster: { ...verify, updatedAt: T0 + 7 }, newDoc: reopen });
      expect(conflictOf(aFirst).fields.find((f) => f.path === 'status')).toMatchObject({ server: 'verified', tablet: 'reopened', resolution: 'open' });
      expect(aFirst.doc.history.map((h) => h.to)).toEqual(['reported', 'verified']);
      expect(conflictOf(aFirst).parties).toEqual([OTHER_WORKER.userId]);
      const bFirst = resolveConflict('cases', { by: OTHER_WORKER, assumedMaster: b, realMaster: { ...reopen, updatedAt: T0 + 7 }, newDoc: verify });
      expect(conflictOf(bFirst).fields.find((f) => f.path === 'status')).toMatchObject({ server: 'reopened', tablet: 'verified', resolution: 'open' });
      expect(bFirst.doc.history.map((h) => h.to)).toEqual(['reported', 'reopened']);
      expect(conflictOf(bFirst).parties).toEqual([WORKER.userId]);
    });

    // Issue #10 (defect 2): the tablet's entry is no longer spliced into the server's history (that
    // broke the causal chain: in_progress→resolved after in_progress→rejected); it waits in the
    // open conflict, whose `newDoc` and `history[<id>]` field carry it for the console.
    it('tablet resolved while the office rejected: not on one path — open conflict, server status kept', () => {
      const b = aCase({ status: 'in_progress', assigneeId: WORKER.userId });
      const tablet = must(transition(clone(b), 'resolved', WORKER, T0 + 5));
      const server = must(transition(clone(b), 'rejected', OFFICE, T0 + 6, '重复上报'));
      const r = resolveConflict('cases', { by: WORKER, assumedMaster: b, realMaster: server, newDoc: tablet });
      const c = conflictOf(r);
      expect(r.doc.status).toBe('rejected');
      expect(c.fields.find((f) => f.path === 'status')).toMatchObject({ tablet: 'resolved', server: 'rejected', resolution: 'open' });
      expect(r.doc.history.map((h) => h.to)).not.toContain('resolved');
      expect(c.fields.find((f) => f.path === `history[${tablet.history.at(-1)!.id}]`)).toMatchObject({ resolution: 'open', tablet: { to: 'resolved' } });
    });

    // Issue #10 (defect 2): the tablet's own start, already on the server from its other device,
    // is recorded once (was 5 entries with two assigned→in_progress).
    it('a tablet further along the same path wins over an older server status', () => {
      const b = aCase({ status: 'assigned', assigneeId: WORKER.userId });
      const tablet = { ...clone(b), status: 'verified' as const, history: [...b.history, entry('t1', T0 + 1, WORKER.userId, 'assigned', 'in_progress'), entry('t2', T0 + 2, WORKER.userId, 'in_progress', 'resolved'), entry('t3', T0 + 3, WORKER.userId, 'resolved', 'verified')] };
      const server = { ...clone(b), status: 'in_progress' as const, history: [...b.history, entry('s1', T0 + 1, WORKER.userId, 'assigned', 'in_progress')], updatedAt: T0 + 2 };
      const r = resolveConflict('cases', { by: WORKER, assumedMaster: b, realMaster: server, newDoc: tablet });
      expect(r.kind).toBe('merged');
      expect(r.doc.status).toBe('verified');
      expect(r.doc.history.map((h) => `${h.from}->${h.to}`)).toEqual(['null->reported', 'assigned->in_progress', 'in_progress->resolved', 'resolved->verified']);
    });
  });

  it('is idempotent: pushing what the server already has changes nothing and records nothing', () => {
    const server = { ...clone(base), updatedAt: T0 + 5 };
    const r = resolveConflict('cases', { by: WORKER,  assumedMaster: base, realMaster: server, newDoc: clone(base) });
    expect(r).toEqual({ kind: 'server_wins', doc: server });
    const first = resolveConflict('cases', { by: WORKER,  assumedMaster: base, realMaster: server, newDoc: { ...clone(base), title: '新标题' } });
    const again = resolveConflict('cases', { by: WORKER,  assumedMaster: base, realMaster: { ...(first.doc as CaseDoc), updatedAt: T0 + 9 }, newDoc: { ...clone(base), title: '新标题' } });
    expect(again.kind).toBe('server_wins');
  });

  it('gives a conflict the same id when the same push is resolved twice', () => {
    const tablet = { ...clone(base), kind: 'fire' as const };
    const server = { ...clone(base), kind: 'environment' as const, updatedAt: T0 + 5 };
    const a = conflictOf(resolveConflict('cases', { by: WORKER,  assumedMaster: base, realMaster: server, newDoc: tablet }));
    const b = conflictOf(resolveConflict('cases', { by: WORKER,  assumedMaster: base, realMaster: server, newDoc: clone(tablet) }));
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('merge: tasks', () => {
  const base = aTask({ status: 'in_progress', startedAt: T0 + 1 });

  it('merges checklist results item by item, keeps office-owned fields, unions photos', () => {
    const tablet = clone(base);
    tablet.checklist[0] = { ...tablet.checklist[0]!, result: 'ok', checkedAt: T0 + 10, checkedBy: TECH.userId };
    tablet.checklist[1] = { ...tablet.checklist[1]!, result: 'fault', note: '阀门锈死', photoIds: [uid('p-valve')], checkedAt: T0 + 12, checkedBy: TECH.userId };
    tablet.photoIds.push(uid('p-valve'));
    const server = clone(base);
    server.updatedAt = T0 + 5;
    server.checklist[1] = { ...server.checklist[1]!, label: '阀门无锈蚀、开关灵活' }; // office edited the plan
    server.dueAt = base.dueAt + 60 * MIN;
    const r = resolveConflict('tasks', { by: WORKER,  assumedMaster: base, realMaster: server, newDoc: tablet });
    expect(r.kind).toBe('merged');
    expect(r.doc.checklist.map((i) => [i.itemId, i.result ?? null])).toEqual([['pressure', 'ok'], ['valve', 'fault'], ['hose', null]]);
    expect(r.doc.checklist[1]).toMatchObject({ label: '阀门无锈蚀、开关灵活', note: '阀门锈死', photoIds: [uid('p-valve')] });
    expect(r.doc.dueAt).toBe(base.dueAt + 60 * MIN);
    expect(r.doc.photoIds).toEqual([uid('p-valve')]);
  });

  it('conflicts when the same checklist item got different results on two devices', () => {
    const tablet = clone(base);
    tablet.checklist[2] = { ...tablet.checklist[2]!, result: 'ok', checkedAt: T0 + 10 };
    const server = clone(base);
    server.updatedAt = T0 + 5;
    server.checklist[2] = { ...server.checklist[2]!, result: 'fault', checkedAt: T0 + 8 };
    const r = resolveConflict('tasks', { by: WORKER,  assumedMaster: base, realMaster: server, newDoc: tablet });
    const c = conflictOf(r);
    expect(fieldPaths(c)).toEqual(['checklist[hose].result']);
    expect(r.doc.checklist[2]).toMatchObject({ result: 'fault', checkedAt: T0 + 10 });
  });

  it('refuses tablet edits of plan fields (recorded), and a done task the office cancelled is a conflict', () => {
    const edited = resolveConflict('tasks', { by: WORKER,  assumedMaster: base, realMaster: base, newDoc: { ...clone(base), title: '随便改', notes: '已完成' } });
    expect(edited.kind).toBe('merged');
    expect(edited.doc).toMatchObject({ title: base.title, notes: '已完成' });
    expect(edited.kind === 'merged' && edited.notice?.fields.map((f) => f.path)).toEqual(['title']);
    const race = resolveConflict('tasks', { by: WORKER, 
      assumedMaster: base,
      realMaster: { ...clone(base), status: 'cancelled', updatedAt: T0 + 5 },
      newDoc: { ...clone(base), status: 'done', completedAt: T0 + 20 },
    });
    expect(fieldPaths(conflictOf(race))).toEqual(['status']);
    expect(race.doc.completedAt).toBe(T0 + 20);
  });
});

describe('merge: visits', () => {
  it('applies flag additions and removals from both sides, and extends notes', () => {
    const base = aVisit({ vulnerable: ['disabled', 'low_income'], notes: '独居' });
    const tablet = { ...clone(base), vulnerable: ['disabled', 'low_income', 'elderly_alone'] as typeof base.vulnerable, notes: '独居，子女在外地' };
    const server = { ...clone(base), vulnerable: ['low_income'] as typeof base.vulnerable, updatedAt: T0 + 5 };
    const r = resolveConflict('visits', { by: WORKER,  assumedMaster: base, realMaster: server, newDoc: tablet });
    expect(r.kind).toBe('merged');
    expect([...r.doc.vulnerable].sort()).toEqual(['elderly_alone', 'low_income']);
    expect(r.doc.notes).toBe('独居，子女在外地');
  });

  it('conflicts on occupancy judged differently, and never lets the worker change', () => {
    const base = aVisit();
    const r = resolveConflict('visits', { by: WORKER, 
      assumedMaster: base,
      realMaster: { ...clone(base), occupancy: 'vacant', updatedAt: T0 + 5 },
      newDoc: { ...clone(base), occupancy: 'group_rented', workerId: uid('x') },
    });
    expect(fieldPaths(conflictOf(r))).toEqual(['occupancy', 'workerId']);
    expect(r.doc.workerId).toBe(base.workerId);
  });
});

describe('merge: patrol runs', () => {
  it('unions scans by time and keeps the latest finish', () => {
    const base = aRun({ scans: [{ id: uid('s-a'), checkpointId: uid('cp-a'), at: T0 + 1, method: 'qr', late: false }] });
    const tablet = { ...clone(base), status: 'finished' as const, finishedAt: T0 + 30 * MIN };
    tablet.scans.push({ id: uid('s-c'), checkpointId: uid('cp-c'), at: T0 + 21 * MIN, method: 'manual', late: false, note: '二维码污损' });
    const server = { ...clone(base), status: 'finished' as const, finishedAt: T0 + 25 * MIN, updatedAt: T0 + 5 };
    server.scans.push({ id: uid('s-b'), checkpointId: uid('cp-b'), at: T0 + 11 * MIN, method: 'qr', late: false });
    const r = resolveConflict('patrol_runs', { by: WORKER,  assumedMaster: base, realMaster: server, newDoc: tablet });
    expect(r.kind).toBe('merged');
    expect(r.doc.scans.map((s) => s.id)).toEqual([uid('s-a'), uid('s-b'), uid('s-c')]);
    expect(r.doc.finishedAt).toBe(T0 + 30 * MIN);
  });

  it('finished on one side and abandoned on the other is a conflict', () => {
    const base = aRun();
    const r = resolveConflict('patrol_runs', { by: WORKER, 
      assumedMaster: base,
      realMaster: { ...clone(base), status: 'abandoned', updatedAt: T0 + 5 },
      newDoc: { ...clone(base), status: 'finished', finishedAt: T0 + 30 * MIN },
    });
    expect(fieldPaths(conflictOf(r))).toEqual(['status']);
  });
});

describe('merge: read-only and server-owned data', () => {
  it('keeps the server’s place and reports the tablet’s write as a conflict', () => {
    const base = aPlace();
    const server = { ...clone(base), updatedAt: T0 + 5, addressCode: '3301-0003' };
    const r = resolveConflict('places', { by: WORKER,  assumedMaster: base, realMaster: server, newDoc: { ...clone(base), name: '三号楼' } });
    const c = conflictOf(r);
    expect(r.doc).toEqual(server);
    expect(c.fields).toEqual([expect.objectContaining({ path: 'name', tablet: '三号楼', server: '3号楼', resolution: 'server' })]);
    expect(c.status).toBe('open');
  });

  it('does the same for patrol routes, and is quiet when the tablet did not touch them', () => {
    const base = aRoute();
    const changed = clone(base);
    changed.checkpoints.pop();
    expect(resolveConflict('patrol_routes', { by: WORKER,  assumedMaster: base, realMaster: base, newDoc: changed }).kind).toBe('conflict');
    const server = { ...clone(base), name: '夜间东区巡更（新）', updatedAt: T0 + 9 };
    expect(resolveConflict('patrol_routes', { by: WORKER,  assumedMaster: base, realMaster: server, newDoc: clone(base) })).toEqual({ kind: 'server_wins', doc: server });
  });

  it('never lets the tablet mark a photo uploaded, nor change its checksum', () => {
    const base = aPhoto();
    const forged = resolveConflict('photos', { by: WORKER,  assumedMaster: base, realMaster: base, newDoc: { ...clone(base), uploaded: true } });
    expect(forged.doc.uploaded).toBe(false);
    expect(forged.kind !== 'conflict' && forged.notice?.fields.map((f) => f.path)).toEqual(['uploaded']);
    const sha = resolveConflict('photos', { by: WORKER,  assumedMaster: base, realMaster: base, newDoc: { ...clone(base), sha256: 'b'.repeat(64) } });
    expect(fieldPaths(conflictOf(sha))).toEqual(['sha256']);
    // the server flipping uploaded while the tablet linked the photo: both kept
    const linked = resolveConflict('photos', { by: WORKER, 
      assumedMaster: base,
      realMaster: { ...clone(base), uploaded: true, updatedAt: T0 + 5 },
      newDoc: { ...clone(base), linkedCollection: 'cases', linkedId: uid('case-1') },
    });
    expect(linked.doc).toMatchObject({ uploaded: true, linkedCollection: 'cases', linkedId: uid('case-1') });
  });
});
