import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '../../src/lib/safe-redirect';

describe('safeRedirectPath (issue #9.5)', () => {
  it('keeps paths on this site', () => {
    expect(safeRedirectPath('/c/moma/cases?status=open#top')).toBe('/c/moma/cases?status=open#top');
    expect(safeRedirectPath('/field')).toBe('/field');
  });

  // What the probe used, as Next hands it over (search params already percent-decoded), and kin.
  it.each(['/\\evil.example/x', '/\t/evil.example/x', '/\\\\evil.example', '//evil.example', '/.//evil.example', 'https://evil.example', 'javascript:alert(1)', '/\n/evil.example', ' /x', ''])(
    'refuses %j',
    (next) => {
      const out = safeRedirectPath(next);
      expect(out.startsWith('/') && !out.startsWith('//')).toBe(true);
      expect(new URL(out, 'https://linli.example').origin).toBe('https://linli.example');
      expect(out).not.toContain('evil');
    },
  );

  it('refuses what is not a string', () => {
    expect(safeRedirectPath(undefined)).toBe('/');
    expect(safeRedirectPath(['/a', '/b'])).toBe('/');
  });
});
