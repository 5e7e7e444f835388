import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiDeps, AppEnv, ResolvedDeps } from './deps';
import { loadSession, sameOriginOnly } from './auth';
import { HttpProblem, problem } from './problem';
import { defaultPasswordIterations } from './passwords';
import { AttemptLimiter } from './rate-limit';
import { sessionRoutes } from './session-routes';
import { userRoutes } from './user-routes';
import { forumRoutes } from './forum-routes';
import { isMetricsImportPath, metricsRoutes } from './metrics-routes';
import { consultationRoutes, isConsultationImportPath } from './consultation-routes';
import { reportRoutes } from './report-routes';
import { exportRoutes } from './export-routes';
import { openApiDocument } from './openapi';

/** The whole API as a Hono app. Runs in Node (server) and in the browser or jsdom (through msw). */
export function createApi(deps: ApiDeps) {
  const resolved: ResolvedDeps = {
    db: deps.db,
    now: deps.now ?? (() => new Date()),
    passwordIterations: deps.passwordIterations ?? defaultPasswordIterations,
    secureCookies: deps.secureCookies ?? false,
    loginAttempts: deps.loginAttempts ?? { max: 5, windowMs: 15 * 60_000 },
    rasterizeSvg: deps.rasterizeSvg ?? null,
  };
  const limiter = new AttemptLimiter(resolved.loginAttempts.max, resolved.loginAttempts.windowMs);

  const app = new Hono<AppEnv>().basePath('/api');

  app.use('*', async (c, next) => {
    c.set('deps', resolved);
    c.header('Cache-Control', 'no-store');
    await next();
  });
  const jsonBodyLimit = bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) => problem(c, 413, 'La petición es demasiado grande (máximo 1 MB).'),
  });
  // The metrics import takes CSV files up to 6 MB and sets that limit on its own route (metrics-routes.ts).
  // The consultation import (a form export's rows as JSON, up to 30 MB) does the same (consultation-routes.ts).
  // GET and HEAD carry no body: skipping them also spares the Node server building a full Request per read.
  const bodyless = (method: string) => method === 'GET' || method === 'HEAD';
  app.use('*', (c, next) => (bodyless(c.req.method) || isMetricsImportPath(c.req.path) || isConsultationImportPath(c.req.path) ? next() : jsonBodyLimit(c, next)));
  app.use('*', sameOriginOnly);
  app.use('*', loadSession);

  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.route('/session', sessionRoutes(limiter));
  app.route('/users', userRoutes());
  app.route('/forums', forumRoutes());
  app.route('/', metricsRoutes());
  app.route('/consultations', consultationRoutes());
  app.route('/reports', reportRoutes());

  app.route('/', exportRoutes());

  app.notFound((c) => problem(c, 404, 'No existe ese recurso de la API.'));
  app.onError((err, c) => {
    if (err instanceof HttpProblem) return problem(c, err.status, err.title, err.extra);
    console.error(err);
    return problem(c, 500, 'Ocurrió un error inesperado en el servidor. Inténtelo de nuevo.');
  });
  return app;
}

export type ForosApi = ReturnType<typeof createApi>;
