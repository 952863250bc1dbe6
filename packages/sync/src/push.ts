import { msg, type Msg } from './bilingual';
import { isSkewed, reconcileClock, skewMessage, skewOf } from './clock';
import { COLLECTIONS, isCollectionName, type AnyDoc, type CollectionName } from './collections';
import type { CaseDoc, CaseHistoryEntry, PatrolRunDoc, TaskDoc } from './docs';
import { hashUuid, stableStringify, UUID_PATTERN } from './ids';
import type { Role } from './roles';
import { RUN_FLOW, TASK_FLOW, flowReachable } from './status-flows';
import { validateAgainst, type SchemaError } from './validate-schema';
import { checkChain } from './workflow';

export { checkPhotoChunk, resumeFrom, uploadPlan } from './upload';
export { verifyPhoto } from './photo';

type Obj = Record<string, unknown>;

/** One row as RxDB's push handler sends it, tagged with its collection. */
export interface PushRow {
  collection: string;
  assumedMasterState: Obj | null | undefined;
  newDocumentState: Obj;
}

export interface PushWorker {
  userId: string;
  role: Role;
  /** Tenants the worker's memberships grant. */
  tenantIds: readonly string[];
  /** Grid areas the worker is assigned to; absent = the whole tenant. */
  areaIds?: readonly string[];
}

export type RejectCode =
  | 'bad_batch'
  | 'unknown_collection'
  | 'schema'
  | 'read_only'
  | 'forged_tenant'
  | 'tenant_change'
  | 'forbidden_area'
  | 'not_owner'
  | 'not_creatable'
  | 'forged_author'
  | 'forged_base'
  | 'workflow'
  | 'delete_forbidden'
  | 'duplicate_row'
  /** The database refused a reference (another community's record, a person who may not do the work). */
  | 'reference'
  | 'unknown_place';

export interface AcceptedRow {
  index: number;
  collection: CollectionName;
  assumedMasterState: AnyDoc | null;
  /** The tablet's document, clock-reconciled, with `updatedAt` set to the server's now. */
  doc: AnyDoc;
  /** No server version exists (as far as the `master` lookup tells). */
  isNew: boolean;
}

export interface RejectedRow {
  index: number;
  collection: string;
  docId: string | null;
  code: RejectCode;
  message: Msg;
  row: PushRow;
  details?: SchemaError[];
}

export interface PushWarning {
  code: 'clock_skew' | 'replayed';
  message: Msg;
  skewMs?: number;
}

export interface PushValidation {
  batchId: string;
  /** True when this batch was applied before: nothing is to be written again. */
  replayed: boolean;
  accepted: AcceptedRow[];
  rejected: RejectedRow[];
  warnings: PushWarning[];
}

export interface PushInput {
  /** The tablet derives it from the rows (see batchIdFor), so a retry carries the same id. */
  batchId: string;
  /** The tablet's clock when it sent the batch. */
  clientTime: number;
  rows: readonly PushRow[];
  worker: PushWorker;
  now: number;
  /**
   * Whether the batch was applied before. Return the stored result to have it handed back
   * unchanged; `true` when only the fact is known.
   */
  seen: (batchId: string) => PushValidation | boolean | undefined;
  /** The server's current version of a document (prefetched by id), for ownership checks. */
  master?: (collection: CollectionName, id: string) => AnyDoc | undefined;
  /**
   * The grid area of a place or route on the server (null: none; undefined: no such place). When
   * given, a record's area is derived from it and whatever the tablet claimed is replaced.
   */
  areaOf?: (ref: AreaRef) => string | null | undefined;
}

/** What a record's grid area follows: the place it is about, or the route a patrol walks. */
export interface AreaRef {
  collection: 'places' | 'patrol_routes';
  tenantId: string;
  id: string;
}

/**
 * The place (or route) that decides a record's area: the household of a visit, the most precise
 * place of a case, the route of a patrol run. Null when the record names none (a case with GPS
 * only is community-wide); undefined for collections whose area is not derived this way.
 */
