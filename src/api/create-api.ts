import { Hono, type Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { ApiDeps, ApiLogger, AppEnv, ResolvedDeps } from './deps';
import { loadSession, sameOriginOnly } from './auth';
import { HttpProblem, problem } from './problem';
import { defaultPasswordIterations } from './passwords';
import { defaultLoginLimits } from './rate-limit';
import { hitLimit, leasedLimiter, retryAfterSeconds } from './public-limit';
import { clientAddress } from './request-info';
import { sessionRoutes } from './session-routes';
import { peopleRoutes } from './people-routes';
import { userRoutes } from './user-routes';
import { organizationRoutes } from './organization-routes';
import { isLogoPath, logoMaxBytes, ownOrganizationRoutes } from './organization-logo';
import { logoMessages } from '../domain/organization-logo';
import { forumRoutes } from './forum-routes';
import { isMetricsImportPath, metricsImportMaxBytes, metricsRoutes } from './metrics-routes';
import { metricsApiMessages } from '../domain/metrics-update';
import { consultationMessages } from '../domain/consultation';
import { consultationImportMaxBytes, consultationRoutes, isConsultationImportPath } from './consultation-routes';
import { reportRoutes } from './report-routes';
import { reviewRoutes } from './review-routes';
import { sectionRoutes } from './section-routes';
import { exportRoutes } from './export-routes';
import { isQuestionImportPath, questionImportMaxBytes, questionRoutes } from './question-routes';
import { questionImportMessages } from '../domain/question-import';
import { commitmentImportMaxBytes, commitmentRoutes, isCommitmentImportPath } from './commitment-routes';
import { evaluationImportMaxBytes, evaluationRoutes, isEvaluationImportPath } from './evaluation-routes';
import { commitmentMessages } from '../domain/commitment';
import { evaluationMessages } from '../domain/evaluation';
import { publicationRoutes } from './publication-routes';
import { publicRoutes } from './public-routes';
import { moderationRoutes } from './moderation-routes';
import { isVotePath, randomSecret, voteLimits } from './public-vote';
import { askMessages, isAskPath } from './public-questions';
import { isEvaluatePath } from './public-evaluation';
import { healthPath, healthRoutes } from './health-routes';
import { openApiDocument } from './openapi';
import { doc, ok } from './openapi-doc';
import { BodyAbortedProblem } from './validate';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { firstOrganizationId, forOrganization } from '../db/org-scope';
import { findOrganizationBySlug, organizationTimeZone } from '../db/organization-lookup';
import { defaultTimeZone } from '../domain/organization';
import { todayIn } from '../domain/zoned-date';

/** Unexpected errors on the console; nothing else (tests, the browser mock). The Node server passes pino. */
const consoleErrorsOnly: ApiLogger = {
  info: () => {},
  warn: () => {},
  error: (fields, message) => console.error(message, fields),
};

const kb = 1024;
const mb = 1024 * kb;

/**
 * The largest body each route takes, checked from Content-Length before anything is read (and while reading a
 * chunked body): logging in and the account routes a few KB, ordinary JSON 1 MB, only the two imports megabytes.
 */
const bodyLimits: { match: (path: string) => boolean; maxBytes: number; message: string }[] = [
  { match: (path) => path === '/api/session', maxBytes: 4 * kb, message: 'La petición es demasiado grande (máximo 4 KB).' },
  { match: (path) => path.startsWith('/api/users'), maxBytes: 16 * kb, message: 'La petición es demasiado grande (máximo 16 KB).' },
  // An organisation's logo: the image itself, up to 256 KB (organization-logo.ts).
  { match: isLogoPath, maxBytes: logoMaxBytes, message: logoMessages.tooLarge },
  { match: (path) => path.startsWith('/api/organizations'), maxBytes: 16 * kb, message: 'La petición es demasiado grande (máximo 16 KB).' },
  // The public pages' API: read-only today; the citizen forms that land later stay small.
  { match: isVotePath, maxBytes: 8 * kb, message: 'El voto es demasiado largo (máximo 8 KB).' },
  { match: isAskPath, maxBytes: 8 * kb, message: askMessages.tooLarge },
  { match: isEvaluatePath, maxBytes: 8 * kb, message: 'La evaluación es demasiado larga (máximo 8 KB).' },
  { match: (path) => path.startsWith('/api/public/'), maxBytes: 2 * kb, message: 'La petición es demasiado grande (máximo 2 KB).' },
  { match: (path) => path.startsWith('/api/publication/'), maxBytes: 32 * kb, message: 'La petición es demasiado grande (máximo 32 KB).' },
  { match: isMetricsImportPath, maxBytes: metricsImportMaxBytes, message: metricsApiMessages.importTooLarge },
  { match: isConsultationImportPath, maxBytes: consultationImportMaxBytes, message: consultationMessages.importTooLarge },
  { match: isCommitmentImportPath, maxBytes: commitmentImportMaxBytes, message: commitmentMessages.importTooLarge },
  { match: isEvaluationImportPath, maxBytes: evaluationImportMaxBytes, message: evaluationMessages.importTooLarge },
  { match: isQuestionImportPath, maxBytes: questionImportMaxBytes, message: questionImportMessages.tooLarge },
];
const defaultBodyLimit = { maxBytes: mb, message: 'La petición es demasiado grande (máximo 1 MB).' };

/** Content types a state-changing route accepts other than JSON (the metrics import takes the file itself). */
const otherBodyTypes: { match: (path: string) => boolean; type: RegExp; message: string }[] = [
  // The logo: any declared type (or none); its bytes decide what it is (PNG, JPEG or WebP).
  { match: isLogoPath, type: /^/, message: logoMessages.notImage },
  { match: isMetricsImportPath, type: /^(text\/csv|application\/octet-stream)\s*(;|$)/i, message: metricsApiMessages.importContentType },
  // The citizen's vote: JSON, or the public page's HTML form (works without JavaScript).
  { match: isVotePath, type: /^(application\/json|application\/x-www-form-urlencoded)\s*(;|$)/i, message: 'El voto debe enviarse como JSON o desde el formulario de la página.' },
  { match: isEvaluatePath, type: /^(application\/json|application\/x-www-form-urlencoded)\s*(;|$)/i, message: 'La evaluación debe enviarse como JSON o desde el formulario de la página.' },
  { match: isAskPath, type: /^(application\/json|application\/x-www-form-urlencoded)\s*(;|$)/i, message: 'La pregunta debe enviarse como JSON o desde el formulario de la página.' },
];

/**
 * Holds the request's body to `maxBytes`: refused at once from its Content-Length, and, for a body that comes
 * in chunks, refused (413) as soon as the bytes read pass the limit. A body whose sender goes away fails with
 * BodyAbortedProblem, whoever reads it.
 */
function guardBody(c: Context<AppEnv>, maxBytes: number, message: string): Response | null {
  const source = c.req.raw.body;
  if (!source) return null;
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > maxBytes) return problem(c, 413, message);
  const reader = source.getReader();
  let size = 0;
  const guarded = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        controller.error(new BodyAbortedProblem());
        return;
      }
      if (chunk.done) return controller.close();
      size += chunk.value.byteLength;
      if (size > maxBytes) {
        controller.error(new HttpProblem(413, message));
        void reader.cancel().catch(() => {});
        return;
      }
      controller.enqueue(chunk.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  c.req.raw = new Request(c.req.raw, { body: guarded, duplex: 'half' } as RequestInit);
  return null;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The route pattern a request matched ('/api/forums/:id'), for logs: never the raw path or its query. */
function routeOf(c: Context): string {
  const routes = matchedRoutes(c).filter((r) => r.method !== 'ALL');
  return routes.length > 0 ? routes[routes.length - 1].path : '(sin ruta)';
}

/** A Hono path pattern ('/api/forums/:id') as a regular expression. */
function patternRegex(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      const param = /^:[A-Za-z0-9_]+(\{(.+)\})?$/.exec(segment);
      if (param) return param[2] ? `(?:${param[2]})` : '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

const readsNoBody = (method: string) => method === 'GET' || method === 'HEAD';

interface Route {
  method: string;
  path: string;
  regex: RegExp;
}

/** The first segment after /api/ of a path ('forums' for /api/forums/12), '' for /api itself. */
function apiSegment(path: string): string {
  const rest = path.startsWith('/api/') ? path.slice(5) : '';
  const slash = rest.indexOf('/');
  return slash === -1 ? rest : rest.slice(0, slash);
}

/** Routes by their first segment after /api/; a route whose first segment is a parameter or wildcard is in every group. */
function groupRoutes(routes: Route[]) {
  const anySegment = routes.filter((r) => /^[:*]/.test(apiSegment(r.path)) || !r.path.startsWith('/api/'));
  const bySegment = new Map<string, Route[]>();
  for (const route of routes) {
    const segment = apiSegment(route.path);
    if (/^[:*]/.test(segment) || !route.path.startsWith('/api/')) continue;
    if (!bySegment.has(segment)) bySegment.set(segment, [...anySegment]);
    bySegment.get(segment)!.push(route);
  }
  // In registration order, as before (the Allow header lists the methods in that order).
  for (const group of bySegment.values()) group.sort((a, b) => routes.indexOf(a) - routes.indexOf(b));
  return { bySegment, anySegment };
}

export const publicOrganizationMissing = 'No existe una entidad con esa dirección.';

/** Writes per minute per account (or address) by default: far above a person's pace. */
export const defaultWritesPerMinute = 600;
export const writeRateMessage = 'Demasiados cambios en poco tiempo. Espere un minuto e inténtelo de nuevo.';
/** Reads per minute per account (or address) by default: a page load asks for a handful, a person never 20 a second. */
export const defaultReadsPerMinute = 1_200;
export const readRateMessage = 'Demasiadas consultas en poco tiempo. Espere un momento e inténtelo de nuevo.';

/**
 * One scoped database per organisation, made on first use and kept (a few hundred organisations at most; each is a
 * Kysely instance sharing the root's connection pool).
 */
function scopedDatabases(root: Kysely<Database>) {
  const made = new Map<number, Kysely<Database>>();
  return (organizationId: number) => {
    let db = made.get(organizationId);
    if (!db) {
      db = forOrganization(root, organizationId);
      if (made.size >= 10_000) made.clear();
      made.set(organizationId, db);
    }
    return db;
  };
}

/** The whole API as a Hono app. Runs in Node (server) and in the browser or jsdom (through msw). */
export function createApi(deps: ApiDeps) {
  const scoped = scopedDatabases(deps.db);
  const now = deps.now ?? (() => new Date());
  const resolved: ResolvedDeps = {
    db: scoped(firstOrganizationId),
    rootDb: deps.db,
    now,
    timeZone: defaultTimeZone,
    today: () => todayIn(defaultTimeZone, now()),
    passwordIterations: deps.passwordIterations ?? defaultPasswordIterations,
    secureCookies: deps.secureCookies ?? false,
    loginLimits: { ...defaultLoginLimits, ...deps.loginLimits },
    session: { idleMs: 8 * 3600_000, maxMs: 24 * 3600_000, ...deps.session },
    connection: deps.connection ?? (() => ({})),
    trustProxy: deps.trustProxy ?? false,
    logger: deps.logger ?? consoleErrorsOnly,
    passwordChecks: deps.passwordChecks ?? 1,
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    yieldToOthers: deps.yieldToOthers ?? macrotask,
    rasterizeSvg: deps.rasterizeSvg ?? null,
    chartImages: deps.chartImages ?? null,
    renderReportPdf: deps.renderReportPdf ?? null,
    voteSecret: deps.voteSecret ?? randomSecret(),
    publicFormMinMs: deps.publicFormMinMs ?? voteLimits.minSubmitMs,
    writesPerMinute: deps.writesPerMinute ?? defaultWritesPerMinute,
    readsPerMinute: deps.readsPerMinute ?? defaultReadsPerMinute,
  };

  const app = new Hono<AppEnv>().basePath('/api');
  for (const middleware of deps.first ?? []) app.use('*', middleware);

  // Every request: its id (X-Request-Id), no caching, and one log line when answered.
  app.use('*', async (c, next) => {
    const started = Date.now();
    c.set('deps', resolved);
    c.set('requestId', crypto.randomUUID());
    c.header('Cache-Control', 'no-store');
    c.header('X-Request-Id', c.get('requestId'));
    await next();
    // Logged once by onError. Only a request with a body can be cut short while it is read; a read's signal is not
    // looked at (on the Node server, asking for it builds a whole Web Request and AbortController per request).
    if (c.error instanceof BodyAbortedProblem || (!readsNoBody(c.req.method) && c.req.raw.signal?.aborted)) return;
    // A load balancer's probe every few seconds: only its failures are worth a line.
    if (c.res.status === 200 && c.req.path === healthPath) return;
    const fields = { reqId: c.get('requestId'), method: c.req.method, route: routeOf(c), status: c.res.status, ms: Date.now() - started };
    if (c.res.status >= 500) resolved.logger.error(fields, 'petición');
    else resolved.logger.info(fields, 'petición');
  });

  // Unknown path → 404, known path with another method → 405 (with Allow), both as problem+json, before anything else.
  // The routes are grouped by the segment after /api/ (a parameter or wildcard there goes to every group), so a
  // request tests the patterns of its own resource only.
  let known: { bySegment: Map<string, Route[]>; anySegment: Route[] } | null = null;
  app.use('*', async (c, next) => {
    known ??= groupRoutes(app.routes.filter((r) => r.method !== 'ALL').map((r) => ({ method: r.method, path: r.path, regex: patternRegex(r.path) })));
    const path = c.req.path;
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const candidates = known.bySegment.get(apiSegment(path)) ?? known.anySegment;
    const matching = candidates.filter((r) => r.regex.test(path));
    if (matching.length === 0) return problem(c, 404, 'No existe ese recurso de la API.');
    if (!matching.some((r) => r.method === method)) {
      const allow = [...new Set(matching.map((r) => r.method))].join(', ');
      c.header('Allow', allow);
      return problem(c, 405, `Este recurso de la API no admite ${c.req.method}.`, { detail: `Métodos admitidos: ${allow}.` });
    }
    await next();
  });

  // State-changing requests: from the app itself (same origin), with the content type the route reads.
  app.use('*', sameOriginOnly);
  app.use('*', async (c, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
    const type = c.req.header('content-type') ?? '';
    const other = otherBodyTypes.find((o) => o.match(c.req.path));
    if (other) {
      if (!other.type.test(type)) throw new HttpProblem(415, other.message);
    } else if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new HttpProblem(415, 'El cuerpo de la petición debe ser JSON (Content-Type: application/json), aunque esté vacío.');
    }
    await next();
  });
  app.use('*', loadSession);
  // From here on, the request's store is its organisation's (org-scope.ts): a logged-in person's; the public routes
  // under /api/public/o/:slug/ set theirs below; anyone else's stays the first organisation's (the older public
  // addresses). The routes need no `where` of their own.
  // With it, its time zone (deps.timeZone, deps.today()): every "today" of the request is the organisation's.
  const forOrganizationOf = (organizationId: number, timeZone: string): ResolvedDeps => ({ ...resolved, db: scoped(organizationId), timeZone, today: () => todayIn(timeZone, now()) });
  app.use('*', async (c, next) => {
    c.set('publicSlug', null);
    if (c.req.path.startsWith('/api/public/')) {
      // The public pages' data is the organisation's of the address, whoever asks (a logged-in person included).
      const slug = /^\/api\/public\/o\/([^/]+)\//.exec(c.req.path)?.[1];
      if (slug !== undefined) {
        const organization = await findOrganizationBySlug(resolved.rootDb, slug);
        if (!organization) throw new HttpProblem(404, publicOrganizationMissing);
        c.set('publicSlug', organization.slug);
        c.set('deps', forOrganizationOf(organization.id, organization.timeZone));
      } else {
        const timeZone = await organizationTimeZone(resolved.rootDb, firstOrganizationId);
        if (timeZone && timeZone !== defaultTimeZone) c.set('deps', forOrganizationOf(firstOrganizationId, timeZone));
      }
      return next();
    }
    const user = c.get('user');
    const timeZone = c.get('sessionTimeZone') ?? defaultTimeZone;
    if (user && (user.organizationId !== firstOrganizationId || timeZone !== defaultTimeZone)) c.set('deps', forOrganizationOf(user.organizationId, timeZone));
    await next();
  });
  // Every write is rate limited: per account (per address without a session), a fixed one-minute window. A person
  // saves a few times a minute; a script gone wrong, or a stolen session, gets 429 instead of the whole server.
  // Counted in the database (public-limit.ts), so several server processes share the count.
  const writes = { max: resolved.writesPerMinute, windowMs: 60_000 };
  // Reads too, per account (per address without a session), so no route is without a limit: counted in the database
  // in blocks (a twentieth of the limit at a time, at most 100; public-limit.ts), a read costs a look-up in memory. The public
  // routes have their own limits per address and route; the health check its own, in memory (health-routes.ts).
  const reads = leasedLimiter({ max: resolved.readsPerMinute, windowMs: 60_000, lease: Math.min(100, Math.ceil(resolved.readsPerMinute / 20)) });
  app.use('*', async (c, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      if (c.req.path.startsWith('/api/public/') || c.req.path === healthPath) return next();
      const user = c.get('user');
      const { allowed, retryAfterMs } = await reads.hit(resolved.rootDb, user ? `reads|user|${user.id}` : `reads|address|${clientAddress(c)}`, resolved.now().getTime());
      if (!allowed) {
        c.header('Retry-After', retryAfterSeconds(retryAfterMs));
        throw new HttpProblem(429, readRateMessage);
      }
      return next();
    }
    // Logging in has its own, stricter throttle (rate-limit.ts).
    if (c.req.path === '/api/session') return next();
    const user = c.get('user');
    const { allowed, retryAfterMs } = await hitLimit(resolved.rootDb, user ? `writes|user|${user.id}` : `writes|address|${clientAddress(c)}`, resolved.now().getTime(), writes);
    if (!allowed) {
      c.header('Retry-After', retryAfterSeconds(retryAfterMs));
      throw new HttpProblem(429, writeRateMessage);
    }
    await next();
  });
  // The body limit of the route; megabytes only for someone logged in (an anonymous import gets 1 MB, then its 401).
  // GET and HEAD carry no body: skipping them also spares the Node server building a full Request per read.
  app.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const limit = bodyLimits.find((l) => l.match(c.req.path)) ?? defaultBodyLimit;
    const maxBytes = c.get('user') ? limit.maxBytes : Math.min(limit.maxBytes, defaultBodyLimit.maxBytes);
    const refused = guardBody(c, maxBytes, limit.message);
    if (refused) return refused;
    await next();
  });

  // Generated once, from the routes registered below (they are all registered before the first request).
  let document: ReturnType<typeof openApiDocument> | null = null;
  app.get('/openapi.json', doc('Este documento (OpenAPI)', { ...ok(200, 'Documento OpenAPI') }, { security: [] }), async (c) => c.json(await (document ??= openApiDocument(app))));
  app.route('/health', healthRoutes());
  app.route('/session', sessionRoutes());
  app.route('/users', userRoutes());
  app.route('/organizations', organizationRoutes());
  app.route('/organization', ownOrganizationRoutes());
  app.route('/people', peopleRoutes());
  app.route('/forums', forumRoutes());
  app.route('/forums', evaluationRoutes());
  app.route('/commitments', commitmentRoutes());
  app.route('/', metricsRoutes());
  app.route('/consultations', consultationRoutes());
  app.route('/reports', reportRoutes());
  app.route('/reports/:year/sections', sectionRoutes());
  app.route('/reports/:year/sections', reviewRoutes());

  app.route('/', questionRoutes());
  app.route('/question-submissions', moderationRoutes());
  app.route('/', exportRoutes());
  app.route('/publication', publicationRoutes());
  app.route('/public', publicRoutes());
  app.route('/public/o/:slug', publicRoutes());

  app.notFound((c) => problem(c, 404, 'No existe ese recurso de la API.'));
  app.onError((err, c) => {
    const reqId = c.get('requestId');
    if (err instanceof BodyAbortedProblem || c.req.raw.signal?.aborted) {
      // The client went away while sending: one line, no stack.
      resolved.logger.warn({ reqId, method: c.req.method, route: routeOf(c) }, 'petición interrumpida por el cliente');
      return problem(c, 400, new BodyAbortedProblem().title);
    }
    if (err instanceof HttpProblem) return problem(c, err.status, err.title, err.extra);
    resolved.logger.error({ reqId, method: c.req.method, route: routeOf(c), error: err.message, stack: err.stack }, 'error inesperado');
    return problem(c, 500, 'Ocurrió un error inesperado en el servidor. Inténtelo de nuevo.');
  });
  return app;
}
