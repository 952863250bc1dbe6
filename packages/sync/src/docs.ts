/**
 * The documents as they live on the tablet and travel over replication. Every one has a uuid
 * `id`, its `tenantId` and a server-assigned `updatedAt` (ms) that drives pull checkpoints.
 * `_deleted` is RxDB's own soft-delete flag and only appears on the wire.
 */
export interface BaseDoc {
  id: string;
  tenantId: string;
  updatedAt: number;
  _deleted?: boolean;
  /** Set by the server when the tablet's clock was far off: the client's own times, kept. */
  clientClock?: ClientClock;
}

export interface ClientClock {
  /** The tablet's clock when it pushed. */
  clientTime: number;
  /** clientTime − server time at the push. */
  skewMs: number;
  /** The tablet's original value of each time the server corrected, by path (`scans[<id>].at`). */
  original: Record<string, number>;
}

export type Method = 'qr' | 'manual';

export interface RouteCheckpoint {
  id: string;
  name: string;
  /** Content of the QR sticker at the point. */
  qrCode: string;
  order: number;
  /** Expected arrival after the run starts, and the grace before a scan counts as late. */
  offsetMin: number;
  toleranceMin: number;
  lng?: number;
  lat?: number;
}

export interface PatrolRouteDoc extends BaseDoc {
  name: string;
  areaId?: string;
  checkpoints: RouteCheckpoint[];
  active: boolean;
}

export interface Scan {
  id: string;
  checkpointId: string;
  at: number;
  method: Method;
  late: boolean;
  /** Why a point was checked manually (sticker damaged, …). */
  note?: string;
}

export type RunStatus = 'in_progress' | 'finished' | 'abandoned';

export interface PatrolRunDoc extends BaseDoc {
  routeId: string;
  workerId: string;
  areaId?: string;
  startedAt: number;
  finishedAt?: number;
  status: RunStatus;
  scans: Scan[];
  missedCheckpointIds: string[];
  note?: string;
}

export type TaskKind = 'maintenance' | 'inspection';
export type TaskStatus = 'pending' | 'in_progress' | 'done' | 'cancelled';
export type ChecklistResult = 'ok' | 'fault' | 'na';

export interface ChecklistItem {
  itemId: string;
  label: string;
  result?: ChecklistResult;
  note?: string;
  photoIds?: string[];
  checkedAt?: number;
  checkedBy?: string;
}

export interface TaskDoc extends BaseDoc {
  planId: string;
  kind: TaskKind;
  title: string;
  deviceId?: string;
  areaId?: string;
  assigneeId: string;
  dueAt: number;
  status: TaskStatus;
  checklist: ChecklistItem[];
  notes: string;
  photoIds: string[];
  startedAt?: number;
  completedAt?: number;
}

export type CaseKind = 'public_facility' | 'fire' | 'high_altitude_throwing' | 'group_renting' | 'environment';
export type CaseStatus =
  | 'reported'
  | 'assigned'
  | 'in_progress'
  | 'resolved'
  | 'verified'
  | 'closed'
  | 'rejected'
  | 'reopened';

export interface CaseLocation {
  buildingId?: string;
  unit?: string;
  householdId?: string;
  lng?: number;
  lat?: number;
}

export interface CaseHistoryEntry {
  id: string;
  at: number;
  by: string;
  /** null on the report itself. */
  from: CaseStatus | null;
  to: CaseStatus;
  note?: string;
  /** Present when the entry (re)assigns the case. */
  assigneeId?: string;
}

export interface CaseComment {
  id: string;
  at: number;
  by: string;
  text: string;
}

export interface CaseDoc extends BaseDoc {
  kind: CaseKind;
  title: string;
  description: string;
  areaId?: string;
  location: CaseLocation;
  photoIds: string[];
  status: CaseStatus;
  reportedBy: string;
  reportedAt: number;
  assigneeId?: string;
  dueAt?: number;
  history: CaseHistoryEntry[];
  comments: CaseComment[];
}

export type Occupancy = 'occupied' | 'vacant' | 'rented' | 'group_rented' | 'unknown';
export type VulnerableFlag = 'elderly_alone' | 'disabled' | 'left_behind_child' | 'serious_illness' | 'low_income';

export interface VisitDoc extends BaseDoc {
  householdId: string;
  areaId?: string;
  workerId: string;
  at: number;
  occupancy: Occupancy;
  residentsSeen?: number;
  notes: string;
  vulnerable: VulnerableFlag[];
  photoIds: string[];
}

export type PlaceKind = 'building' | 'unit' | 'household';

export interface PlaceDoc extends BaseDoc {
  kind: PlaceKind;
  parentId?: string;
  areaId?: string;
  /** Standard address code (R6.6.10). */
  addressCode?: string;
  name: string;
  lng?: number;
  lat?: number;
}

export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

export interface PhotoDoc extends BaseDoc {
  sha256: string;
  size: number;
  mime: PhotoMime;
  width: number;
  height: number;
  takenAt: number;
  takenBy: string;
  linkedCollection?: 'cases' | 'tasks' | 'visits' | 'patrol_runs';
  linkedId?: string;
  /** Set by the server once every byte arrived and the checksum matched. */
  uploaded: boolean;
  /**
   * Set by the server when the bytes it received failed the check (zh/en reason), so that every
   * tablet of the worker knows the photo is not simply waiting; cleared when good bytes arrive.
   */
  refused?: { zh: string; en: string };
}

export type ConflictStatus = 'open' | 'auto_resolved' | 'resolved';

export interface ConflictField {
  /** Top-level field, or `field[<key>]` for one entry of a keyed list. */
  path: string;
  base: unknown;
  server: unknown;
  tablet: unknown;
  /** open: the console must decide; server: the server's value was kept by rule. */
  resolution: 'open' | 'server';
  reason: { zh: string; en: string };
}

export interface ConflictDoc extends BaseDoc {
  collection: string;
  docId: string;
  status: ConflictStatus;
  fields: ConflictField[];
  assumedMaster: Record<string, unknown> | null;
  realMaster: Record<string, unknown>;
  newDoc: Record<string, unknown>;
  /** What the server kept. */
  merged: Record<string, unknown>;
  pushedBy?: string;
  /** Everyone whose work the conflict involves (a case step that clashed with another's): each sees it. */
  parties?: string[];
  resolvedBy?: string;
  resolvedAt?: number;
}
