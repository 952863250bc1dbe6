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
import type { BlockList } from 'node:net';
import type { Db } from '@linli/db';
import type { FieldKeys } from '@linli/security';
import { clientAddress, isTrusted, PEER_HEADER } from './client-address';
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
  /** Reverse proxies whose X-Forwarded-For / X-Forwarded-Host are believed (`LINLI_TRUSTED_PROXIES`). */
  trustedProxies?: BlockList | null;
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

/**
 * The request as far as it can be believed: the client's address comes from the socket (the
 * web server stamps it) and forwarded headers count only when a configured proxy sent them.
 */
export function requestInfo(headers: Headers, trusted: BlockList | null = null): RequestInfo {
  const peer = headers.get(PEER_HEADER);
  const viaProxy = peer !== null && isTrusted(peer.replace(/^::ffff:/i, ''), trusted);
  return {
    ip: clientAddress(peer, headers.get('x-forwarded-for'), trusted),
    userAgent: headers.get('user-agent'),
    origin: headers.get('origin'),
    host: (viaProxy ? headers.get('x-forwarded-host') : null) ?? headers.get('host'),
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
  return { ...services, req: requestInfo(headers, services.trustedProxies ?? null), user, session, sessionToken: user ? token : null, profile, setCookie };
}
