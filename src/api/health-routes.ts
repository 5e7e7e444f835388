import { Hono } from 'hono';
import { migrationState } from '../db/health-queries';
import type { AppEnv } from './deps';
import { doc, ok, problems } from './openapi-doc';
import { HttpProblem, problem } from './problem';
import { memoryLimiter, retryAfterSeconds } from './public-limit';
import { clientAddress } from './request-info';

export const healthPath = '/api/health';

/** Per address and minute: a load balancer asks every few seconds. */
export const healthRateLimit = { max: 60, windowMs: 60_000 } as const;

export const healthMessages = {
  ok: 'Foros está listo: la base de datos responde y su esquema está al día.',
  unreachable: 'La base de datos no responde.',
  pending: 'La base de datos no está al día: faltan migraciones de esta versión.',
  unknown: 'La base de datos fue migrada por una versión más nueva de Foros.',
  rateLimited: 'Demasiadas consultas del estado del servidor desde su conexión. Espere un minuto e inténtelo de nuevo.',
} as const;

/**
 * `GET /api/health`, for load balancers and operators: 200 `{ ok: true }` when the database answers and has run
 * exactly this version's migrations, else 503 (problem+json, `ok: false`, Spanish title). No session (the session
 * check skips this path), no data of the office, no error details (those go to the log). Its rate limit is kept
 * in this process's memory, unlike the others: it must answer when the database does not.
 */
export function healthRoutes() {
  const app = new Hono<AppEnv>();
  const limiter = memoryLimiter(healthRateLimit);
  app.get('/', doc('Estado del servidor para balanceadores de carga (sin sesión)', { ...ok(200, 'Listo'), ...problems(429, 503) }, { security: [] }), async (c) => {
    const deps = c.get('deps');
    const { allowed, retryAfterMs } = limiter.hit(clientAddress(c), deps.now().getTime());
    if (!allowed) {
      c.header('Retry-After', retryAfterSeconds(retryAfterMs));
      throw new HttpProblem(429, healthMessages.rateLimited);
    }
    let state: Awaited<ReturnType<typeof migrationState>>;
    try {
      state = await migrationState(deps.rootDb);
    } catch (error) {
      deps.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'estado: la base de datos no responde');
      return problem(c, 503, healthMessages.unreachable, { ok: false, database: 'error', migrations: 'unknown' });
    }
    if (state.pending.length > 0) return problem(c, 503, healthMessages.pending, { ok: false, database: 'ok', migrations: 'pending', pending: state.pending.length });
    if (state.unknown.length > 0) return problem(c, 503, healthMessages.unknown, { ok: false, database: 'ok', migrations: 'newer', unknown: state.unknown.length });
    return c.json({ ok: true, database: 'ok', migrations: 'current', message: healthMessages.ok });
  });
  return app;
}
