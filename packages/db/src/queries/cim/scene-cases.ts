import { OPEN_STATUSES, type CaseDoc } from '@linli/sync';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../client';
import { buildings, fieldCases } from '../../schema';
import { isUuid } from '../../scope';

export interface SceneCase {
  id: string;
  kind: CaseDoc['kind'];
  title: string;
  status: CaseDoc['status'];
  overdue: boolean;
  /** The reporter's GPS fix, else null (the scene then pins the case on its building). */
  lng: number | null;
  lat: number | null;
  buildingCode: string | null;
}

/**
 * Open hazard cases (R6.5) for the community scene: where each was reported, so the office sees
 * where hazards cluster. The tablet's GPS wins; a case without one sits on the building picked.
 */
export async function sceneCases(tx: Executor, now = Date.now()): Promise<SceneCase[]> {
  const rows = await tx
    .select({ doc: fieldCases.doc, dueAt: fieldCases.dueAt })
    .from(fieldCases)
    .where(and(eq(fieldCases.deleted, false), inArray(fieldCases.status, [...OPEN_STATUSES])));
  const docs = rows.map((r) => ({ doc: r.doc as unknown as CaseDoc, dueAt: r.dueAt }));
  const ids = [...new Set(docs.map((d) => d.doc.location?.buildingId).filter((x): x is string => !!x && isUuid(x)))];
  const codes = ids.length ? await tx.select({ id: buildings.id, code: buildings.code }).from(buildings).where(inArray(buildings.id, ids)) : [];
  const codeOf = new Map(codes.map((b) => [b.id, b.code]));
  return docs.map(({ doc, dueAt }) => {
    const { lng, lat } = doc.location ?? {};
    const located = typeof lng === 'number' && typeof lat === 'number' && Number.isFinite(lng) && Number.isFinite(lat);
    return {
      id: doc.id,
      kind: doc.kind,
      title: doc.title,
      status: doc.status,
      overdue: dueAt !== null && dueAt < now,
      lng: located ? lng : null,
      lat: located ? lat : null,
      buildingCode: doc.location?.buildingId ? (codeOf.get(doc.location.buildingId) ?? null) : null,
    };
  });
}
