import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from '../src/password-policy';
import { hashPassword, verifyPassword } from '../src/password';

describe('password policy', () => {
  it.each([
    ['Linli@2026', []],
    ['Short1!', ['至少需要 10 个字符']],
    ['alllowercaseletters', ['至少三类']],
    ['Password1', ['至少需要 10 个字符']],
    ['Moma.Admin#2026x', ['不能包含用户名']],
  ])('%s', (password, expected) => {
    const problems = checkPasswordPolicy(password, { username: 'moma.admin' });
    expect(problems.map((p) => p.zh).join('|')).toSatisfy((s: string) => expected.every((e) => s.includes(e)));
    expect(problems.length === 0).toBe(expected.length === 0);
    for (const p of problems) expect(p.en.length).toBeGreaterThan(5);
  });
});

describe('argon2id', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const h = await hashPassword('Linli@2026');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'Linli@2026')).toBe(true);
    expect(await verifyPassword(h, 'linli@2026')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
