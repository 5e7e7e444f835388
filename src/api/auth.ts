import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { can, type Permission, type SessionUser } from '../domain/user';
import { findSessionUser, touchSession } from '../db/user-queries';
import type { AppEnv } from './deps';
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
 * Sessions seen in the last seconds, so a burst of reads does not hash the token (crypto.subtle) and look up the
 * session for every request: together ~10% of busy CPU on a page read. Correctness first:
 * - an entry lives at most `sessionCacheMs` and never past its session's expiry (by the injected clock);
 * - any write to accounts or sessions (log out, deactivate, change role or name, reset a password: every
 *   non-GET request under /api/users or /api/session) empties the cache when it ends, and a lookup that began
 *   before that cannot store its (possibly stale) answer afterwards;
 * - bounded to `sessionCacheSize` entries; one cache per API instance.
 * Several server processes (PostgreSQL) do not share it: there a change reaches the others within `sessionCacheMs`.
 */
export const sessionCacheMs = 5_000;
const sessionCacheSize = 1000;

interface CachedSession {
  tokenHash: string;
  user: SessionUser;
  untilMs: number;
}

class SessionCache {
  private readonly entries = new Map<string, CachedSession>();
  generation = 0;

  get(token: string, nowMs: number): CachedSession | undefined {
    const entry = this.entries.get(token);
    if (entry && nowMs < entry.untilMs) return entry;
    if (entry) this.entries.delete(token);
    return undefined;
  }

  set(token: string, entry: CachedSession, generation: number) {
    if (generation !== this.generation) return;
    if (this.entries.size >= sessionCacheSize) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, entry);
  }

  clear() {
    this.entries.clear();
    this.generation++;
  }
}

const sessionCaches = new WeakMap<object, SessionCache>();
const changesAccounts = (method: string, path: string) => method !== 'GET' && method !== 'HEAD' && /^\/api\/(users|session)(\/|$)/.test(path);

/**
 * Resolves the session cookie to a user (or null) for every request. A session ends `session.idleMs` after its
 * last request and `session.maxMs` after login, whichever comes first.
 */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, sessionCookie);
  c.set('user', null);
  c.set('sessionTokenHash', null);
  const deps = c.get('deps');
  let cache = sessionCaches.get(deps);
  if (!cache) sessionCaches.set(deps, (cache = new SessionCache()));
  if (token && /^[0-9a-f]{64}$/.test(token)) {
    const now = deps.now();
    const cached = cache.get(token, now.getTime());
    if (cached) {
      c.set('user', cached.user);
      c.set('sessionTokenHash', cached.tokenHash);
    } else {
      const generation = cache.generation;
      const tokenHash = await sha256Hex(token);
      const found = await findSessionUser(deps.db, tokenHash, now.toISOString(), new Date(now.getTime() - deps.session.idleMs).toISOString());
      if (found) {
        const user: SessionUser = Object.freeze({ id: found.id, username: found.username, displayName: found.displayName, role: found.role });
        // Never cached past the session's absolute end nor past the moment it would go idle.
        const untilMs = Math.min(now.getTime() + sessionCacheMs, Date.parse(found.sessionExpiresAt), Date.parse(found.lastSeenAt) + deps.session.idleMs);
        cache.set(token, { tokenHash, user, untilMs }, generation);
        c.set('user', user);
        c.set('sessionTokenHash', tokenHash);
        if (now.getTime() - Date.parse(found.lastSeenAt) >= touchEveryMs) await touchSession(deps.db, tokenHash, now.toISOString());
      }
    }
  }
  if (!changesAccounts(c.req.method, c.req.path)) return next();
  try {
    await next();
  } finally {
    cache.clear();
  }
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
