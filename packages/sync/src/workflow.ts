import { msg, type Msg } from './bilingual';
import type { CaseDoc, CaseHistoryEntry, CaseStatus } from './docs';
import { hashUuid } from './ids';
import { FIELD_ROLES, OFFICE_ROLES, type Actor, type Role } from './roles';

/** Hazard case workflow (R6.5.1–R6.5.5 "handling workflow"). */
export const CASE_STATUSES = [
  'reported',
  'assigned',
  'in_progress',
  'resolved',
  'verified',
  'closed',
  'rejected',
  'reopened',
] as const satisfies readonly CaseStatus[];

export type CaseAction = 'report' | 'assign' | 'reassign' | 'start' | 'resolve' | 'verify' | 'close' | 'reject' | 'reopen';

export const STATUS_LABELS: Record<CaseStatus, Msg> = {
  reported: msg('已上报', 'reported'),
  assigned: msg('已派单', 'assigned'),
  in_progress: msg('处理中', 'in progress'),
  resolved: msg('已处置', 'resolved'),
  verified: msg('已核查', 'verified'),
  closed: msg('已结案', 'closed'),
  rejected: msg('已驳回', 'rejected'),
  reopened: msg('已重新打开', 'reopened'),
};

/** Statuses in which the case still waits for someone; `dueAt` only counts in these. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['reported', 'assigned', 'in_progress', 'reopened'];

interface Rule {
  action: CaseAction;
  from: readonly (CaseStatus | null)[];
  to: CaseStatus;
  roles: readonly Role[];
  /** Field roles may only do this on a case assigned to them. */
  assigneeOnly?: boolean;
  noteRequired?: boolean;
  needsAssignee?: boolean;
}

const ANYONE_WORKING: readonly Role[] = [...FIELD_ROLES, ...OFFICE_ROLES];

export const CASE_RULES: readonly Rule[] = [
  { action: 'report', from: [null], to: 'reported', roles: ANYONE_WORKING },
  { action: 'assign', from: ['reported', 'reopened'], to: 'assigned', roles: OFFICE_ROLES, needsAssignee: true },
  { action: 'start', from: ['assigned'], to: 'in_progress', roles: FIELD_ROLES, assigneeOnly: true },
  { action: 'resolve', from: ['in_progress'], to: 'resolved', roles: FIELD_ROLES, assigneeOnly: true },
  // The grid worker checks the fix on site, often without signal: verification works offline.
  { action: 'verify', from: ['resolved'], to: 'verified', roles: ['grid_worker', ...OFFICE_ROLES] },
  { action: 'close', from: ['verified'], to: 'closed', roles: OFFICE_ROLES },
  { action: 'reject', from: OPEN_STATUSES, to: 'rejected', roles: OFFICE_ROLES, noteRequired: true },
  { action: 'reopen', from: ['resolved', 'verified', 'closed'], to: 'reopened', roles: OFFICE_ROLES, noteRequired: true },
  // A grid worker whose on-site check fails sends the case back instead of verifying it.
  { action: 'reopen', from: ['resolved'], to: 'reopened', roles: ['grid_worker'], noteRequired: true },
];

/** Rejection ends a case: no step leads out of it. */
export const REJECTED_FINAL = msg('案件已驳回，不能再变更', 'The case was rejected and cannot change');

/** Office hands the case to someone else without changing its status. */
const REASSIGN_FROM: readonly CaseStatus[] = ['assigned', 'in_progress'];

/** Whether from → to is an edge of the workflow at all, whoever does it. */
export const isLegalStep = (from: CaseStatus | null, to: CaseStatus): boolean =>
  CASE_RULES.some((r) => r.to === to && r.from.includes(from));

export type TransitionResult = { ok: true; case: CaseDoc; entry: CaseHistoryEntry } | { ok: false; reason: Msg };

export interface TransitionOptions {
  /** Required when moving to `assigned`. */
  assigneeId?: string;
  /** The tablet passes crypto.randomUUID(); otherwise a deterministic id is derived. */
  entryId?: string;
}

