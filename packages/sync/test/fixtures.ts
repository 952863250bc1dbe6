import type { CaseDoc, PatrolRouteDoc, PatrolRunDoc, PhotoDoc, PlaceDoc, TaskDoc, VisitDoc } from '../src/docs';
import { hashUuid } from '../src/ids';
import type { Actor } from '../src/roles';

/** A stable uuid per name, so tests read as words. */
export const uid = (name: string): string => hashUuid(`test|${name}`);

export const T1 = uid('tenant-1');
export const T2 = uid('tenant-2');
export const AREA1 = uid('area-1');
export const AREA2 = uid('area-2');

export const WORKER: Actor = { userId: uid('worker-wang'), role: 'grid_worker' };
export const OTHER_WORKER: Actor = { userId: uid('worker-li'), role: 'grid_worker' };
export const TECH: Actor = { userId: uid('tech-zhao'), role: 'technician' };
export const OFFICE: Actor = { userId: uid('office-chen'), role: 'committee_staff' };
export const PROPERTY: Actor = { userId: uid('property-sun'), role: 'property_admin' };

export const T0 = Date.UTC(2025, 5, 1, 8, 0, 0);
export const MIN = 60_000;

/** mulberry32: a small seeded PRNG so property tests replay exactly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const clone = <T>(v: T): T => structuredClone(v);

export function aCase(over: Partial<CaseDoc> = {}): CaseDoc {
  const id = over.id ?? uid('case-1');
  return {
    id,
    tenantId: T1,
    updatedAt: T0,
    kind: 'public_facility',
    title: '3号楼路灯不亮',
    description: '3号楼东侧路灯',
    areaId: AREA1,
    location: { buildingId: uid('building-3') },
    photoIds: [],
    status: 'reported',
    reportedBy: WORKER.userId,
    reportedAt: T0,
    history: [{ id: uid(`${id}-h0`), at: T0, by: WORKER.userId, from: null, to: 'reported' }],
    comments: [],
    ...over,
  };
}

export function aTask(over: Partial<TaskDoc> = {}): TaskDoc {
  return {
    id: uid('task-1'),
    tenantId: T1,
    updatedAt: T0,
    planId: uid('plan-1'),
    kind: 'inspection',
    title: '消防栓月度巡检',
    areaId: AREA1,
    assigneeId: TECH.userId,
    dueAt: T0 + 24 * 60 * MIN,
    status: 'pending',
    checklist: [
      { itemId: 'pressure', label: '水压正常' },
      { itemId: 'valve', label: '阀门无锈蚀' },
      { itemId: 'hose', label: '水带完好' },
    ],
    notes: '',
    photoIds: [],
    ...over,
  };
}

export function aVisit(over: Partial<VisitDoc> = {}): VisitDoc {
  return {
    id: uid('visit-1'),
    tenantId: T1,
    updatedAt: T0,
    householdId: uid('household-301'),
    areaId: AREA1,
    workerId: WORKER.userId,
    at: T0,
    occupancy: 'occupied',
    notes: '',
    vulnerable: [],
    photoIds: [],
    ...over,
  };
}

export function aRoute(over: Partial<PatrolRouteDoc> = {}): PatrolRouteDoc {
  return {
    id: uid('route-1'),
    tenantId: T1,
    updatedAt: T0,
    name: '夜间东区巡更',
    areaId: AREA1,
    active: true,
    checkpoints: [
      { id: uid('cp-a'), name: '东门', qrCode: 'LINLI:CP:A', order: 0, offsetMin: 0, toleranceMin: 5 },
      { id: uid('cp-b'), name: '3号楼', qrCode: 'LINLI:CP:B', order: 1, offsetMin: 10, toleranceMin: 5 },
      { id: uid('cp-c'), name: '地库', qrCode: 'LINLI:CP:C', order: 2, offsetMin: 20, toleranceMin: 5 },
    ],
    ...over,
  };
}

export function aRun(over: Partial<PatrolRunDoc> = {}): PatrolRunDoc {
  return {
    id: uid('run-1'),
    tenantId: T1,
    updatedAt: T0,
    routeId: uid('route-1'),
    workerId: WORKER.userId,
    areaId: AREA1,
    startedAt: T0,
    status: 'in_progress',
    scans: [],
    missedCheckpointIds: [],
    ...over,
  };
}

export function aPlace(over: Partial<PlaceDoc> = {}): PlaceDoc {
  return { id: uid('building-3'), tenantId: T1, updatedAt: T0, kind: 'building', areaId: AREA1, name: '3号楼', ...over };
}

export function aPhoto(over: Partial<PhotoDoc> = {}): PhotoDoc {
  return {
    id: uid('photo-1'),
    tenantId: T1,
    updatedAt: T0,
    sha256: 'a'.repeat(64),
    size: 120_000,
    mime: 'image/jpeg',
    width: 1280,
    height: 960,
    takenAt: T0,
    takenBy: WORKER.userId,
    uploaded: false,
    ...over,
  };
}
