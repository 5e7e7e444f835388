import { Hono } from 'hono';
import { idParam } from '../domain/common';
import { changedForumFields, forumInputSchema, forumListQuerySchema, forumUpdateSchema } from '../domain/forum';
import { deleteForum, forumYears, getForum, insertForum, listForums, updateForum } from '../db/forum-queries';
import { auditFor, writeAudit } from '../db/audit-queries';
import type { AppEnv } from './deps';
import { requirePermission, requireUser } from './auth';
import { HttpProblem } from './problem';
import { readBody, readParam, readQuery } from './validate';

const notFound = () => new HttpProblem(404, 'No existe un foro con ese identificador.');

export function forumRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', requirePermission('readForums'), async (c) => {
    const query = readQuery(c, forumListQuerySchema);
    return c.json(await listForums(c.get('deps').db, query));
  });

  app.get('/years', requirePermission('readForums'), async (c) => c.json({ items: await forumYears(c.get('deps').db) }));

  app.post('/', requirePermission('writeForums'), async (c) => {
    const deps = c.get('deps');
    const user = requireUser(c);
    const input = await readBody(c, forumInputSchema);
    const now = deps.now().toISOString();
    const id = await deps.db.transaction().execute(async (tx) => {
      const newId = await insertForum(tx, input, user.username, now);
      await writeAudit(tx, { at: now, userId: user.id, username: user.username, action: 'create', entity: 'forum', entityId: newId, changes: [] });
      return newId;
    });
    const forum = await getForum(deps.db, id);
    c.header('Location', `/api/forums/${id}`);
    return c.json(forum, 201);
  });

  app.get('/:id', requirePermission('readForums'), async (c) => {
    const forum = await getForum(c.get('deps').db, readParam(c, 'id', idParam));
    if (!forum) throw notFound();
    return c.json(forum);
  });

  app.get('/:id/history', requirePermission('readAudit'), async (c) => {
    const deps = c.get('deps');
    const id = readParam(c, 'id', idParam);
    const entries = await auditFor(deps.db, 'forum', id);
    if (entries.length === 0 && !(await getForum(deps.db, id))) throw notFound();
    return c.json({ items: entries });
  });

  app.put('/:id', requirePermission('writeForums'), async (c) => {
    const deps = c.get('deps');
    const user = requireUser(c);
    const id = readParam(c, 'id', idParam);
    const { version, ...input } = await readBody(c, forumUpdateSchema);
    const now = deps.now().toISOString();
    const outcome = await deps.db.transaction().execute(async (tx) => {
      const current = await getForum(tx, id);
      if (!current) return { kind: 'missing' as const };
      if (current.version !== version) return { kind: 'stale' as const, current };
      const changes = changedForumFields(current, input);
      await updateForum(tx, id, version, input, user.username, now);
      await writeAudit(tx, { at: now, userId: user.id, username: user.username, action: 'update', entity: 'forum', entityId: id, changes });
      return { kind: 'ok' as const };
    });
    if (outcome.kind === 'missing') throw notFound();
    if (outcome.kind === 'stale') {
      throw new HttpProblem(409, 'Otra persona guardó cambios en este foro mientras usted editaba.', {
        detail: `Usted partió de la versión ${version}; la versión guardada es la ${outcome.current.version}.`,
        current: outcome.current,
      });
    }
    return c.json(await getForum(deps.db, id));
  });

  app.delete('/:id', requirePermission('writeForums'), async (c) => {
    const deps = c.get('deps');
    const user = requireUser(c);
    const id = readParam(c, 'id', idParam);
    const now = deps.now().toISOString();
    const deleted = await deps.db.transaction().execute(async (tx) => {
      const forum = await getForum(tx, id);
      if (!forum) return false;
      await deleteForum(tx, id);
      await writeAudit(tx, { at: now, userId: user.id, username: user.username, action: 'delete', entity: 'forum', entityId: id, changes: [forum.title] });
      return true;
    });
    if (!deleted) throw notFound();
    return c.body(null, 204);
  });

  return app;
}
