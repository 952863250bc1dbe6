import { addressCode, parseAddressCode } from '@linli/cim';
import { and, asc, eq, sql } from 'drizzle-orm';
import { hashUuid, jsonEqual, type PlaceDoc } from '@linli/sync';
import { appendAudit, type AuditActor } from '../../audit';
import type { Executor } from '../../client';
import { buildings, fieldAreas, fieldPlaces, households } from '../../schema';
import { notifyFieldChanges } from './notify';
import { columnsOf, reserveStamps } from './tables';

const sqlExcluded = (col: string) => sql.raw(`excluded.${col}`);

/** Unit places have no row of their own in the registry: their id derives from building + unit. */
export const unitPlaceId = (tenantId: string, buildingId: string, unit: number) => hashUuid(`place-unit|${tenantId}|${buildingId}|${unit}`);

/**
 * Refreshes the tablet's location pickers (buildings → units → households, R6.6.10 address codes)
 * from the building registry and the grid areas. Only places that changed get a new stamp, so
 * running it again costs the tablets nothing. Returns how many places were written.
 */
export async function syncPlaces(tx: Executor, params: { tenantId: string; actor: AuditActor; now?: number }): Promise<number> {
  const { tenantId } = params;
  const now = params.now ?? Date.now();
  const areas = await tx.select({ id: fieldAreas.id, buildingIds: fieldAreas.buildingIds }).from(fieldAreas).where(eq(fieldAreas.tenantId, tenantId));
  const areaOf = new Map<string, string>();
  for (const a of areas) for (const b of a.buildingIds) if (!areaOf.has(b)) areaOf.set(b, a.id);
  const blds = await tx.select().from(buildings).where(eq(buildings.tenantId, tenantId)).orderBy(asc(buildings.code));
  const hhs = await tx.select().from(households).where(eq(households.tenantId, tenantId)).orderBy(asc(households.buildingId), asc(households.unit), asc(households.room));

  const wanted: Omit<PlaceDoc, 'updatedAt'>[] = [];
  const base = (areaId: string | undefined) => (areaId ? { areaId } : {});
  // The registry's standard address codes (R6.6.10a) when the CIM import has given them; the
  // registry's own building code otherwise (a community not yet imported).
  const codeOf = new Map(blds.map((b) => [b.id, b.code]));
  const unitCode = (b: (typeof blds)[number], u: number) => (b.addressCode ? unitAddress(b.addressCode, u) : `${b.code}-${u}`);
  for (const b of blds) {
    wanted.push({ id: b.id, tenantId, kind: 'building', name: b.name, addressCode: b.addressCode ?? b.code, ...base(areaOf.get(b.id)) });
    for (let u = 1; u <= b.unitCount; u++)
      wanted.push({ id: unitPlaceId(tenantId, b.id, u), tenantId, kind: 'unit', parentId: b.id, name: `${u}单元`, addressCode: unitCode(b, u), ...base(areaOf.get(b.id)) });
  }
  for (const h of hhs)
    wanted.push({
      id: h.id,
      tenantId,
      kind: 'household',
      parentId: unitPlaceId(tenantId, h.buildingId, h.unit),
      name: h.room,
      addressCode: h.addressCode ?? `${codeOf.get(h.buildingId) ?? ''}-${h.unit}-${h.room}`,
      ...base(areaOf.get(h.buildingId)),
    });

  const existing = new Map((await tx.select({ id: fieldPlaces.id, doc: fieldPlaces.doc }).from(fieldPlaces).where(and(eq(fieldPlaces.tenantId, tenantId)))).map((r) => [r.id, r.doc]));
  const changed = wanted.filter((w) => {
    const e = existing.get(w.id);
    if (!e) return true;
    const { updatedAt: _u, ...rest } = e as Record<string, unknown>;
    return !jsonEqual(rest, w);
  });
  if (changed.length === 0) return 0;
  const stamps = await reserveStamps(tx, changed.length, now);
  for (let i = 0; i < changed.length; i += 500) {
    const rows = changed.slice(i, i + 500).map((w, j) => {
      const doc = { ...w, updatedAt: stamps[i + j]! } as PlaceDoc;
      return { tenantId, id: doc.id, updatedAt: doc.updatedAt, ...columnsOf('places', doc as never), deleted: false, doc: doc as never };
    });
    await tx
      .insert(fieldPlaces)
      .values(rows)
      .onConflictDoUpdate({ target: [fieldPlaces.tenantId, fieldPlaces.id], set: { updatedAt: sqlExcluded('updated_at'), areaId: sqlExcluded('area_id'), refId: sqlExcluded('ref_id'), doc: sqlExcluded('doc') } });
  }
  const last = stamps[stamps.length - 1]!;
  await notifyFieldChanges(tx, [{ tenantId, collection: 'places', updatedAt: last, id: changed[changed.length - 1]!.id }]);
  await appendAudit(tx, params.actor, { action: 'field.places.sync', tenantId, targetType: 'places', summary: `${changed.length} places refreshed` });
  return changed.length;
}

/** The unit's standard address below its building's (`…-B05` → `…-B05-U01`). */
function unitAddress(buildingAddress: string, unit: number): string {
  return addressCode({ ...parseAddressCode(buildingAddress), unit });
}
