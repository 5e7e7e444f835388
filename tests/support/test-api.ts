import { createApi } from '../../src/api/create-api';
import type { ApiDeps } from '../../src/api/deps';
import { openNodeDatabase } from '../../src/db/node-driver';
import { bootstrap } from '../../src/api/bootstrap';
import { hashPassword } from '../../src/api/passwords';
import { insertUser } from '../../src/db/user-queries';
import type { Role } from '../../src/domain/user';
import { createNodeRasterizer } from '../../src/server/rasterizer-node';

export const testPassword = 'contraseña-de-prueba';
export const fastIterations = 1000;

/**
 * A fresh API over a fresh in-memory SQLite with one account per role
 * (admin, editora, revisor; password `testPassword`) and, when asked, the 2022 demo forums.
 */
export async function createTestApi(options: { demo?: boolean; now?: () => Date; loginAttempts?: ApiDeps['loginAttempts'] } = {}) {
  const db = await openNodeDatabase(':memory:');
  await bootstrap(db, { demo: options.demo ?? false, adminPassword: testPassword, passwordIterations: fastIterations });
  const hash = await hashPassword(testPassword, fastIterations);
  const now = new Date().toISOString();
  const ensure = async (username: string, role: Role, displayName: string) => {
    const existing = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (existing) await db.updateTable('users').set({ password_hash: hash }).where('id', '=', existing.id).execute();
    else await insertUser(db, { username, displayName, role, passwordHash: hash }, now);
  };
  await ensure('editora', 'editor', 'Editora de prueba');
  await ensure('revisor', 'reviewer', 'Revisor de prueba');
  const app = createApi({ db, passwordIterations: fastIterations, now: options.now, loginAttempts: options.loginAttempts, rasterizeSvg: createNodeRasterizer() });

  /** Logs in and returns the Cookie header value for later requests. */
  async function login(username: string, password = testPassword): Promise<string> {
    const res = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status}`);
    const cookie = res.headers.get('set-cookie') ?? '';
    return cookie.split(';')[0];
  }

  /** JSON request helper. */
  async function call(method: string, path: string, options: { cookie?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.cookie) headers.cookie = options.cookie;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    return app.request(path, { method, headers, body });
  }

  return { app, db, login, call };
}
