import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { sessions, users, type Executor } from '@linli/db';

export const SESSION_COOKIE = 'linli_session';
const DAY = 24 * 60 * 60 * 1000;
/** Sliding expiry: a session lives 7 days past its last use, renewed once half is spent. */
export const SESSION_TTL_MS = 7 * DAY;
const RENEW_BELOW_MS = SESSION_TTL_MS / 2;

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  locale: string;
}

export interface Session {
  id: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
}

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The database never sees the token, only its SHA-256: a leaked table cannot sign anyone in. */
export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
  db: Executor,
  token: string,
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<Session> {
  const session = { id: sessionIdFromToken(token), userId, expiresAt: new Date(Date.now() + SESSION_TTL_MS), createdAt: new Date() };
  await db.insert(sessions).values({ ...session, ip: meta.ip, userAgent: meta.userAgent });
  return session;
}

export type SessionValidation = { session: Session; user: SessionUser; renewed: boolean } | { session: null; user: null; renewed: false };

export async function validateSessionToken(db: Executor, token: string): Promise<SessionValidation> {
  const none = { session: null, user: null, renewed: false } as const;
  if (!/^[a-z2-7]{32}$/.test(token)) return none;
  const id = sessionIdFromToken(token);
  const rows = await db
    .select({ session: sessions, user: { id: users.id, username: users.username, displayName: users.displayName, locale: users.locale, disabled: users.disabled } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  const row = rows[0];
  if (!row) return none;
  const now = Date.now();
  if (row.user.disabled || row.session.expiresAt.getTime() <= now) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return none;
  }
  let renewed = false;
  if (row.session.expiresAt.getTime() - now < RENEW_BELOW_MS) {
    row.session.expiresAt = new Date(now + SESSION_TTL_MS);
    await db.update(sessions).set({ expiresAt: row.session.expiresAt }).where(eq(sessions.id, id));
    renewed = true;
  }
  const { disabled: _disabled, ...user } = row.user;
  return { session: row.session, user, renewed };
}

export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateAllSessions(db: Executor, userId: string): Promise<number> {
  const deleted = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return deleted.length;
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Expires=${expiresAt.toUTCString()}`,
    secure ? 'Secure' : '',
  ].filter(Boolean).join('; ');
}

export function blankSessionCookie(secure: boolean): string {
  return [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0', secure ? 'Secure' : ''].filter(Boolean).join('; ');
}
