import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Occupancy, VisitDoc, VulnerableFlag } from '@linli/sync';
import type { Executor } from '../../client';
import { fieldPlaces, fieldVisits } from '../../schema';
import { offsetOf, type PageInput } from '../paging';
import { namesOf } from './people';
import { isUuid } from '../../scope';

export const VULNERABLE_FLAGS = ['elderly_alone', 'disabled', 'left_behind_child', 'serious_illness', 'low_income'] as const satisfies readonly VulnerableFlag[];
export const OCCUPANCIES = ['occupied', 'vacant', 'rented', 'group_rented', 'unknown'] as const satisfies readonly Occupancy[];

/** Where a household is: its address code and the building/unit/room names. */
async function addressOf(tx: Executor, householdIds: string[]) {
  const ids = [...new Set(householdIds)].filter((x) => isUuid(x));
  if (!ids.length) return new Map<string, string>();
  const rows = await tx.select({ id: fieldPlaces.id, code: sql<string>`${fieldPlaces.doc}->>'addressCode'` }).from(fieldPlaces).where(inArray(fieldPlaces.id, ids));
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** Household visits (走访), newest first, filtered by flag or occupancy. */
export async function listVisits(tx: Executor, f: PageInput & { flag?: VulnerableFlag; occupancy?: Occupancy; householdId?: string }) {
  const conds: (SQL | undefined)[] = [eq(fieldVisits.deleted, false)];
  if (f.flag) conds.push(sql`${fieldVisits.doc}->'vulnerable' ? ${f.flag}`);
  if (f.occupancy) conds.push(eq(fieldVisits.status, f.occupancy));
  if (f.householdId) conds.push(eq(fieldVisits.refId, f.householdId));
  const where = and(...conds);
  const rows = await tx.select({ doc: fieldVisits.doc }).from(fieldVisits).where(where).orderBy(desc(sql`(${fieldVisits.doc}->>'at')::bigint`)).limit(f.pageSize).offset(offsetOf(f));
  const [{ total }] = (await tx.select({ total: sql<number>`count(*)::int` }).from(fieldVisits).where(where)) as [{ total: number }];
  const docs = rows.map((r) => r.doc as unknown as VisitDoc);
  const address = await addressOf(tx, docs.map((d) => d.householdId));
  const names = await namesOf(tx, docs.map((d) => d.workerId));
  return {
    items: docs.map((d) => ({ id: d.id, householdId: d.householdId, address: address.get(d.householdId) ?? '', workerId: d.workerId, at: d.at, occupancy: d.occupancy, residentsSeen: d.residentsSeen ?? null, notes: d.notes, vulnerable: d.vulnerable, photos: d.photoIds.length })),
    names,
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}

/**
 * Households whose latest visit flags a vulnerable resident (elderly living alone…): the list
 * the committee follows up, with how long since the last visit.
 */
export async function vulnerableHouseholds(tx: Executor, params: { now?: number } = {}) {
  const now = params.now ?? Date.now();
  const rows = await tx.execute<{ household_id: string; doc: VisitDoc }>(sql`
    select distinct on (ref_id) ref_id as household_id, doc from field_visits
     where not deleted order by ref_id, (doc->>'at')::bigint desc`);
  const latest = rows.map((r) => r.doc).filter((d) => d.vulnerable.length > 0);
  const address = await addressOf(tx, latest.map((d) => d.householdId));
  const names = await namesOf(tx, latest.map((d) => d.workerId));
  const byFlag = Object.fromEntries(VULNERABLE_FLAGS.map((f) => [f, latest.filter((d) => d.vulnerable.includes(f)).length]));
  return {
    items: latest
      .map((d) => ({ householdId: d.householdId, address: address.get(d.householdId) ?? '', flags: d.vulnerable, lastVisitAt: d.at, daysSince: Math.floor((now - d.at) / 86_400_000), workerId: d.workerId, notes: d.notes, occupancy: d.occupancy }))
      .sort((a, b) => b.daysSince - a.daysSince),
    byFlag,
    names,
  };
}
