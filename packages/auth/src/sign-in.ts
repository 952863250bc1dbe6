import { eq, sql } from 'drizzle-orm';
import { appendAudit, AppError, msg, users, withScope, type Db } from '@linli/db';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password';
import { checkPasswordPolicy } from './password-policy';
import { createSession, generateSessionToken, invalidateAllSessions, type Session } from './session';
import { markAttemptSucceeded, reserveAttempt } from './throttle';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

const WRONG = msg('用户名或密码错误', 'Wrong username or password');

/** Verifies the password under throttling and opens a session; the sign-in is audited. */
export async function signIn(
  db: Db,
  input: { username: string; password: string },
  meta: RequestMeta,
): Promise<{ token: string; session: Session; userId: string }> {
  const username = input.username.trim();
  const attempt = await reserveAttempt(db, username, meta.ip);
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.username})`, username.toLowerCase()));
  const ok = user && !user.disabled ? await verifyPassword(user.passwordHash, input.password) : (await burnPasswordCheck(input.password), false);
  if (!user || !ok) throw new AppError('UNAUTHORIZED', WRONG);
  return withScope(db, { tenantIds: [], userId: user.id }, async (tx) => {
    await markAttemptSucceeded(tx, attempt);
    const token = generateSessionToken();
    const session = await createSession(tx, token, user.id, meta);
    await appendAudit(tx, { userId: user.id, name: user.username, organizationId: null, ...meta }, { action: 'auth.sign_in', targetType: 'user', targetId: user.id });
    return { token, session, userId: user.id };
  });
}

/** Changing the password ends every session of the user (the caller opens a fresh one). */
export async function changePassword(
  db: Db,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('UNAUTHORIZED', msg('请先登录', 'Please sign in'));
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('BAD_REQUEST', msg('当前密码不正确', 'The current password is wrong'), { field: 'currentPassword' });
  }
  const problems = checkPasswordPolicy(input.newPassword, { username: user.username });
  if (problems.length) throw new AppError('BAD_REQUEST', problems[0]!, { field: 'newPassword', problems });
  const passwordHash = await hashPassword(input.newPassword);
  await withScope(db, { tenantIds: [], userId }, async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() }).where(eq(users.id, userId));
    const ended = await invalidateAllSessions(tx, userId);
    await appendAudit(tx, { userId, name: user.username, organizationId: null, ...meta }, {
      action: 'auth.password_changed',
      targetType: 'user',
      targetId: userId,
      summary: `sessions ended: ${ended}`,
    });
  });
}
