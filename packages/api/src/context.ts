import {
  blankSessionCookie,
  loadAccessProfile,
  SESSION_COOKIE,
  sessionCookie,
  validateSessionToken,
  type AccessProfile,
  type Session,
  type SessionUser,
} from '@linli/auth';
import type { Db } from '@linli/db';
import type { FieldKeys } from '@linli/security';
import type { LiveBus } from './live';

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  origin: string | null;
  host: string | null;
  secFetchSite: string | null;
}

export interface Services {
  db: Db;
  keys: FieldKeys;
  /** Cookies get the Secure flag when the site is served over HTTPS. */
  secureCookies: boolean;
  /** Live events (LISTEN/NOTIFY); absent where nothing listens (scripts, some tests). */
  bus?: LiveBus;
}

export interface Context extends Services {
  req: RequestInfo;
  user: SessionUser | null;
  session: Session | null;
  sessionToken: string | null;
  profile: AccessProfile | null;
  setCookie: (cookie: string) => void;
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

export function requestInfo(headers: Headers): RequestInfo {
  const forwarded = headers.get('x-forwarded-for');
  return {
    ip: forwarded ? forwarded.split(',')[0]!.trim() : headers.get('x-real-ip'),
    userAgent: headers.get('user-agent'),
    origin: headers.get('origin'),
    host: headers.get('x-forwarded-host') ?? headers.get('host'),
    secFetchSite: headers.get('sec-fetch-site'),
  };
}

/** Builds the per-request context: validates the session cookie and loads what the user may do. */
export async function createContext(services: Services, headers: Headers, setCookie: (c: string) => void): Promise<Context> {
  const token = readCookie(headers.get('cookie'), SESSION_COOKIE);
  let user: SessionUser | null = null;
  let session: Session | null = null;
  let profile: AccessProfile | null = null;
  if (token) {
    const result = await validateSessionToken(services.db, token);
    if (result.session) {
      user = result.user;
      session = result.session;
      profile = await loadAccessProfile(services.db, user.id);
      if (result.renewed) setCookie(sessionCookie(token, result.session.expiresAt, services.secureCookies));
    } else {
      // A forged or expired cookie is dropped so the browser stops sending it.
      setCookie(blankSessionCookie(services.secureCookies));
    }
  }
  return { ...services, req: requestInfo(headers), user, session, sessionToken: user ? token : null, profile, setCookie };
}
