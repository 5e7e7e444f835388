import { describe, expect, it } from 'vitest';
import { createTestApi, testPassword } from '../support/test-api';

describe('session', () => {
  it('logs in, tells who is logged in, and logs out', async () => {
    const { call, login } = await createTestApi();
    const cookie = await login('editora');
    const me = await call('GET', '/api/session', { cookie });
    expect(me.status).toBe(200);
    expect((await me.json()).user).toMatchObject({ username: 'editora', role: 'editor' });
    const out = await call('DELETE', '/api/session', { cookie });
    expect(out.status).toBe(204);
    expect((await call('GET', '/api/session', { cookie })).status).toBe(401);
  });

  it('sets an httpOnly SameSite cookie and never returns the password hash', async () => {
    const { call } = await createTestApi();
    const res = await call('POST', '/api/session', { body: { username: 'admin', password: testPassword } });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(JSON.stringify(await res.json())).not.toMatch(/pbkdf2/);
  });

  it('refuses a wrong password with a Spanish message and rate-limits repeated failures', async () => {
    const { call } = await createTestApi({ loginLimits: { perAddressAndAccount: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) {
      const res = await call('POST', '/api/session', { body: { username: 'editora', password: 'equivocada' } });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await res.json()).title).toMatch(/incorrectos/);
    }
    const blocked = await call('POST', '/api/session', { body: { username: 'editora', password: testPassword } });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBeTruthy();
    expect((await blocked.json()).title).toMatch(/Demasiados intentos/);
  });

  it('refuses a state-changing request from another origin', async () => {
    const { call } = await createTestApi();
    const res = await call('POST', '/api/session', {
      body: { username: 'admin', password: testPassword },
      headers: { origin: 'https://evil.example', host: 'localhost' },
    });
    expect(res.status).toBe(403);
  });
});