export function areaRefOf(collection: CollectionName, doc: Obj): AreaRef | null | undefined {
  const tenantId = str(doc.tenantId) ?? '';
  const ref = (c: AreaRef['collection'], id: string | undefined): AreaRef | null => (id ? { collection: c, tenantId, id } : null);
  if (collection === 'visits') return ref('places', str(doc.householdId));
  if (collection === 'patrol_runs') return ref('patrol_routes', str(doc.routeId));
  if (collection === 'cases') {
    const l = (doc.location ?? {}) as CaseDoc['location'];
    return ref('places', l.householdId ?? l.unit ?? l.buildingId);
  }
  return undefined;
}

/** Deterministic batch id: the same rows retried after a lost reply are recognised as the same batch. */
export const batchIdFor = (deviceId: string, rows: readonly PushRow[]): string => hashUuid(`batch|${deviceId}|${stableStringify(rows)}`);

const M = {
  badBatch: msg('批次编号无效', 'The batch id is not valid'),
  replayed: msg('该批次已处理过，返回上次结果，未重复写入', 'This batch was already applied; the earlier result is returned and nothing was written twice'),
  unknownCollection: (c: string) => msg(`未知的数据集 ${c}`, `Unknown collection ${c}`),
  notObject: msg('记录内容不是对象', 'The record is not an object'),
  schema: (n: number) => msg(`记录不符合格式要求（${n} 处）`, `The record does not match its schema (${n} problems)`),
  readOnly: (c: string) => msg(`“${c}”在平板上只读，不能提交修改`, `${c} is read-only on the tablet and cannot be pushed`),
  forgedTenant: msg('记录所属社区不在您的授权范围内', 'The record belongs to a community you have no access to'),
  tenantChange: msg('记录不能转到其他社区', 'A record cannot move to another community'),
  area: msg('记录所属网格不在您的负责范围内', 'The record is in a grid area you are not assigned to'),
  notOwner: msg('这是其他人的记录，不能修改', 'This record belongs to someone else and cannot be changed'),
  notCreatable: (c: string) => msg(`“${c}”只能由服务器生成，平板不能新建`, `${c} are created by the server; the tablet cannot create them`),
  forgedAuthor: msg('不能以他人名义提交评论或记录', 'Comments and entries cannot be submitted in someone else’s name'),
  forgedBase: msg('提交所依据的版本与服务器记录不符', 'The version this change is based on does not match the server’s record'),
  statusNoEntry: msg('状态变更缺少对应的办理记录', 'The status changed without a matching history entry'),
  taskFlow: (from: string, to: string) => msg(`任务不能从“${from}”变为“${to}”`, `A task cannot go from ${from} to ${to}`),
  taskCancel: msg('任务只能由办公端取消', 'Only the office can cancel a task'),
  runFlow: (from: string, to: string) => msg(`巡更不能从“${from}”变为“${to}”`, `A patrol run cannot go from ${from} to ${to}`),
  noDelete: (c: string) => msg(`“${c}”不能在平板上删除`, `${c} cannot be deleted from the tablet`),
  duplicateRow: msg('同一批次中重复提交了同一条记录', 'The same record appears twice in this batch'),
  unknownPlace: msg('记录所指的地点或巡更路线在服务器上不存在', 'The place or patrol route this record names does not exist on the server'),
};

