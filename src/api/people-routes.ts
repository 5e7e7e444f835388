import { Hono } from 'hono';
import { systemAuthorNames } from '../domain/user';
import { userDisplayNames } from '../db/user-queries';
import type { AppEnv } from './deps';
import { requirePermission } from './auth';

/** Display names by username, for every role that reads the data: histories and bylines name people, not usernames. */
export function peopleRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', requirePermission('readForums'), async (c) => c.json({ names: { ...systemAuthorNames, ...(await userDisplayNames(c.get('deps').db)) } }));
  return app;
}
