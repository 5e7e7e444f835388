import { Hono } from 'hono';
import { idParam } from '../domain/common';
import { changedForumFields, forumInputSchema, forumListQuerySchema, forumUpdateSchema } from '../domain/forum';
import { deleteForum, forumYears, getForum, insertForum, listForums, updateForum } from '../db/forum-queries';
import { auditFor } from '../db/audit-queries';
import type { AppEnv } from './deps';
import { doc, jsonBody, ok, pathParams, problems, queryParams } from './openapi-doc';
import { requirePermission } from './auth';
import { change, stale } from './change';
import { HttpProblem } from './problem';
import { readParam } from './validate';

const forumListQuery = queryParams(forumListQuerySchema);
const forumInputBody = jsonBody(forumInputSchema, 'ForumInput');
const forumUpdateBody = jsonBody(forumUpdateSchema, 'ForumUpdate');

/** The 404 of a forum route (its metrics too). */
export const forumNotFound = () => new HttpProblem(404, 'No existe un foro con ese identificador.');
const staleTitle = 'Otra persona guardó cambios en este foro mientras usted editaba.';

export function forumRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', requirePermission('readForums'), doc('Buscar foros', { ...ok(200, 'Página de foros'), ...problems(400, 401) }), forumListQuery, async (c) => {
    const query = forumListQuery.read(c);
    return c.json(await listForums(c.get('deps').db, query));
  });

  app.get('/years', requirePermission('readForums'), doc('Vigencias con foros', { ...ok(200, 'Años') }), async (c) => c.json({ items: await forumYears(c.get('deps').db) }));

  // A forum's year's report follows it (a new section; statistics with its title and date): touched years.
  app.post('/', requirePermission('writeForums'), doc('Crear foro', { ...ok(201, 'Foro creado'), ...problems(400, 401, 403) }), forumInputBody, async (c) => {
    const input = await forumInputBody.read(c);
    const forum = await change(c, async ({ tx, user, now }) => {
      const id = await insertForum(tx, input, user.username, now);
      return { result: (await getForum(tx, id))!, audit: [{ action: 'create', entity: 'forum', entityId: id, changes: [] }], touched: { years: [input.year] } };
    });
    c.header('Location', `/api/forums/${forum.id}`);
    return c.json(forum, 201);
  });

  app.get('/:id', requirePermission('readForums'), doc('Foro', { ...ok(200, 'Foro'), ...problems(401, 404) }, { parameters: pathParams({ id: idParam }) }), async (c) => {
    const forum = await getForum(c.get('deps').db, readParam(c, 'id', idParam));
    if (!forum) throw forumNotFound();
    return c.json(forum);
  });

  app.get('/:id/history', requirePermission('readAudit'), doc('Historial del foro', { ...ok(200, 'Entradas del registro de auditoría'), ...problems(401, 404) }, { parameters: pathParams({ id: idParam }) }), async (c) => {
    const deps = c.get('deps');
    const id = readParam(c, 'id', idParam);
    const entries = await auditFor(deps.db, 'forum', id);
    if (entries.length === 0 && !(await getForum(deps.db, id))) throw forumNotFound();
    return c.json({ items: entries });
  });

  app.put('/:id', requirePermission('writeForums'), doc('Guardar foro (con su versión)', { ...ok(200, 'Foro'), ...problems(400, 401, 403, 404, 409) }, { parameters: pathParams({ id: idParam }) }), forumUpdateBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    const { version, ...input } = await forumUpdateBody.read(c);
    return c.json(
      await change(c, async ({ tx, user, now }) => {
        const current = await getForum(tx, id);
        if (!current) throw forumNotFound();
        if (current.version !== version || !(await updateForum(tx, id, version, input, user.username, now))) throw stale(staleTitle, version, current);
        return {
          result: (await getForum(tx, id))!,
          audit: [{ action: 'update', entity: 'forum', entityId: id, changes: changedForumFields(current, input) }],
          // A forum that moves to another year leaves the old year's statistics and joins the new year's report.
          touched: { years: [current.year, input.year] },
        };
      }),
    );
  });

  app.delete('/:id', requirePermission('writeForums'), doc('Eliminar foro', { ...ok(204, 'Eliminado'), ...problems(401, 403, 404) }, { parameters: pathParams({ id: idParam }) }), async (c) => {
    const id = readParam(c, 'id', idParam);
    await change(c, async ({ tx }) => {
      const forum = await getForum(tx, id);
      if (!forum) throw forumNotFound();
      await deleteForum(tx, id);
      return { result: null, audit: [{ action: 'delete', entity: 'forum', entityId: id, changes: [forum.title] }], touched: { years: [forum.year] } };
    });
    return c.body(null, 204);
  });

  return app;
}
