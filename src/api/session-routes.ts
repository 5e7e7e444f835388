import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { loginSchema } from '../domain/user';
import { deleteSession, findUserByUsername, insertSession } from '../db/user-queries';
import type { AppEnv } from './deps';
import { sessionCookie, sessionDays } from './auth';
import { change } from './change';
import { HttpProblem } from './problem';
import { randomToken, sha256Hex, verifyPassword } from './passwords';
import { readBody } from './validate';
import type { AttemptLimiter } from './rate-limit';

export function sessionRoutes(limiter: AttemptLimiter) {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    const user = c.get('user');
    if (!user) throw new HttpProblem(401, 'No hay una sesión iniciada.');
    return c.json({ user });
  });

  app.post('/', async (c) => {
    const deps = c.get('deps');
    const input = await readBody(c, loginSchema);
    const username = input.username.toLowerCase();
    // Keyed by account, not by a client-supplied address header (which an attacker could vary).
    const key = username;
    const nowMs = deps.now().getTime();
    const wait = limiter.retryAfter(key, nowMs);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60000);
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      throw new HttpProblem(429, `Demasiados intentos fallidos. Espere ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'} e inténtelo de nuevo.`);
    }
    const user = await findUserByUsername(deps.db, username);
    const ok = user && user.active && (await verifyPassword(input.password, user.passwordHash));
    if (!user || !ok) {
      limiter.fail(key, nowMs);
      throw new HttpProblem(401, 'Usuario o contraseña incorrectos, o la cuenta está desactivada.');
    }
    limiter.reset(key);
    const token = randomToken();
    const tokenHash = await sha256Hex(token);
    const sessionUser = { id: user.id, username: user.username, displayName: user.displayName, role: user.role };
    const expires = await change(
      c,
      async ({ tx, now }) => {
        const until = new Date(Date.parse(now) + sessionDays * 86400_000);
        await insertSession(tx, tokenHash, user.id, now, until.toISOString());
        return { result: until, audit: [{ action: 'login', entity: 'session', entityId: null, changes: [] }] };
      },
      { as: sessionUser },
    );
    setCookie(c, sessionCookie, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: deps.secureCookies,
      path: '/',
      expires,
    });
    return c.json({ user: sessionUser });
  });

  app.delete('/', async (c) => {
    const tokenHash = c.get('sessionTokenHash');
    if (tokenHash && c.get('user')) {
      await change(c, async ({ tx }) => {
        await deleteSession(tx, tokenHash);
        return { result: null, audit: [{ action: 'logout', entity: 'session', entityId: null, changes: [] }] };
      });
    }
    deleteCookie(c, sessionCookie, { path: '/' });
    return c.body(null, 204);
  });

  return app;
}