/** Checks one step; null when allowed. `assigneeId` is the case's assignee before the step. */
export function checkStep(
  from: CaseStatus | null,
  to: CaseStatus,
  by: Actor,
  currentAssignee: string | undefined,
  note: string | undefined,
  newAssignee: string | undefined,
): Msg | null {
  const fromLabel = from === null ? msg('（新）', '(new)') : STATUS_LABELS[from];
  if (from !== null && from === to) {
    if (to === 'assigned' || REASSIGN_FROM.includes(to)) {
      if (!OFFICE_ROLES.includes(by.role)) return msg('只有社区或物业办公人员可以改派', 'Only committee or property office staff may reassign a case');
      if (!newAssignee) return msg('改派需要指定处理人', 'Reassigning needs an assignee');
      return null;
    }
    return msg(`案件已是“${STATUS_LABELS[to].zh}”状态`, `The case is already ${STATUS_LABELS[to].en}`);
  }
  const edges = CASE_RULES.filter((r) => r.to === to && r.from.includes(from));
  if (edges.length === 0)
    return msg(
      `不能从“${fromLabel.zh}”变为“${STATUS_LABELS[to].zh}”`,
      `A case cannot go from ${fromLabel.en} to ${STATUS_LABELS[to].en}`,
    );
  const rule = edges.find((r) => r.roles.includes(by.role));
  if (rule === undefined)
    return msg(
      `当前角色无权将案件变为“${STATUS_LABELS[to].zh}”`,
      `Your role (${by.role}) may not move a case to ${STATUS_LABELS[to].en}`,
    );
  if (rule.assigneeOnly && FIELD_ROLES.includes(by.role) && currentAssignee !== by.userId)
    return msg('只有被指派的处理人可以执行此操作', 'Only the person the case is assigned to may do this');
  if (rule.noteRequired && !(note ?? '').trim())
    return msg('此操作需要填写原因', 'This step needs a reason');
  if (rule.needsAssignee && !newAssignee) return msg('派单需要指定处理人', 'Assigning needs an assignee');
  return null;
}

/** Applies one workflow step, returning the new case with its history entry, or why not. */
export function transition(
  c: CaseDoc,
  to: CaseStatus,
  by: Actor,
  at: number,
  note?: string,
  opts: TransitionOptions = {},
): TransitionResult {
  if (c.status === 'rejected') return { ok: false, reason: REJECTED_FINAL };
  const problem = checkStep(c.status, to, by, c.assigneeId, note, opts.assigneeId);
  if (problem !== null) return { ok: false, reason: problem };
  // Only assigning steps carry an assignee; elsewhere one passed by mistake is ignored.
  const assigneeId = to === 'assigned' || to === c.status ? opts.assigneeId : undefined;
  const entry: CaseHistoryEntry = {
    id: opts.entryId ?? hashUuid(`${c.id}|${c.history.length}|${at}|${by.userId}|${c.status}|${to}|${assigneeId ?? ''}`),
    at,
    by: by.userId,
    from: c.status,
    to,
    ...(note ? { note } : {}),
    ...(assigneeId ? { assigneeId } : {}),
  };
  const next: CaseDoc = {
    ...c,
    status: to,
    ...(assigneeId ? { assigneeId } : {}),
    history: [...c.history, entry],
  };
  return { ok: true, case: next, entry };
}

/** Office hands a case to a (new) assignee: reported/reopened become assigned; assigned/in_progress keep their status. */
export function assign(c: CaseDoc, assigneeId: string, by: Actor, at: number, note?: string, entryId?: string): TransitionResult {
  const to: CaseStatus = c.status === 'reported' || c.status === 'reopened' ? 'assigned' : c.status;
  return transition(c, to, by, at, note, { assigneeId, ...(entryId ? { entryId } : {}) });
}

export interface NewCaseInput {
  id: string;
  tenantId: string;
  kind: CaseDoc['kind'];
  title: string;
  description: string;
  location: CaseDoc['location'];
  photoIds?: string[];
  areaId?: string;
  dueAt?: number;
  entryId?: string;
}

