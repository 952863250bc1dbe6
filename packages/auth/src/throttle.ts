import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { loginAttempts, msg, AppError, type Db, type Executor } from '@linli/db';

export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerAccount: 5,
  maxFailuresPerIp: 20,
};

export const accountKey = (username: string) => `user:${username.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Failures for a key inside the window; returns when the block ends. An account's count restarts
 * after its own success, an IP's does not (one good account must not launder guesses at others).
 */
async function blockedUntil(db: Executor, key: string, limit: number, now: Date): Promise<Date | null> {
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  const lastSuccess = !key.startsWith('user:') ? [] : await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, key), eq(loginAttempts.success, true), gt(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.at))
    .limit(1);
  const from = lastSuccess[0] && lastSuccess[0].at > since ? lastSuccess[0].at : since;
  const failures = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, key), eq(loginAttempts.success, false), gt(loginAttempts.at, from)))
    .orderBy(desc(loginAttempts.at))
    .limit(limit);
  if (failures.length < limit) return null;
  const oldestCounted = failures[failures.length - 1]!.at;
  return new Date(oldestCounted.getTime() + THROTTLE.windowMs);
}

/**
 * Checks the limits and counts this attempt as a failure in one step, before the password is
 * verified (issue #9.2): concurrent attempts on the same account or address queue on an advisory
 * lock, so each sees every attempt before it, and every call of a batched request is counted.
 * A sign-in that then succeeds turns its rows into successes (`markAttemptSucceeded`).
 * Throws TOO_MANY_REQUESTS with the wait time when the account or the address is over its limit.
 */
export async function reserveAttempt(db: Db, username: string, ip: string | null, now = new Date()): Promise<number[]> {
  const checks: Array<[string, number]> = [[accountKey(username), THROTTLE.maxFailuresPerAccount]];
  if (ip) checks.push([ipKey(ip), THROTTLE.maxFailuresPerIp]);
  return db.transaction(async (tx) => {
    // Sorted, so two attempts never wait for each other's second lock.
    for (const [key] of [...checks].sort(([a], [b]) => a.localeCompare(b))) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    }
    for (const [key, limit] of checks) {
      const until = await blockedUntil(tx, key, limit, now);
      if (until) {
        const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60000));
        throw new AppError(
          'TOO_MANY_REQUESTS',
          msg(`登录失败次数过多，请 ${minutes} 分钟后再试`, `Too many failed sign-ins. Try again in ${minutes} minute(s).`),
          { retryAfterSeconds: Math.ceil((until.getTime() - now.getTime()) / 1000) },
        );
      }
    }
    const rows = await tx.insert(loginAttempts).values(checks.map(([key]) => ({ key, success: false }))).returning({ id: loginAttempts.id });
    return rows.map((r) => r.id);
  });
}

export async function markAttemptSucceeded(db: Executor, ids: number[]): Promise<void> {
  if (ids.length) await db.update(loginAttempts).set({ success: true }).where(inArray(loginAttempts.id, ids));
}

/** Old attempts are only noise once outside every window. */
export async function pruneAttempts(db: Executor, olderThanMs = 24 * 60 * 60 * 1000): Promise<void> {
  await db.delete(loginAttempts).where(sql`${loginAttempts.at} < now() - make_interval(secs => ${olderThanMs / 1000})`);
}
