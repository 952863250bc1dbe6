import { asc, eq, ilike, or, sql } from 'drizzle-orm';
import { mask } from '@linli/security';
import type { Executor } from '../../client';
import { appendAudit, type AuditActor } from '../../audit';
import { AppError, msg } from '../../errors';
import { sessions, users } from '../../schema';
import { countRows, likePattern, offsetOf, type PageInput } from '../paging';

export async function listUsers(tx: Executor, params: PageInput & { search?: string }) {
  const where = params.search ? or(ilike(users.username, likePattern(params.search)), ilike(users.displayName, likePattern(params.search))) : undefined;
  const rows = await tx
    .select({
      id: users.id, username: users.username, displayName: users.displayName, phone: users.phone, disabled: users.disabled, createdAt: users.createdAt,
      // Spelled out: drizzle leaves columns unqualified in a single-table select, and a bare "id"
      // inside the subquery would mean memberships.id (the count was always 0).
      memberships: sql<number>`(select count(*)::int from memberships m where m.user_id = "users"."id")`,
    })
    .from(users)
    .where(where)
    .orderBy(asc(users.username))
    .limit(params.pageSize)
    .offset(offsetOf(params));
  const total = await countRows(tx, users, where);
  // Platform staff manage accounts, not people: phones stay masked here.
  return { items: rows.map((u) => ({ ...u, phone: mask('phone', u.phone) })), total, page: params.page, pageSize: params.pageSize };
}

/** One account for its admin page (phone masked, as in the list). */
export async function getUser(tx: Executor, id: string) {
  const [u] = await tx
    .select({ id: users.id, username: users.username, displayName: users.displayName, phone: users.phone, disabled: users.disabled, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, id));
  if (!u) throw new AppError('NOT_FOUND', msg('未找到该用户', 'User not found'));
  return { ...u, phone: mask('phone', u.phone) };
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;

export async function createUser(
  tx: Executor,
  params: { input: { username: string; displayName: string; phone: string | null }; passwordHash: string; actor: AuditActor },
) {
  const username = params.input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    const m = msg('用户名为 3–32 位小写字母、数字或 . _ -', 'Username: 3–32 lower-case letters, digits or . _ -');
    throw new AppError('BAD_REQUEST', m, { fieldErrors: { username: m } });
  }
  if (params.input.phone && !/^1[3-9]\d{9}$/.test(params.input.phone)) {
    const m = msg('请输入 11 位手机号', 'Enter an 11-digit mobile number');
    throw new AppError('BAD_REQUEST', m, { fieldErrors: { phone: m } });
  }
  const [dupe] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (dupe) {
    const m = msg('该用户名已存在', 'This username is taken');
    throw new AppError('CONFLICT', m, { fieldErrors: { username: m } });
  }
  const [row] = await tx
    .insert(users)
    .values({ username, displayName: params.input.displayName.trim(), phone: params.input.phone || null, passwordHash: params.passwordHash })
    .returning({ id: users.id });
  await appendAudit(tx, params.actor, { action: 'users.create', targetType: 'user', targetId: row!.id, summary: username, after: { username, displayName: params.input.displayName } });
  return { id: row!.id };
}

/** Disabling an account also ends its sessions at once. */
export async function setUserDisabled(tx: Executor, params: { id: string; disabled: boolean; actor: AuditActor }) {
  if (params.id === params.actor.userId && params.disabled) {
    throw new AppError('BAD_REQUEST', msg('不能停用自己的账号', 'You cannot disable your own account'));
  }
  const [row] = await tx.update(users).set({ disabled: params.disabled, updatedAt: new Date() }).where(eq(users.id, params.id)).returning({ username: users.username });
  if (!row) throw new AppError('NOT_FOUND', msg('未找到该用户', 'User not found'));
  if (params.disabled) await tx.delete(sessions).where(eq(sessions.userId, params.id));
  await appendAudit(tx, params.actor, { action: params.disabled ? 'users.disable' : 'users.enable', targetType: 'user', targetId: params.id, summary: row.username });
  return { id: params.id };
}
