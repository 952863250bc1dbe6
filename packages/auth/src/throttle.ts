import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { loginAttempts, msg, AppError, type Executor } from '@linli/db';

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

/** Throws TOO_MANY_REQUESTS with the wait time when the account or the IP is over its limit. */
export async function assertNotThrottled(db: Executor, username: string, ip: string | null, now = new Date()): Promise<void> {
  const checks: Array<[string, number]> = [[accountKey(username), THROTTLE.maxFailuresPerAccount]];
  if (ip) checks.push([ipKey(ip), THROTTLE.maxFailuresPerIp]);
  for (const [key, limit] of checks) {
    const until = await blockedUntil(db, key, limit, now);
    if (until) {
      const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60000));
      throw new AppError(
        'TOO_MANY_REQUESTS',
        msg(`登录失败次数过多，请 ${minutes} 分钟后再试`, `Too many failed sign-ins. Try again in ${minutes} minute(s).`),
        { retryAfterSeconds: Math.ceil((until.getTime() - now.getTime()) / 1000) },
      );
    }
  }
}

export async function recordAttempt(db: Executor, username: string, ip: string | null, success: boolean): Promise<void> {
  const rows = [{ key: accountKey(username), success }];
  if (ip) rows.push({ key: ipKey(ip), success });
  await db.insert(loginAttempts).values(rows);
}

/** Old attempts are only noise once outside every window. */
export async function pruneAttempts(db: Executor, olderThanMs = 24 * 60 * 60 * 1000): Promise<void> {
  await db.delete(loginAttempts).where(sql`${loginAttempts.at} < now() - make_interval(secs => ${olderThanMs / 1000})`);
}
