import type { CollectionName } from './collections';
import { RUN_FLOW, TASK_FLOW, flowReachable, flowStep, type Flow } from './status-flows';

/**
 * How one field is merged when the tablet pushes against a server document that moved on.
 * "changed" always means: differs from the assumed master (the common base).
 */
export type FieldRule =
  /** Never changes after creation: a different tablet value is an open conflict. */
  | { kind: 'immutable' }
  /** Server-assigned (updatedAt): the tablet's value is ignored. */
  | { kind: 'stamp' }
  /** The server's clock reconciliation note: the newest one wins, originals are merged. */
  | { kind: 'clock' }
  /** Office data the tablet must not edit (plan, due time): the server keeps its value, the tablet's is recorded. */
  | { kind: 'server_owned' }
  /** Changed on both sides to different values: open conflict. */
  | { kind: 'scalar' }
  /** Changed on both sides: the server (the office) wins, the tablet's value is recorded. */
  | { kind: 'office' }
  /** Free text: a prefix-extension of the other side wins; otherwise open conflict. */
  | { kind: 'text' }
  /** A workflow status: the state further along a legal path wins; otherwise open conflict. */
  | { kind: 'status'; step: (from: string, to: string) => boolean; reach: (from: string, to: string) => boolean }
  | { kind: 'min' }
  | { kind: 'max' }
  /**
   * A list of entries keyed by `key`, unioned (never dropping one), ordered by `time` then key
   * (or the server's order then the tablet's additions). With `fields`, entries changed on both
   * sides are merged field by field; without, such an entry is an open conflict.
   * `appendOnly`: the tablet may add entries but not edit old ones.
   */
  | { kind: 'entries'; key: string; time?: string; appendOnly: boolean; fields?: Rules }
  /** A list of ids that only grows (photos): union; a tablet removal is an open conflict. */
  | { kind: 'id_set' }
  /** A set of flags either side may add or remove: each flag follows the side that changed it. */
  | { kind: 'flag_set' }
  /**
   * A case's status and history, merged together by `mergeCaseWorkflow` (merge-workflow.ts): the
   * tablet's steps are replayed on the server's status under the workflow's role rules.
   */
  | { kind: 'workflow' };

export type Rules = Record<string, FieldRule>;

const statusRule = <S extends string>(flow: Flow<S>): FieldRule => ({
  kind: 'status',
  step: (a, b) => flowStep(flow, a as S, b as S),
  reach: (a, b) => flowReachable(flow, a as S, b as S),
});

const base: Rules = {
  id: { kind: 'immutable' },
  tenantId: { kind: 'immutable' },
  updatedAt: { kind: 'stamp' },
  clientClock: { kind: 'clock' },
  _deleted: { kind: 'scalar' },
};

export const RECORD_RULES = {
  cases: {
    ...base,
    kind: { kind: 'scalar' },
    title: { kind: 'text' },
    description: { kind: 'text' },
    areaId: { kind: 'scalar' },
    location: { kind: 'scalar' },
    photoIds: { kind: 'id_set' },
    status: { kind: 'workflow' },
    reportedBy: { kind: 'immutable' },
    reportedAt: { kind: 'immutable' },
    // Assignment and deadlines are the office's call.
    assigneeId: { kind: 'office' },
    dueAt: { kind: 'office' },
    history: { kind: 'workflow' },
    comments: { kind: 'entries', key: 'id', time: 'at', appendOnly: true },
  },
  tasks: {
    ...base,
    planId: { kind: 'server_owned' },
    kind: { kind: 'server_owned' },
    title: { kind: 'server_owned' },
    deviceId: { kind: 'server_owned' },
    areaId: { kind: 'server_owned' },
    assigneeId: { kind: 'server_owned' },
    dueAt: { kind: 'server_owned' },
    status: statusRule(TASK_FLOW),
    checklist: {
      kind: 'entries',
      key: 'itemId',
      appendOnly: false,
      fields: {
        itemId: { kind: 'immutable' },
        label: { kind: 'server_owned' },
        result: { kind: 'scalar' },
        note: { kind: 'text' },
        photoIds: { kind: 'id_set' },
        checkedAt: { kind: 'max' },
        checkedBy: { kind: 'office' },
      },
    },
    notes: { kind: 'text' },
    photoIds: { kind: 'id_set' },
    startedAt: { kind: 'min' },
    completedAt: { kind: 'max' },
  },
  visits: {
    ...base,
    householdId: { kind: 'scalar' },
    areaId: { kind: 'scalar' },
    workerId: { kind: 'immutable' },
    at: { kind: 'scalar' },
    occupancy: { kind: 'scalar' },
    residentsSeen: { kind: 'scalar' },
    notes: { kind: 'text' },
    vulnerable: { kind: 'flag_set' },
    photoIds: { kind: 'id_set' },
  },
  patrol_runs: {
    ...base,
    routeId: { kind: 'immutable' },
    workerId: { kind: 'immutable' },
    areaId: { kind: 'server_owned' },
    startedAt: { kind: 'min' },
    finishedAt: { kind: 'max' },
    status: statusRule(RUN_FLOW),
    scans: { kind: 'entries', key: 'id', time: 'at', appendOnly: true },
    missedCheckpointIds: { kind: 'flag_set' },
    note: { kind: 'text' },
  },
  photos: {
    ...base,
    sha256: { kind: 'immutable' },
    size: { kind: 'immutable' },
    mime: { kind: 'immutable' },
    width: { kind: 'immutable' },
    height: { kind: 'immutable' },
    takenAt: { kind: 'immutable' },
    takenBy: { kind: 'immutable' },
    linkedCollection: { kind: 'scalar' },
    linkedId: { kind: 'scalar' },
    // Only the server knows when every byte has arrived, or that the bytes were refused.
    uploaded: { kind: 'server_owned' },
    refused: { kind: 'server_owned' },
  },
} as const satisfies Partial<Record<CollectionName, Rules>>;

export type MergeableCollection = keyof typeof RECORD_RULES;

export const rulesFor = (collection: CollectionName): Rules | null =>
  (RECORD_RULES as Partial<Record<CollectionName, Rules>>)[collection] ?? null;
