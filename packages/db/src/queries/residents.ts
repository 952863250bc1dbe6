import { and, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import { blindIndex, decryptField, encryptField, mask, validateChineseIdNumber, type FieldKeys } from '@linli/security';
import type { Executor } from '../client';
import { appendAudit, type AuditActor } from '../audit';
import { AppError, msg } from '../errors';
import { auditLog, buildings, households, residents, RESIDENT_CATEGORIES } from '../schema';
import { likePattern, offsetOf, type PageInput } from './paging';

export type ResidentCategory = (typeof RESIDENT_CATEGORIES)[number];

export interface ResidentView {
  id: string;
  name: string;
  phone: string | null;
  idNumber: string | null;
  category: ResidentCategory;
  householdId: string | null;
  /** The household's building, so an edit form can preselect it (not personal data). */
  buildingId: string | null;
  address: string | null;
  masked: boolean;
}

const ID_LIKE = /^\d{17}[\dXx]$/;
const PHONE_LIKE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
/** Identifier searches a role without `residents.pii` may make per hour (each is audited). */
export const IDENTIFIER_SEARCHES_PER_HOUR = 60;

/**
 * Who may search by what (issue #9.4). A role that sees personal data only masked must not
 * recover it by searching: substrings of a name or phone would confirm one character at a time
 * what the mask hides. Such a role finds a person only by the whole identifier (whole phone,
 * whole name, whole ID number through its blind index) or by the building; each search by
 * phone or ID number is audited and limited per hour. A role with `residents.pii` searches freely.
 */
function residentFilter(keys: FieldKeys, mayIdentify: boolean, search?: string, category?: ResidentCategory): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (category) parts.push(eq(residents.category, category));
  if (search) {
    const q = search.trim();
    // Full ID numbers are found through the blind index: the stored value stays encrypted.
    if (ID_LIKE.test(q)) parts.push(eq(residents.idNumberBidx, blindIndex(q, keys.idx)));
    else if (mayIdentify) parts.push(or(ilike(residents.name, likePattern(q)), ilike(residents.phone, likePattern(q)), ilike(buildings.name, likePattern(q))));
    else if (PHONE_LIKE.test(q)) parts.push(eq(residents.phone, q));
    else parts.push(or(eq(residents.name, q), ilike(buildings.name, likePattern(q))));
  }
  const present = parts.filter(Boolean) as SQL[];
  return present.length ? and(...present) : undefined;
}

const isIdentifier = (search: string) => ID_LIKE.test(search.trim()) || PHONE_LIKE.test(search.trim());

/** Audits a masked role's identifier search and refuses it past the hourly limit. */
async function guardIdentifierSearch(tx: Executor, params: { tenantId: string; search: string; actor: AuditActor }) {
  const [{ n }] = (await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'residents.identifier_search'), eq(auditLog.actorUserId, params.actor.userId ?? '00000000-0000-0000-0000-000000000000'), gt(auditLog.at, sql`now() - interval '1 hour'`)))) as [{ n: number }];
  if (n >= IDENTIFIER_SEARCHES_PER_HOUR) {
    throw new AppError('TOO_MANY_REQUESTS', msg(`按身份信息查找过于频繁（每小时最多 ${IDENTIFIER_SEARCHES_PER_HOUR} 次），请稍后再试`, `Too many searches by personal identifiers (at most ${IDENTIFIER_SEARCHES_PER_HOUR} an hour); try again later`));
  }
  const q = params.search.trim();
  const kind = ID_LIKE.test(q) ? 'id_number' : 'phone';
  // Not even a digest of the term: a phone with four hidden digits is quickly brute-forced.
  await appendAudit(tx, params.actor, { action: 'residents.identifier_search', tenantId: params.tenantId, targetType: 'resident', summary: `search by ${kind}` });
}

function view(row: RawResident, keys: FieldKeys, full: boolean): ResidentView {
  const idNumber = row.idNumberEnc ? decryptField(row.idNumberEnc, keys.enc) : null;
  const address = row.buildingName ? `${row.buildingName} ${row.unit}单元 ${row.room}室` : null;
  return {
    id: row.id,
    name: full ? row.name : mask('name', row.name),
    phone: full ? row.phone : mask('phone', row.phone) ?? null,
    idNumber: full ? idNumber : mask('idNumber', idNumber) ?? null,
    category: row.category,
    householdId: row.householdId,
    buildingId: row.buildingId,
    address: full ? address : mask('address', address) ?? null,
    masked: !full,
  };
}

