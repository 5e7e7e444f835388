import type { Kysely } from 'kysely';
import { parse as parseCookies } from 'hono/utils/cookie';
import { idParam } from '../domain/common';
import { forumListQuerySchema } from '../domain/forum';
import { can } from '../domain/user';
import type { Database } from '../db/schema';
import { getForum, listForums } from '../db/forum-queries';
import { firstOrganizationId } from '../db/org-scope';
import { resolveSession, sessionCookie } from './auth';
import type { ResolvedDeps } from './deps';
import { queryObject } from './validate';

/**
 * The two hottest reads of the API — a forum (`GET /api/forums/:id`) and the forum list (`GET /api/forums?…`) —
 * answered without Hono's request, context, middleware chain and Headers objects (issue 12: under 20 clients they
 * were most of the server's CPU). The Node server (start-server.ts) asks here first for a plain GET of one of these
 * addresses and gets, for the ordinary case only, the very answer the API app gives: the same session check
 * (`resolveSession`, from the database, every time), permission, organisation scope, validation, query and JSON, and
 * the same log line. Anything else — no or unknown session, a role without the permission, an id or query the
 * schemas refuse, a forum that does not exist, an error — returns null, and the request goes through the API app,
 * which answers it (401, 403, 400, 404, 500) as before. tests/api/fast-reads.test.ts compares both answers.
 *
 * The security headers and the connection handling stay the server's (it adds the same ones to these answers).
 */
export interface FastReadRequest {
  /** The request target's path, as sent (`/api/forums/12`). */
  path: string;
  /** What follows `?` in the target, as sent ('' without one). */
  query: string;
  /** The Cookie header (one at most: with several the server does not ask here). */
  cookie: string | undefined;
}

export interface FastReadAnswer {
  status: 200;
  body: string;
  /** The API's own headers of the answer (the server adds its security headers and Content-Length). */
  headers: Record<string, string>;
}

export type FastRead = (request: FastReadRequest) => Promise<FastReadAnswer | null>;

const detailPath = /^\/api\/forums\/([1-9]\d{0,15})$/;
/** Printable ASCII without `#` or `\`: anything else (which URL parsing would re-encode or cut) takes the usual path. */
const plainQuery = /^[!"$-[\]-~]*$/;

/** Whether the fast reads may answer a GET to this path (the server does not ask for any other). */
export function isFastReadPath(path: string): boolean {
  return path === '/api/forums' || detailPath.test(path);
}

export function createFastReads(resolved: ResolvedDeps, scoped: (organizationId: number) => Kysely<Database>): FastRead {
  const answer = (body: string, route: string, started: number): FastReadAnswer => {
    const requestId = crypto.randomUUID();
    // The API app's log line of a read (create-api.ts).
    resolved.logger.info({ reqId: requestId, method: 'GET', route, status: 200, ms: Date.now() - started }, 'petición');
    return { status: 200, body, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-request-id': requestId } };
  };
  return async ({ path, query, cookie }) => {
    const started = Date.now();
    const detail = detailPath.exec(path);
    if (!detail && path !== '/api/forums') return null;
    if (!plainQuery.test(query)) return null;
    const token = cookie === undefined ? undefined : parseCookies(cookie, sessionCookie)[sessionCookie];
    const session = await resolveSession(resolved, token);
    if (!session || !can(session.user.role, 'readForums')) return null;
    const db = session.user.organizationId === firstOrganizationId ? resolved.db : scoped(session.user.organizationId);
    if (detail) {
      // The route's own parameter check (readParam): a query string changes nothing for it.
      const id = idParam.safeParse(detail[1]);
      if (!id.success) return null;
      const forum = await getForum(db, id.data);
      return forum ? answer(JSON.stringify(forum), '/api/forums/:id', started) : null;
    }
    const parsed = forumListQuerySchema.safeParse(queryObject(new URLSearchParams(query)));
    if (!parsed.success) return null;
    return answer(JSON.stringify(await listForums(db, parsed.data)), '/api/forums', started);
  };
}
