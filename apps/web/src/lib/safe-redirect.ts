const BASE = 'http://linli.invalid';

/**
 * Where to go after signing in: a path on this site, or '/' (issue #9.5). The target is parsed
 * the way a browser would (backslashes become slashes, tabs and newlines vanish), and anything
 * that leaves the origin or reads as protocol-relative is refused.
 */
export function safeRedirectPath(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== BASE || !path.startsWith('/') || path.startsWith('//')) return '/';
  return path;
}