class Rejection {
  constructor(
    readonly code: RejectCode,
    readonly message: Msg,
    readonly details?: SchemaError[],
  ) {}
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function checkOwnership(collection: CollectionName, doc: Obj, base: Obj | undefined, master: Obj | undefined, worker: PushWorker, masterKnown: boolean): Rejection | null {
  const spec = COLLECTIONS[collection];
  if (spec.tabletWrites === 'own') {
    const field = spec.ownerField;
    if (doc[field] !== worker.userId || (master !== undefined && master[field] !== worker.userId)) return new Rejection('not_owner', M.notOwner);
  }
  if (spec.tabletWrites === 'assigned') {
    const field = spec.ownerField;
    const existing = masterKnown ? master : base;
    if (existing === undefined) return new Rejection('not_creatable', M.notCreatable(collection));
    if (existing[field] !== worker.userId) return new Rejection('not_owner', M.notOwner);
  }
  return null;
}

/** Server-side truth for a case, or what the tablet claims it saw — checked against the truth. */
function checkCase(doc: CaseDoc, base: CaseDoc | undefined, master: CaseDoc | undefined, worker: PushWorker): Rejection | null {
  if (base !== undefined && master !== undefined) {
    // The tablet's steps are judged against what it saw, so that state must have existed.
    const statuses = new Set<string>([master.status, ...master.history.map((h) => h.to)]);
    const assignees = new Set<string | undefined>([master.assigneeId, ...master.history.map((h) => h.assigneeId)]);
    if (!statuses.has(base.status) || (base.assigneeId !== undefined && !assignees.has(base.assigneeId)))
      return new Rejection('forged_base', M.forgedBase);
  }
  const known = base ?? master;
  if (known === undefined && doc.reportedBy !== worker.userId) return new Rejection('forged_author', M.forgedAuthor);
  const knownEntries = new Set([...(known?.history ?? []), ...(master?.history ?? [])].map((h) => h.id));
  const added: CaseHistoryEntry[] = doc.history.filter((h) => !knownEntries.has(h.id));
  const knownComments = new Set([...(known?.comments ?? []), ...(master?.comments ?? [])].map((c) => c.id));
  if (doc.comments.some((c) => !knownComments.has(c.id) && c.by !== worker.userId)) return new Rejection('forged_author', M.forgedAuthor);
  const chain = checkChain(known?.status ?? null, known?.assigneeId, added, worker);
  if (!chain.ok) return new Rejection(chain.code, chain.reason);
  if (chain.status !== doc.status) return new Rejection('workflow', M.statusNoEntry);
  return null;
}

function checkFlows(collection: CollectionName, doc: Obj, base: Obj | undefined): Rejection | null {
  if (collection === 'tasks' && base !== undefined) {
    const from = (base as unknown as TaskDoc).status, to = (doc as unknown as TaskDoc).status;
    if (from !== to) {
      if (to === 'cancelled') return new Rejection('workflow', M.taskCancel);
      if (!flowReachable(TASK_FLOW, from, to)) return new Rejection('workflow', M.taskFlow(from, to));
    }
  }
  if (collection === 'patrol_runs' && base !== undefined) {
    const from = (base as unknown as PatrolRunDoc).status, to = (doc as unknown as PatrolRunDoc).status;
    if (from !== to && !flowReachable(RUN_FLOW, from, to)) return new Rejection('workflow', M.runFlow(from, to));
  }
  return null;
}

/**
 * Validates a push batch before anything is written: who may write what, in which tenant and
 * area, in which shape; recognises a replayed batch; reconciles a far-off tablet clock. Every
 * row ends up accepted or rejected with a bilingual message — none is dropped. Accepted rows
 * go on to `resolveConflict` (existing documents) or are inserted (new ones).
 */
export function validatePush(input: PushInput): PushValidation {
  const { batchId, worker, now, clientTime } = input;
  const previous = input.seen(batchId);
  if (previous !== undefined && previous !== false) {
    if (typeof previous === 'object') return { ...previous, replayed: true };
    return { batchId, replayed: true, accepted: [], rejected: [], warnings: [{ code: 'replayed', message: M.replayed }] };
  }

  const result: PushValidation = { batchId, replayed: false, accepted: [], rejected: [], warnings: [] };
  const reject = (index: number, row: PushRow, r: Rejection): void => {
    const id = str((row.newDocumentState as Obj | null)?.id) ?? null;
    result.rejected.push({ index, collection: row.collection, docId: id, code: r.code, message: r.message, row, ...(r.details ? { details: r.details } : {}) });
  };
  if (!new RegExp(UUID_PATTERN).test(batchId)) {
    input.rows.forEach((row, i) => reject(i, row, new Rejection('bad_batch', M.badBatch)));
    return result;
  }
  const skewed = Number.isFinite(clientTime) && isSkewed(clientTime, now);
  if (skewed) result.warnings.push({ code: 'clock_skew', message: skewMessage(skewOf(clientTime, now)), skewMs: skewOf(clientTime, now) });

  const seenRows = new Set<string>();
  input.rows.forEach((row, index) => {
    const r = checkRow(row, index);
    if (r instanceof Rejection) reject(index, row, r);
    else result.accepted.push(r);
  });
  return result;

  function checkRow(row: PushRow, index: number): AcceptedRow | Rejection {
    if (!isCollectionName(row.collection)) return new Rejection('unknown_collection', M.unknownCollection(row.collection));
    const collection = row.collection;
    const spec = COLLECTIONS[collection];
    const doc = row.newDocumentState;
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return new Rejection('schema', M.notObject);
    if (spec.tabletWrites === 'none') return new Rejection('read_only', M.readOnly(collection));

    const id = str(doc.id) ?? '';
    const rowKey = `${collection}:${id}`;
    if (seenRows.has(rowKey)) return new Rejection('duplicate_row', M.duplicateRow);
    seenRows.add(rowKey);

    // Tenant first: a forged tenant is the most serious finding, report it as such.
    const tenantId = str(doc.tenantId);
    if (tenantId === undefined || !worker.tenantIds.includes(tenantId)) return new Rejection('forged_tenant', M.forgedTenant);
    const base = row.assumedMasterState ?? undefined;
    const master = input.master?.(collection, id) as Obj | undefined;
    if (master !== undefined && !worker.tenantIds.includes(String(master.tenantId))) return new Rejection('forged_tenant', M.forgedTenant);
    if ((base !== undefined && base.tenantId !== tenantId) || (master !== undefined && master.tenantId !== tenantId))
      return new Rejection('tenant_change', M.tenantChange);

    // The server stamps updatedAt and clientClock; whatever the tablet sent there is replaced.
    const candidate: Obj = { ...doc, updatedAt: now };
    if (base?.clientClock !== undefined) candidate.clientClock = base.clientClock;
    else delete candidate.clientClock;
    const errors = validateAgainst(spec.schema, candidate);
    if (errors.length > 0) return new Rejection('schema', M.schema(errors.length), errors);

    // The area follows the place, on the server: a tablet cannot leave it out (and so escape the
    // area rules) or claim another. A patrol run keeps the area it started with (server-owned).
    const ref = input.areaOf ? areaRefOf(collection, candidate) : undefined;
    if (ref !== undefined) {
      const area = collection === 'patrol_runs' && master !== undefined ? str(master.areaId) ?? null : ref === null ? null : input.areaOf!(ref);
      if (area === undefined) return new Rejection('unknown_place', M.unknownPlace);
      if (area === null) delete candidate.areaId;
      else candidate.areaId = area;
    }
    if (worker.areaIds !== undefined) {
      const areas = [candidate.areaId, master?.areaId].filter((a): a is string => typeof a === 'string');
      if (areas.some((a) => !worker.areaIds?.includes(a))) return new Rejection('forbidden_area', M.area);
    }
    const masterKnown = input.master !== undefined;
    const owner = checkOwnership(collection, candidate, base, master, worker, masterKnown);
    if (owner !== null) return owner;
    if (candidate._deleted === true && !spec.tabletDeletes) return new Rejection('delete_forbidden', M.noDelete(collection));
    if (collection === 'cases') {
      const c = checkCase(candidate as unknown as CaseDoc, base as unknown as CaseDoc | undefined, master as unknown as CaseDoc | undefined, worker);
      if (c !== null) return c;
    }
    // Judged from what the tablet saw: an office change in between is the merge's business.
    const flow = checkFlows(collection, candidate, base ?? master);
    if (flow !== null) return flow;

    const reconciled = skewed ? reconcileClock(collection, candidate as { clientClock?: never }, base as never, clientTime, now).doc : candidate;
    return {
      index,
      collection,
      assumedMasterState: (base ?? null) as AnyDoc | null,
      doc: reconciled as unknown as AnyDoc,
      isNew: masterKnown ? master === undefined : base === undefined,
    };
  }
}
