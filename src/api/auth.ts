import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { can, type Permission } from '../domain/user';
import { findSessionUser } from '../db/user-queries';
import type { AppEnv } from './deps';
import { HttpProblem } from './problem';
import { sha256Hex } from './passwords';

export const sessionCookie = 'foros_session';
export const sessionDays = 7;

/** Resolves the session cookie to a user (or null) for every request. */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, sessionCookie);
  c.set('user', null);
  c.set('sessionTokenHash', null);
  if (token && /^[0-9a-f]{64}$/.test(token)) {
    const deps = c.get('deps');
    const tokenHash = await sha256Hex(token);
    const user = await findSessionUser(deps.db, tokenHash, deps.now().toISOString());
    if (user) {
      c.set('user', { id: user.id, username: user.username, displayName: user.displayName, role: user.role });
      c.set('sessionTokenHash', tokenHash);
    }
  }
  await next();
};

/**
 * Refuses state-changing requests that come from another origin (CSRF): the Origin header,
 * when present, must match the request's own host; browsers always send it on cross-site POSTs.
 */
export const sameOriginOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    let sameOrigin = true;
    if (origin && origin !== 'null') {
      try {
        sameOrigin = new URL(origin).host === host;
      } catch {
        sameOrigin = false;
      }
    } else if (origin === 'null' || fetchSite === 'cross-site') {
      sameOrigin = false;
    }
    if (!sameOrigin) throw new HttpProblem(403, 'Se rechazó una petición que venía de otro sitio.');
  }
  await next();
};

export function requireUser(c: { get: (key: 'user') => AppEnv['Variables']['user'] }) {
  const user = c.get('user');
  if (!user) throw new HttpProblem(401, 'Inicie sesión para continuar.');
  return user;
}

/** Middleware: the user must be logged in and hold the permission. */
export function requirePermission(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = requireUser(c);
    if (!can(user.role, permission)) throw new HttpProblem(403, 'Su rol no tiene permiso para esta acción.');
    await next();
  };
}
