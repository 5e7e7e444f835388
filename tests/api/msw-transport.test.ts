// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SetupServerApi } from 'msw/node';
import { startMockServer } from '../../mocks/node';
import { createTestApi, testPassword } from '../support/test-api';

// msw is only a transport: fetch → msw → createHandlers → the real createApi app (as in the mock mode),
// and the handlers keep the httpOnly session cookie like a browser would.
const base = 'http://localhost:3000';

/**
 * Browsers silently drop forbidden headers: `Cookie` from a constructed Request and `Set-Cookie`
 * from a constructed Response. Node does not, so these stand-ins reproduce the browser here.
 */
class BrowserLikeRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    this.headers.delete('cookie');
  }
}
class BrowserLikeResponse extends Response {
  constructor(body?: BodyInit | null, init?: ResponseInit) {
    const headers = new Headers(init?.headers);
    headers.delete('set-cookie');
    super(body, init && { status: init.status, statusText: init.statusText, headers });
  }
}

async function loginLogoutRoundTrip() {
  const login = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'editora', password: testPassword }),
  });
  expect(login.status).toBe(200);
  expect((await login.json()).user).toMatchObject({ username: 'editora' });
  // The cookie stays in the handlers' jar; it is not handed to the page.
  expect(login.headers.get('set-cookie')).toBeNull();

  const forums = await fetch(`${base}/api/forums`);
  expect(forums.status).toBe(200);
  expect(await forums.json()).toMatchObject({ items: [], total: 0 });

  const logout = await fetch(`${base}/api/session`, { method: 'DELETE', headers: { 'content-type': 'application/json' } });
  expect(logout.status).toBe(204);
  expect((await fetch(`${base}/api/forums`)).status).toBe(401);
  expect((await fetch(`${base}/api/session`)).status).toBe(401);
}

describe('msw transport to the real API', () => {
  let server: SetupServerApi;
  beforeAll(async () => {
    const { app } = await createTestApi();
    server = startMockServer(app);
  });
  afterAll(() => server.close());

  it('is anonymous before logging in', async () => {
    const res = await fetch(`${base}/api/forums`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('logs in, keeps the session cookie, and logs out', async () => {
    await loginLogoutRoundTrip();
  });

  it('answers an unknown API path with the API\'s own Spanish 404', async () => {
    const res = await fetch(`${base}/api/no-existe`);
    expect(res.status).toBe(404);
    expect((await res.json()).title).toMatch(/No existe/);
  });
});

describe('msw transport with browser header rules (the mock mode)', () => {
  let server: SetupServerApi;
  beforeAll(async () => {
    const { app } = await createTestApi();
    vi.stubGlobal('Request', BrowserLikeRequest);
    vi.stubGlobal('Response', BrowserLikeResponse);
    server = startMockServer(app);
  });
  afterAll(() => {
    server.close();
    vi.unstubAllGlobals();
  });

  it('still keeps the session although the browser drops Cookie and Set-Cookie', async () => {
    expect(new Response(null, { headers: { 'set-cookie': 'a=b' } }).headers.get('set-cookie')).toBeNull();
    expect(new Request(base, { headers: { cookie: 'a=b' } }).headers.get('cookie')).toBeNull();
    await loginLogoutRoundTrip();
  });
});