type RawResident = Awaited<ReturnType<typeof selectResidents>>[number];

function selectResidents(tx: Executor) {
  return tx
    .select({
      id: residents.id,
      name: residents.name,
      phone: residents.phone,
      idNumberEnc: residents.idNumberEnc,
      category: residents.category,
      householdId: residents.householdId,
      buildingId: buildings.id,
      buildingName: buildings.name,
      unit: households.unit,
      room: households.room,
    })
    .from(residents)
    .leftJoin(households, and(eq(households.tenantId, residents.tenantId), eq(households.id, residents.householdId)))
    .leftJoin(buildings, and(eq(buildings.tenantId, households.tenantId), eq(buildings.id, households.buildingId)));
}

/**
 * Population list (R6.6.9). Masked unless the caller may and asks to see full values; a full
 * read is audited in the same transaction (R6.8.1.3).
 */
export async function listResidents(
  tx: Executor,
  keys: FieldKeys,
  params: PageInput & { tenantId: string; search?: string; category?: ResidentCategory; full: boolean; mayIdentify: boolean; actor: AuditActor },
) {
  if (params.search && !params.mayIdentify && isIdentifier(params.search)) await guardIdentifierSearch(tx, { tenantId: params.tenantId, search: params.search, actor: params.actor });
  const filter = residentFilter(keys, params.mayIdentify, params.search, params.category);
  const rows = await selectResidents(tx).where(filter).orderBy(asc(buildings.code), asc(households.unit), asc(households.room), asc(residents.name)).limit(params.pageSize).offset(offsetOf(params));
  const [{ total }] = (await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(residents)
    .leftJoin(households, and(eq(households.tenantId, residents.tenantId), eq(households.id, residents.householdId)))
    .leftJoin(buildings, and(eq(buildings.tenantId, households.tenantId), eq(buildings.id, households.buildingId)))
    .where(filter)) as [{ total: number }];
  if (params.full && rows.length) {
    await appendAudit(tx, params.actor, {
      action: 'residents.pii_read',
      tenantId: params.tenantId,
      targetType: 'resident',
      targetId: rows.length === 1 ? rows[0]!.id : undefined,
      summary: `full personal data of ${rows.length} resident(s), page ${params.page}`,
      after: rows.map((r) => r.id),
    });
  }
  return { items: rows.map((r) => view(r, keys, params.full)), total, page: params.page, pageSize: params.pageSize };
}

export async function revealResident(tx: Executor, keys: FieldKeys, params: { tenantId: string; residentId: string; actor: AuditActor }) {
  const [row] = await selectResidents(tx).where(eq(residents.id, params.residentId));
  if (!row) throw new AppError('NOT_FOUND', msg('未找到该居民', 'Resident not found'));
  await appendAudit(tx, params.actor, { action: 'residents.pii_read', tenantId: params.tenantId, targetType: 'resident', targetId: row.id, summary: 'full personal data of 1 resident' });
  return view(row, keys, true);
}

export interface ResidentInput {
  name: string;
  idNumber?: string | null;
  phone?: string | null;
  category: ResidentCategory;
  householdId?: string | null;
}

function validateResident(input: ResidentInput) {
  const fieldErrors: Record<string, { zh: string; en: string }> = {};
  if (!input.name.trim()) fieldErrors.name = msg('请填写姓名', 'Name is required');
  if (input.idNumber) {
    const v = validateChineseIdNumber(input.idNumber);
    if (!v.ok) fieldErrors.idNumber = v.reason;
  }
  if (input.phone && !/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/.test(input.phone)) {
    fieldErrors.phone = msg('请输入有效的手机号或座机号', 'Enter a valid mobile or landline number');
  }
  const first = Object.values(fieldErrors)[0];
  if (first) throw new AppError('BAD_REQUEST', first, { fieldErrors });
}

