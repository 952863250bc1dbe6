import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSessionToken, SESSION_TTL_MS } from '@linli/auth';
import { DEMO_PASSWORD, useApiTest } from './support';

const t = useApiTest('session');
let owner: postgres.Sql;
beforeAll(() => {
  owner = postgres(t.db.ownerUrl, { max: 1, onnotice: () => {} });
});
afterAll(() => owner?.end());

const tokenOf = (cookie: string) => cookie.split('=')[1]!;

describe('sessions (Lucia design)', () => {
  it('stores only the SHA-256 of the token, in an HttpOnly SameSite cookie', async () => {
    const { api, cookies } = await t.caller({ 'x-linli-peer': '10.9.0.1' });
    await api.auth.signIn({ username: 'moma.staff', password: DEMO_PASSWORD });
    const cookie = cookies.find((c) => c.startsWith('linli_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const token = tokenOf(cookie.split(';')[0]!);
    const stored = await owner`select id from sessions where id = ${token}`;
    expect(stored).toHaveLength(0);
    const hashed = await owner`select id from sessions where id = encode(sha256(${token}::bytea), 'hex')`;
    expect(hashed).toHaveLength(1);
  });

  it('a forged or unknown cookie is treated as signed out and cleared', async () => {
    const { api, cookies } = await t.caller({ cookie: `linli_session=${generateSessionToken()}` });
    expect(await api.auth.me()).toBeNull();
    expect(cookies.some((c) => c.startsWith('linli_session=;') && c.includes('Max-Age=0'))).toBe(true);
    await expect(api.tenant.overview({ tenant: 'moma' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const garbage = await t.caller({ cookie: 'linli_session=../../etc/passwd' });
    expect(await garbage.api.auth.me()).toBeNull();
  });

  it('slides: a session used in its second half is renewed, an expired one is gone', async () => {
    const cookie = await t.sessionCookieOf('moma.guard');
    const id = (await owner`select encode(sha256(${tokenOf(cookie)}::bytea), 'hex') as id`)[0]!.id as string;
    await owner`update sessions set expires_at = now() + interval '1 hour' where id = ${id}`;
    const renewed = await t.caller({ cookie });
    expect(await renewed.api.auth.me()).not.toBeNull();
    expect(renewed.cookies.some((c) => c.startsWith('linli_session=') && !c.includes('Max-Age=0'))).toBe(true);
    const [row] = await owner`select expires_at from sessions where id = ${id}`;
    expect((row!.expires_at as Date).getTime()).toBeGreaterThan(Date.now() + SESSION_TTL_MS - 60_000);

    await owner`update sessions set expires_at = now() - interval '1 second' where id = ${id}`;
    const expired = await t.caller({ cookie });
    expect(await expired.api.auth.me()).toBeNull();
    expect(await owner`select 1 from sessions where id = ${id}`).toHaveLength(0);
  });

  it('changing the password ends every other session; the new password works, the old does not', async () => {
    const first = await t.sessionCookieOf('moma.tech');
    const second = await t.sessionCookieOf('moma.tech');
    const { api, cookies } = await t.caller({ cookie: first });
    await expect(api.account.changePassword({ currentPassword: DEMO_PASSWORD, newPassword: 'short' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.account.changePassword({ currentPassword: 'wrong', newPassword: 'Another#Pass2026' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await api.account.changePassword({ currentPassword: DEMO_PASSWORD, newPassword: 'Another#Pass2026' });
    expect(await (await t.caller({ cookie: first })).api.auth.me()).toBeNull();
    expect(await (await t.caller({ cookie: second })).api.auth.me()).toBeNull();
    const fresh = cookies.find((c) => c.startsWith('linli_session=') && !c.includes('Max-Age=0'))!.split(';')[0]!;
    expect((await (await t.caller({ cookie: fresh })).api.auth.me())?.user.username).toBe('moma.tech');
    const retry = await t.caller({ 'x-linli-peer': '10.9.0.2' });
    await expect(retry.api.auth.signIn({ username: 'moma.tech', password: DEMO_PASSWORD })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await retry.api.auth.signIn({ username: 'moma.tech', password: 'Another#Pass2026' });
  });

  it('sign out everywhere ends all sessions of the user', async () => {
    const a = await t.sessionCookieOf('fs.committee');
    const b = await t.sessionCookieOf('fs.committee');
    const { ended } = await (await t.caller({ cookie: a })).api.account.signOutEverywhere();
    expect(ended).toBeGreaterThanOrEqual(2);
    expect(await (await t.caller({ cookie: b })).api.auth.me()).toBeNull();
  });

  it('disabling a user ends their sessions', async () => {
    const victim = await t.sessionCookieOf('svc.anxin');
    const admin = await t.as('admin');
    const [u] = await owner`select id from users where username = 'svc.anxin'`;
    await admin.admin.setUserDisabled({ id: u!.id, disabled: true });
    expect(await (await t.caller({ cookie: victim })).api.auth.me()).toBeNull();
    const again = await t.caller({ 'x-linli-peer': '10.9.0.3' });
    await expect(again.api.auth.signIn({ username: 'svc.anxin', password: DEMO_PASSWORD })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('sign-in errors and throttling', () => {
  it('a wrong password says so in both languages without telling which part was wrong', async () => {
    const { api } = await t.caller({ 'x-linli-peer': '10.8.0.1' });
    const unknownUser = api.auth.signIn({ username: 'nobody', password: 'x' });
    await expect(unknownUser).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    try {
      await api.auth.signIn({ username: 'moma.admin', password: 'wrong-password' });
      expect.unreachable();
    } catch (error) {
      const cause = (error as { cause: { messages: { zh: string; en: string } } }).cause;
      expect(cause.messages).toEqual({ zh: '用户名或密码错误', en: 'Wrong username or password' });
    }
  });

  it('locks an account after 5 failures, even for the right password, with the wait in the message', async () => {
    const { api } = await t.caller({ 'x-linli-peer': '10.8.0.2' });
    for (let i = 0; i < 5; i++) await expect(api.auth.signIn({ username: 'xhy.officer', password: `bad-${i}` })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    try {
      await api.auth.signIn({ username: 'xhy.officer', password: DEMO_PASSWORD });
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe('TOO_MANY_REQUESTS');
      const cause = (error as { cause: { messages: { zh: string; en: string } } }).cause;
      expect(cause.messages.zh).toMatch(/分钟后再试/);
      expect(cause.messages.en).toMatch(/Try again in \d+ minute/);
    }
    // From another IP the account is still locked: the limit is per account too.
    const other = await t.caller({ 'x-linli-peer': '10.8.0.99' });
    await expect(other.api.auth.signIn({ username: 'xhy.officer', password: DEMO_PASSWORD })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });

  it('throttles one IP that guesses across many accounts', async () => {
    const ip = { 'x-linli-peer': '10.8.0.3' };
    const { api } = await t.caller(ip);
    for (let i = 0; i < 20; i++) await expect(api.auth.signIn({ username: `guess${i}`, password: 'x' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(api.auth.signIn({ username: 'moma.staff', password: DEMO_PASSWORD })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    const elsewhere = await t.caller({ 'x-linli-peer': '10.8.0.4' });
    await elsewhere.api.auth.signIn({ username: 'moma.staff', password: DEMO_PASSWORD });
  });
});

describe('CSRF: mutations must come from our own origin', () => {
  it('refuses a foreign Origin, and a missing Origin unless Sec-Fetch-Site is same-origin', async () => {
    const cookie = await t.sessionCookieOf('moma.admin');
    const foreign = await t.caller({ cookie, origin: 'http://evil.example' });
    await expect(foreign.api.auth.signOut()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const none = await t.caller({ cookie, origin: '', 'sec-fetch-site': 'cross-site' });
    await expect(none.api.account.setLocale({ locale: 'en' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Queries are not state-changing and stay readable.
    expect(await foreign.api.auth.me()).not.toBeNull();
    const same = await t.caller({ cookie, origin: '', 'sec-fetch-site': 'same-origin' });
    await expect(same.api.account.setLocale({ locale: 'en' })).resolves.toEqual({ ok: true });
  });
});