/** A freshly reported case, with its first history entry. `updatedAt` is 0 until the server stamps it. */
export function reportCase(input: NewCaseInput, by: Actor, at: number): TransitionResult {
  const problem = checkStep(null, 'reported', by, undefined, undefined, undefined);
  if (problem !== null) return { ok: false, reason: problem };
  const entry: CaseHistoryEntry = { id: input.entryId ?? hashUuid(`${input.id}|report`), at, by: by.userId, from: null, to: 'reported' };
  const c: CaseDoc = {
    id: input.id,
    tenantId: input.tenantId,
    updatedAt: 0,
    kind: input.kind,
    title: input.title,
    description: input.description,
    location: input.location,
    photoIds: input.photoIds ?? [],
    status: 'reported',
    reportedBy: by.userId,
    reportedAt: at,
    history: [entry],
    comments: [],
    ...(input.areaId ? { areaId: input.areaId } : {}),
    ...(input.dueAt !== undefined ? { dueAt: input.dueAt } : {}),
  };
  return { ok: true, case: c, entry };
}

/**
 * Checks history entries a tablet added (oldest first) as a chain starting at `from`: each
 * step must be legal for the pushing actor and done by them. Returns the status the chain
 * ends in, or why it is refused.
 */
export function checkChain(
  from: CaseStatus | null,
  assignee: string | undefined,
  entries: readonly CaseHistoryEntry[],
  by: Actor,
):
  | { ok: true; status: CaseStatus | null; assigneeId: string | undefined }
  | { ok: false; code: 'forged_author' | 'workflow'; reason: Msg; entryId: string } {
  let status = from;
  let current = assignee;
  for (const e of [...entries].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))) {
    if (e.by !== by.userId)
      return { ok: false, code: 'forged_author', entryId: e.id, reason: msg('不能以他人名义记录办理步骤', 'A history entry cannot be recorded in someone else’s name') };
    if (e.from !== status)
      return {
        ok: false,
        code: 'workflow',
        entryId: e.id,
        reason: msg(
          `办理记录不连贯：案件当时是“${status === null ? '（新）' : STATUS_LABELS[status].zh}”`,
          `History does not follow on: the case was ${status === null ? '(new)' : STATUS_LABELS[status].en} at that step`,
        ),
      };
    const problem = checkStep(e.from, e.to, by, current, e.note, e.assigneeId);
    if (problem !== null) return { ok: false, code: 'workflow', entryId: e.id, reason: problem };
    status = e.to;
    if (e.assigneeId) current = e.assigneeId;
  }
  return { ok: true, status, assigneeId: current };
}

/**
 * Replays steps recorded elsewhere (oldest first) on a case that is now at `status`: each must be
 * a step `by` may take from where the case stands by then, and starts there (its `from` is
 * rewritten), so the history stays one causal chain. `assignee` is who may act on an assigned
 * case. Returns the rebased entries and the final status, or the first step that cannot follow.
 */
export function replaySteps(
  status: CaseStatus,
  assignee: string | undefined,
  entries: readonly CaseHistoryEntry[],
  by: Actor,
): { ok: true; status: CaseStatus; entries: CaseHistoryEntry[] } | { ok: false; reason: Msg; entryId: string } {
  const out: CaseHistoryEntry[] = [];
  for (const e of entries) {
    const problem = status === 'rejected' ? REJECTED_FINAL : checkStep(status, e.to, by, assignee, e.note, e.assigneeId);
    if (problem !== null) return { ok: false, reason: problem, entryId: e.id };
    out.push({ ...e, from: status });
    status = e.to;
    if (e.assigneeId) assignee = e.assigneeId;
  }
  return { ok: true, status, entries: out };
}

export const isOverdue = (c: Pick<CaseDoc, 'status' | 'dueAt'>, now: number): boolean =>
  c.dueAt !== undefined && OPEN_STATUSES.includes(c.status) && now > c.dueAt;
