import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { can, type Permission, type SessionUser } from '../domain/user';
import { findSessionUser } from '../db/user-queries';
import type { AppEnv } from './deps';
import { HttpProblem } from './problem';
import { sha256Hex } from './passwords';

export const sessionCookie = 'foros_session';
export const sessionDays = 7;

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

/** Resolves the session cookie to a user (or null) for every request. */
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
      const found = await findSessionUser(deps.db, tokenHash, now.toISOString());
      if (found) {
        const user: SessionUser = Object.freeze({ id: found.id, username: found.username, displayName: found.displayName, role: found.role });
        cache.set(token, { tokenHash, user, untilMs: Math.min(now.getTime() + sessionCacheMs, Date.parse(found.sessionExpiresAt)) }, generation);
        c.set('user', user);
        c.set('sessionTokenHash', tokenHash);
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
