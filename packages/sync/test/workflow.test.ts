import { describe, expect, it } from 'vitest';
import type { CaseDoc, CaseStatus } from '../src/docs';
import type { Actor } from '../src/roles';
import {
  CASE_RULES,
  CASE_STATUSES,
  assign,
  checkChain,
  isLegalStep,
  isOverdue,
  replaySteps,
  reportCase,
  transition,
} from '../src/workflow';
import { MIN, OFFICE, OTHER_WORKER, PROPERTY, T0, T1, TECH, WORKER, aCase, uid } from './fixtures';

function ok(r: ReturnType<typeof transition>): CaseDoc {
  if (!r.ok) throw new Error(`refused: ${r.reason.en}`);
  return r.case;
}

describe('case workflow', () => {
  it('runs the whole life of a hazard case with a history entry per step', () => {
    const reported = reportCase(
      { id: uid('c'), tenantId: T1, kind: 'fire', title: '楼道堆放杂物', description: '5号楼2单元', location: { buildingId: uid('b5') }, dueAt: T0 + 60 * MIN },
      WORKER,
      T0,
    );
    expect(reported.ok).toBe(true);
    let c = (reported as { case: CaseDoc }).case;
    expect(c.status).toBe('reported');
    c = ok(assign(c, WORKER.userId, OFFICE, T0 + 1));
    expect(c).toMatchObject({ status: 'assigned', assigneeId: WORKER.userId });
    c = ok(transition(c, 'in_progress', WORKER, T0 + 2));
    c = ok(transition(c, 'resolved', WORKER, T0 + 3, '已清理'));
    c = ok(transition(c, 'verified', WORKER, T0 + 4)); // offline, on the tablet
    c = ok(transition(c, 'closed', OFFICE, T0 + 5));
    expect(c.status).toBe('closed');
    expect(c.history.map((h) => [h.from, h.to, h.by])).toEqual([
      [null, 'reported', WORKER.userId],
      ['reported', 'assigned', OFFICE.userId],
      ['assigned', 'in_progress', WORKER.userId],
      ['in_progress', 'resolved', WORKER.userId],
      ['resolved', 'verified', WORKER.userId],
      ['verified', 'closed', OFFICE.userId],
    ]);
    expect(c.history[3]?.note).toBe('已清理');
    expect(new Set(c.history.map((h) => h.id)).size).toBe(6);
    // reopen and round again
    c = ok(transition(c, 'reopened', PROPERTY, T0 + 6, '住户反映又堆上了'));
    c = ok(assign(c, TECH.userId, OFFICE, T0 + 7));
    expect(c).toMatchObject({ status: 'assigned', assigneeId: TECH.userId });
    expect(c.history).toHaveLength(8);
  });

  // Every legal edge, done by a role the rule allows (and the assignee where that matters).
  const actorFor = (roles: readonly string[]): Actor => {
    for (const a of [WORKER, TECH, OFFICE, PROPERTY]) if (roles.includes(a.role)) return a;
    throw new Error(`no actor for ${roles.join()}`);
  };
  for (const rule of CASE_RULES) {
    for (const from of rule.from) {
      if (from === null) continue;
      it(`allows ${from} → ${rule.to} (${rule.action}) for ${rule.roles.join('/')}`, () => {
        const by = actorFor(rule.roles);
        const c = aCase({ status: from, assigneeId: by.userId });
        const r = transition(c, rule.to, by, T0 + 1, 'reason', { assigneeId: rule.needsAssignee ? TECH.userId : undefined });
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.case.status).toBe(rule.to);
          expect(r.entry).toMatchObject({ from, to: rule.to, by: by.userId, at: T0 + 1 });
          expect(r.case.history.at(-1)).toEqual(r.entry);
        }
      });
    }
  }

  const illegal: [CaseStatus, CaseStatus][] = [
    ['reported', 'in_progress'],
    ['reported', 'resolved'],
    ['assigned', 'resolved'],
    ['in_progress', 'verified'],
    ['resolved', 'closed'],
    ['closed', 'assigned'],
    ['rejected', 'assigned'],
    ['rejected', 'reopened'],
    ['verified', 'in_progress'],
    ['reopened', 'in_progress'],
    ['resolved', 'rejected'],
    ['closed', 'rejected'],
  ];
  for (const [from, to] of illegal) {
    it(`refuses ${from} → ${to} whoever asks, in both languages`, () => {
      for (const by of [WORKER, OFFICE, PROPERTY]) {
        const r = transition(aCase({ status: from, assigneeId: by.userId }), to, by, T0, 'note', { assigneeId: TECH.userId });
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.reason.zh).toMatch(/[\u4e00-\u9fff]/);
          expect(r.reason.en).toMatch(/[a-z]/);
        }
      }
      expect(isLegalStep(from, to)).toBe(false);
    });
  }

  it('checks roles: a grid worker cannot assign, reject or close; the office cannot resolve', () => {
    expect(transition(aCase({ status: 'reported' }), 'assigned', WORKER, T0, undefined, { assigneeId: WORKER.userId }).ok).toBe(false);
    expect(transition(aCase({ status: 'assigned' }), 'rejected', WORKER, T0, '重复上报').ok).toBe(false);
    const closeByWorker = transition(aCase({ status: 'verified' }), 'closed', WORKER, T0);
    expect(closeByWorker.ok).toBe(false);
    if (!closeByWorker.ok) expect(closeByWorker.reason.en).toContain('grid_worker');
    expect(transition(aCase({ status: 'in_progress', assigneeId: OFFICE.userId }), 'resolved', OFFICE, T0).ok).toBe(false);
    // reopen from closed is the office's; a grid worker may only send back a resolved case
    expect(transition(aCase({ status: 'closed' }), 'reopened', WORKER, T0, '没修好').ok).toBe(false);
    expect(transition(aCase({ status: 'resolved' }), 'reopened', WORKER, T0, '没修好').ok).toBe(true);
  });

  it('only the assignee may start or resolve a case', () => {
    const c = aCase({ status: 'assigned', assigneeId: WORKER.userId });
    const r = transition(c, 'in_progress', OTHER_WORKER, T0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.zh).toContain('被指派');
    expect(transition(c, 'in_progress', WORKER, T0).ok).toBe(true);
  });

  it('needs a reason to reject or reopen, and an assignee to assign', () => {
    expect(transition(aCase({ status: 'reported' }), 'rejected', OFFICE, T0, '  ').ok).toBe(false);
    expect(transition(aCase({ status: 'reported' }), 'rejected', OFFICE, T0, '非本小区').ok).toBe(true);
    expect(transition(aCase({ status: 'closed' }), 'reopened', OFFICE, T0).ok).toBe(false);
    expect(transition(aCase({ status: 'reported' }), 'assigned', OFFICE, T0).ok).toBe(false);
  });

  it('reassigns without changing an in-progress status, and only from the office', () => {
    const c = aCase({ status: 'in_progress', assigneeId: WORKER.userId });
    const r = assign(c, TECH.userId, OFFICE, T0 + 1, '换人处理');
    expect(r.ok && r.case).toMatchObject({ status: 'in_progress', assigneeId: TECH.userId });
    expect(r.ok && r.entry).toMatchObject({ from: 'in_progress', to: 'in_progress', assigneeId: TECH.userId });
    expect(assign(c, TECH.userId, WORKER, T0 + 1).ok).toBe(false);
    expect(assign(aCase({ status: 'resolved' }), TECH.userId, OFFICE, T0 + 1).ok).toBe(false);
  });

  it('checks a chain of steps done offline: legal, in order, by the pusher', () => {
    const start = aCase({ status: 'assigned', assigneeId: WORKER.userId });
    const steps = [
      { id: uid('s1'), at: T0 + 1, by: WORKER.userId, from: 'assigned' as const, to: 'in_progress' as const },
      { id: uid('s2'), at: T0 + 2, by: WORKER.userId, from: 'in_progress' as const, to: 'resolved' as const },
      { id: uid('s3'), at: T0 + 3, by: WORKER.userId, from: 'resolved' as const, to: 'verified' as const },
    ];
    expect(checkChain(start.status, start.assigneeId, steps, WORKER)).toEqual({ ok: true, status: 'verified', assigneeId: WORKER.userId });
    const skipped = checkChain('assigned', WORKER.userId, [steps[0]!, steps[2]!], WORKER);
    expect(skipped.ok === false && skipped.code).toBe('workflow');
    const forged = checkChain('assigned', WORKER.userId, [{ ...steps[0]!, by: OTHER_WORKER.userId }], WORKER);
    expect(forged.ok === false && forged.code).toBe('forged_author');
    const closing = checkChain('verified', WORKER.userId, [{ id: uid('s4'), at: T0, by: WORKER.userId, from: 'verified', to: 'closed' }], WORKER);
    expect(closing.ok).toBe(false);
  });

  // Replaces the role-agnostic "further along the same path" check the merge used (issue #10:
  // a grid worker's reopen beat a verification because an office could reopen a verified case).
  it('replays steps taken elsewhere on the status the case has now, by the role of who took them', () => {
    const reopen = { id: uid('r1'), at: T0, by: WORKER.userId, from: 'resolved' as const, to: 'reopened' as const, note: '灯仍不亮' };
    expect(replaySteps('resolved', WORKER.userId, [reopen], WORKER)).toMatchObject({ ok: true, status: 'reopened' });
    const onVerified = replaySteps('verified', WORKER.userId, [reopen], WORKER);
    expect(onVerified.ok).toBe(false);
    expect(onVerified.ok === false && onVerified.reason.en).toMatch(/role/);
    const byOffice = replaySteps('verified', undefined, [{ ...reopen, by: OFFICE.userId }], OFFICE);
    expect(byOffice.ok && byOffice.entries[0]).toMatchObject({ from: 'verified', to: 'reopened' });
    const chain = replaySteps('in_progress', WORKER.userId, [
      { id: uid('a'), at: T0, by: WORKER.userId, from: 'assigned', to: 'resolved' },
      { id: uid('b'), at: T0 + 1, by: WORKER.userId, from: 'resolved', to: 'verified' },
    ], WORKER);
    expect(chain.ok && chain.entries.map((e) => `${e.from}->${e.to}`)).toEqual(['in_progress->resolved', 'resolved->verified']);
    expect(replaySteps('rejected', undefined, [{ ...reopen, from: 'rejected' }], OFFICE).ok).toBe(false);
    expect(CASE_STATUSES).toHaveLength(8);
  });

  it('counts a due time only while the case waits', () => {
    expect(isOverdue(aCase({ status: 'assigned', dueAt: T0 }), T0 + 1)).toBe(true);
    expect(isOverdue(aCase({ status: 'assigned', dueAt: T0 }), T0)).toBe(false);
    expect(isOverdue(aCase({ status: 'resolved', dueAt: T0 }), T0 + 1)).toBe(false);
    expect(isOverdue(aCase({ status: 'assigned' }), T0 + 1)).toBe(false);
  });
});
