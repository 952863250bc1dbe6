import { msg, type Msg } from './bilingual';
import type { CaseDoc, CaseHistoryEntry } from './docs';
import { jsonEqual } from './ids';
import { MERGE_REASONS } from './merge-reasons';
import type { Actor } from './roles';
import { replaySteps, STATUS_LABELS } from './workflow';

/** Where the workflow merge reports what it could not take over as the tablet sent it. */
export interface WorkflowOut {
  add(path: string, base: unknown, server: unknown, tablet: unknown, resolution: 'open' | 'server', reason: Msg): void;
  /** Someone else whose work the clash involves: they see the conflict on their tablet too. */
  involve(userId: string): void;
}

const R = MERGE_REASONS;

const clash = (server: CaseDoc['status'], why: Msg): Msg =>
  msg(
    `服务器上案件已是“${STATUS_LABELS[server].zh}”，平板的办理步骤不能接续：${why.zh}`,
    `On the server the case is already ${STATUS_LABELS[server].en}; the tablet’s steps cannot follow on: ${why.en}`,
  );

const byId = (list: readonly CaseHistoryEntry[] | undefined): Map<string, CaseHistoryEntry> => new Map((list ?? []).map((e) => [e.id, e]));

/**
 * A case's status and history, merged as one thing. The server's history is a causal chain (each
 * entry starts where the one before ended), and so is the tablet's; the tablet's new steps are
 * replayed after the server's last one, judged by the workflow's role rules for the actor who
 * pushed them — "a further status wins" is not enough: a grid worker may verify a resolved case
 * but not reopen a verified one. Steps the server already took the same way since the base are
 * not repeated. If a step cannot follow on, the server's status and chain stand and the clash is an
 * open conflict for the office, naming the people whose steps collided. Nothing is dropped: every
 * tablet entry that is not in the result is named in `out`.
 */
export function mergeCaseWorkflow(base: CaseDoc | undefined, server: CaseDoc, tablet: CaseDoc, by: Actor, out: WorkflowOut): Pick<CaseDoc, 'status' | 'history'> {
  const bh = byId(base?.history), sh = byId(server.history), th = byId(tablet.history);
  const p = (id: string) => `history[${id}]`;

  // What the tablet had: append-only, neither edited nor dropped.
  for (const [id, b] of bh) {
    const t = th.get(id), s = sh.get(id);
    if (t === undefined) {
      if (s !== undefined) out.add(p(id), b, s, null, 'open', R.entryRemoved);
    } else if (!jsonEqual(t, b)) {
      if (s === undefined) out.add(p(id), b, null, t, 'open', R.entryGone);
      else if (!jsonEqual(s, t)) out.add(p(id), b, s, t, 'open', R.entryEdited);
    }
  }

  // What the tablet added, in its own (causal) order.
  const added: CaseHistoryEntry[] = [];
  for (const e of tablet.history) {
    if (bh.has(e.id)) continue;
    const s = sh.get(e.id);
    if (s === undefined) added.push(e);
    else if (!jsonEqual(s, e)) out.add(p(e.id), null, s, e, 'open', R.entryClash);
  }
  const history = [...server.history];
  const tabletMoved = tablet.status !== (base?.status ?? server.status);
  if (added.length === 0) {
    if (tabletMoved && tablet.status !== server.status) out.add('status', base?.status, server.status, tablet.status, 'open', R.noEntry);
    return { status: server.status, history };
  }

  // The same step done on two devices (or twice on one) is recorded once.
  const since = server.history.filter((e) => !bh.has(e.id));
  let i = 0;
  for (; i < added.length && i < since.length && added[i]!.from === since[i]!.from && added[i]!.to === since[i]!.to; i++)
    out.add(p(added[i]!.id), null, since[i], added[i], 'server', R.sameStep);

  // Replay the rest on the server's status. Which role may take which step is judged from the
  // server's status; who may act on an assigned case, by the assignment the tablet saw when the
  // worker acted (an office reassignment in between is the office's field, merged separately).
  const replay = replaySteps(server.status, base?.assigneeId ?? server.assigneeId, added.slice(i), by);
  if (!replay.ok) {
    out.add('status', base?.status, server.status, tablet.status, 'open', clash(server.status, replay.reason));
    for (const x of added.slice(i)) out.add(p(x.id), null, null, x, 'open', R.notApplied);
    for (const x of since) if (x.by !== by.userId) out.involve(x.by);
    return { status: server.status, history };
  }
  const status = replay.status;
  if (status !== tablet.status) out.add('status', base?.status, status, tablet.status, 'server', R.statusServer);
  return { status, history: [...history, ...replay.entries] };
}
