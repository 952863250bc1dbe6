import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { appendAudit, type AuditActor } from '../../audit';
import { AppError, msg } from '../../errors';
import { districts, organizations, type OrgKind } from '../../schema';
import { countRows, likePattern, offsetOf, type PageInput } from '../paging';

export async function listOrganizations(tx: Executor, params: PageInput & { search?: string; kind?: OrgKind }) {
  const parts = [];
  if (params.search) parts.push(or(ilike(organizations.nameZh, likePattern(params.search)), ilike(organizations.nameEn, likePattern(params.search))));
  if (params.kind) parts.push(eq(organizations.kind, params.kind));
  const where = parts.length ? and(...parts) : undefined;
  const items = await tx
    .select({
      id: organizations.id, kind: organizations.kind, nameZh: organizations.nameZh, nameEn: organizations.nameEn, districtId: organizations.districtId,
      districtNameZh: districts.nameZh, districtNameEn: districts.nameEn,
      members: sql<number>`(select count(*)::int from memberships m where m.organization_id = ${organizations.id})`,
      tenants: sql<number>`(select count(*)::int from grants g where g.organization_id = ${organizations.id})`,
    })
    .from(organizations)
    .leftJoin(districts, eq(districts.id, organizations.districtId))
    .where(where)
    .orderBy(asc(organizations.kind), asc(organizations.nameZh))
    .limit(params.pageSize)
    .offset(offsetOf(params));
  const total = await countRows(tx, organizations, where);
  return { items, total, page: params.page, pageSize: params.pageSize };
}

export async function createOrganization(tx: Executor, params: { input: { kind: OrgKind; nameZh: string; nameEn: string; districtId: string | null }; actor: AuditActor }) {
  const { input } = params;
  if (input.kind === 'street_office' && !input.districtId) {
    const m = msg('街道办必须选择所辖街道', 'A street office needs its district');
    throw new AppError('BAD_REQUEST', m, { fieldErrors: { districtId: m } });
  }
  const [dupe] = await tx.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.kind, input.kind), eq(organizations.nameZh, input.nameZh)));
  if (dupe) {
    const m = msg('同类机构中已有同名机构', 'An organization of this kind already has this name');
    throw new AppError('CONFLICT', m, { fieldErrors: { nameZh: m } });
  }
  const [row] = await tx.insert(organizations).values({ ...input, districtId: input.kind === 'street_office' ? input.districtId : input.districtId ?? null }).returning({ id: organizations.id });
  await appendAudit(tx, params.actor, { action: 'organizations.create', targetType: 'organization', targetId: row!.id, after: input, summary: input.nameZh });
  return { id: row!.id };
}