async function assertHousehold(tx: Executor, householdId: string | null | undefined) {
  if (!householdId) return;
  // RLS hides other tenants' households, so a foreign id simply is not found here.
  const [h] = await tx.select({ id: households.id }).from(households).where(eq(households.id, householdId));
  if (!h) throw new AppError('BAD_REQUEST', msg('所选房屋不存在', 'The selected household does not exist'), { fieldErrors: { householdId: msg('所选房屋不存在', 'The selected household does not exist') } });
}

async function assertUniqueIdNumber(tx: Executor, bidx: string, exceptId?: string) {
  const [dupe] = await tx.select({ id: residents.id }).from(residents).where(eq(residents.idNumberBidx, bidx));
  if (dupe && dupe.id !== exceptId) {
    throw new AppError('CONFLICT', msg('该身份证号已登记', 'This ID number is already registered'), { fieldErrors: { idNumber: msg('该身份证号已登记', 'This ID number is already registered') } });
  }
}

function encryptedId(keys: FieldKeys, idNumber: string | null | undefined) {
  if (!idNumber) return { idNumberEnc: null, idNumberBidx: null };
  const normalized = idNumber.trim().toUpperCase();
  return { idNumberEnc: encryptField(normalized, keys.enc), idNumberBidx: blindIndex(normalized, keys.idx) };
}

export async function createResident(tx: Executor, keys: FieldKeys, params: { tenantId: string; input: ResidentInput; actor: AuditActor }) {
  validateResident(params.input);
  await assertHousehold(tx, params.input.householdId);
  const enc = encryptedId(keys, params.input.idNumber);
  if (enc.idNumberBidx) await assertUniqueIdNumber(tx, enc.idNumberBidx);
  const [row] = await tx
    .insert(residents)
    .values({ tenantId: params.tenantId, name: params.input.name.trim(), phone: params.input.phone || null, category: params.input.category, householdId: params.input.householdId || null, ...enc })
    .returning({ id: residents.id });
  await appendAudit(tx, params.actor, { action: 'residents.create', tenantId: params.tenantId, targetType: 'resident', targetId: row!.id, after: params.input });
  return { id: row!.id };
}

/**
 * An update may leave out what the editor cannot see: an empty ID number keeps the stored one,
 * and (for staff who may write but not see full personal data) an absent name or phone keeps
 * the stored value; phone null or '' clears it.
 */
export type ResidentUpdate = Omit<ResidentInput, 'name'> & { name?: string | null };

export async function updateResident(tx: Executor, keys: FieldKeys, params: { tenantId: string; residentId: string; input: ResidentUpdate; actor: AuditActor }) {
  const [before] = await tx.select().from(residents).where(eq(residents.id, params.residentId));
  if (!before) throw new AppError('NOT_FOUND', msg('未找到该居民', 'Resident not found'));
  const input: ResidentInput = {
    ...params.input,
    name: params.input.name?.trim() ? params.input.name : before.name,
    phone: params.input.phone === undefined ? before.phone : params.input.phone,
  };
  validateResident(input);
  await assertHousehold(tx, input.householdId);
  // An empty ID field keeps the stored number: the form never receives it in clear.
  const enc = input.idNumber ? encryptedId(keys, input.idNumber) : { idNumberEnc: before.idNumberEnc, idNumberBidx: before.idNumberBidx };
  if (enc.idNumberBidx) await assertUniqueIdNumber(tx, enc.idNumberBidx, before.id);
  await tx
    .update(residents)
    .set({ name: input.name.trim(), phone: input.phone || null, category: input.category, householdId: input.householdId || null, ...enc, updatedAt: new Date() })
    .where(eq(residents.id, params.residentId));
  await appendAudit(tx, params.actor, {
    action: 'residents.update',
    tenantId: params.tenantId,
    targetType: 'resident',
    targetId: params.residentId,
    before: { ...before, updatedAt: undefined },
    after: input,
  });
  return { id: params.residentId };
}

/** Households to pick from when registering a resident, grouped by building. */
export async function householdOptions(tx: Executor, params: { buildingId: string }) {
  return tx
    .select({ id: households.id, unit: households.unit, floor: households.floor, room: households.room, state: households.state })
    .from(households)
    .where(eq(households.buildingId, params.buildingId))
    .orderBy(asc(households.unit), asc(households.floor), asc(households.room));
}
