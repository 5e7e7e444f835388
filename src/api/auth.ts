import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { can, type Permission } from '../domain/user';
import { organizationDeactivated } from '../domain/organization';
import { findSessionUser, touchSession } from '../db/user-queries';
import type { AppEnv } from './deps';
import { healthPath } from './health-routes';
import { HttpProblem } from './problem';
import { sha256Hex } from './passwords';
import { isHttps, ownOrigin } from './request-info';

export const sessionCookie = 'foros_session';

/** A session's last request is written at most this often (a read does not write on every request). */
const touchEveryMs = 60_000;

/** The session cookie's attributes: httpOnly, SameSite=Lax, and Secure whenever the request came over HTTPS. */
export function sessionCookieOptions(c: Context<AppEnv>, expires?: Date): CookieOptions {
  const deps = c.get('deps');
  return { httpOnly: true, sameSite: 'Lax', secure: deps.secureCookies || isHttps(c), path: '/', ...(expires ? { expires } : {}) };
}

/**
 * The SHA-256 of recent session tokens, so a burst of reads does not hash the same token (crypto.subtle) on every
 * request. Only the hash is kept — a pure function of the token, never stale —, not the session: every request
 * looks its session up in the database, so a logout, a deactivated account or a changed role take effect at once
 * on every server process sharing the database (issue 15). Bounded to `tokenHashCacheSize` entries.
 */
const tokenHashCacheSize = 1000;
const tokenHashes = new Map<string, string>();

async function tokenHashOf(token: string): Promise<string> {
  const known = tokenHashes.get(token);
  if (known) return known;
  const hash = await sha256Hex(token);
  if (tokenHashes.size >= tokenHashCacheSize) tokenHashes.delete(tokenHashes.keys().next().value!);
  tokenHashes.set(token, hash);
  return hash;
}

/**
 * Resolves the session cookie to a user (or null) for every request, from the database (one query by the token's
 * hash). A session ends `session.idleMs` after its last request and `session.maxMs` after login, whichever comes
 * first.
 */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, sessionCookie);
  c.set('user', null);
  c.set('sessionTokenHash', null);
  c.set('sessionRefusal', null);
  c.set('sessionTimeZone', null);
  // The health check never reads a session (it must answer, and quickly, whatever the cookie).
  if (token && /^[0-9a-f]{64}$/.test(token) && c.req.path !== healthPath) {
    const deps = c.get('deps');
    const now = deps.now();
    const tokenHash = await tokenHashOf(token);
    const found = await findSessionUser(deps.rootDb, tokenHash, now.toISOString(), new Date(now.getTime() - deps.session.idleMs).toISOString());
    if (found && !found.organizationActive) {
      // A deactivated organisation's sessions end with it: nobody is logged in, and a route that needs someone says why.
      c.set('sessionRefusal', organizationDeactivatedMessage);
    } else if (found) {
      c.set('user', Object.freeze({ id: found.id, username: found.username, displayName: found.displayName, role: found.role, organizationId: found.organizationId }));
      c.set('sessionTokenHash', tokenHash);
      c.set('sessionTimeZone', found.timeZone);
      if (now.getTime() - Date.parse(found.lastSeenAt) >= touchEveryMs) await touchSession(deps.rootDb, tokenHash, now.toISOString());
    }
  }
  return next();
};

export const originMessage = 'Se rechazó una petición que no venía de esta aplicación (otro sitio, u origen desconocido).';

/**
 * Refuses a state-changing request that does not prove it comes from the app's own pages (CSRF): its `Origin`
 * must be this server's origin (scheme, host and port), or, without `Origin`, `Sec-Fetch-Site` must say
 * same-origin. Browsers send one or the other on every such request; a request with neither gets 403.
 */
export const sameOriginOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
    const origin = c.req.header('origin');
    let sameOrigin = false;
    if (origin !== undefined) {
      const own = ownOrigin(c);
      try {
        sameOrigin = origin !== 'null' && own !== null && new URL(origin).origin === own;
      } catch {
        sameOrigin = false;
      }
    } else {
      sameOrigin = c.req.header('sec-fetch-site') === 'same-origin';
    }
    if (!sameOrigin) throw new HttpProblem(403, originMessage);
  }
  await next();
};

/** What a person of a deactivated organisation is told: when logging in with the right password, and on the next request of a session they had. */
export const organizationDeactivatedMessage = organizationDeactivated.title;

/** The 401 of a request that needs someone, when nobody is logged in: why, if the session cookie was refused for a reason. */
export function noSessionProblem(c: Pick<Context<AppEnv>, 'get'>, fallback: string): HttpProblem {
  const refusal = c.get('sessionRefusal');
  return refusal ? new HttpProblem(401, refusal, { type: organizationDeactivated.type }) : new HttpProblem(401, fallback);
}

export function requireUser(c: Pick<Context<AppEnv>, 'get'>) {
  const user = c.get('user');
  if (!user) throw noSessionProblem(c, 'Inicie sesión para continuar.');
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
