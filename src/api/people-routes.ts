import { Hono } from 'hono';
import { systemAuthorNames } from '../domain/user';
import { userDisplayNames } from '../db/user-queries';
import type { AppEnv } from './deps';
import { requirePermission } from './auth';
import { doc, ok, problems } from './openapi-doc';

/** Display names by username, for every role that reads the data: histories and bylines name people, not usernames. */
export function peopleRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', doc('Nombres para mostrar de las personas que aparecen como autoras', { ...ok(200, 'Nombre por usuario'), ...problems(401, 403) }), requirePermission('readForums'), async (c) => c.json({ names: { ...systemAuthorNames, ...(await userDisplayNames(c.get('deps').db)) } }));
  return app;
}
