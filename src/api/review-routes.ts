import { Hono } from 'hono';
import { idParam } from '../domain/common';
import type { Permission } from '../domain/roles';
import { commentCreateSchema, reportMessages, requestChangesSchema, yearParam } from '../domain/report';
import { transition, workflowMessages, type SectionAction } from '../domain/report-workflow';
import { getComment, insertComment, listComments, resolveComment, setSectionWorkflow } from '../db/report-queries';
import { isGeneratedKind } from '../domain/report-sync';
import { generatedHash } from './report-generated';
import type { AppEnv } from './deps';
import { doc, jsonBody, noBody, ok, pathParams, problems } from './openapi-doc';
import { requirePermission } from './auth';
import { change } from './change';
import { HttpProblem, invalid } from './problem';
import { readParam } from './validate';
import { freshSection, readEmptyBody, refusal, requireRole, requireSection, sectionAudit, sectionParams, stateNames } from './report-common';

const commentCreateBody = jsonBody(commentCreateSchema, 'CommentCreate');
const requestChangesBody = jsonBody(requestChangesSchema, 'SectionRequestChanges');

const workflowSummaries = { submit: 'Enviar a revisión', approve: 'Aprobar (no una sección cuyo último cambio es suyo)', request_changes: 'Solicitar cambios con un comentario' } as const;

/** The review of a section, mounted at /api/reports/:year/sections: submit, approve, request changes, comments. */
export function reviewRoutes() {
  const app = new Hono<AppEnv>();

  const workflowRoute = (action: Exclude<SectionAction, 'edit'>, permission: Permission, message: string) =>
    app.post(
      `/:id/${action === 'request_changes' ? 'request-changes' : action}`,
      requireRole(permission, message),
      doc(workflowSummaries[action], { ...ok(200, 'Sección'), ...problems(400, 401, 403, 404, 409) }, { parameters: pathParams({ year: yearParam, id: idParam }) }),
      // Only a request for changes has a body (its comment); submit and approve take nothing, or {}.
      action === 'request_changes' ? requestChangesBody : noBody,
      async (c) => {
        const { year, id } = sectionParams(c);
        const request = action === 'request_changes' ? await requestChangesBody.read(c) : (await readEmptyBody(c), null);
        const body = await change(c, async ({ tx, user, now, today }) => {
          const row = await requireSection(tx, year, id);
          // Four eyes: whoever caused the section's last change (its text, or the figures or forum it is generated
          // from: see report-sync.ts) is its last editor, and the workflow refuses them the approval.
          const result = transition({ state: row.state, lastEditedBy: row.last_edited_by }, action, user, request ? { comment: request.comment } : {});
          if (!result.ok) throw refusal(result);
          let changes: string[] = [];
          if (action === 'submit') {
            await setSectionWorkflow(tx, id, { state: result.next, submitted_by: user.username });
            changes = ['enviada a revisión', `estado: ${stateNames[result.next]}`];
          } else if (action === 'approve') {
            // A generated section (statistics, questions, evaluation, commitments, follow-up) is approved for the data of
            // now (whose hash becomes its recorded hash too).
            const hash = isGeneratedKind(row.kind) ? await generatedHash(tx, year, row.kind, today) : null;
            await setSectionWorkflow(tx, id, { state: result.next, reviewed_by: user.username, approved_by: user.username, approved_at: now, approved_statistics_hash: hash, ...(hash ? { statistics_hash: hash } : {}) });
            changes = ['aprobada', `estado: ${stateNames[result.next]}`];
          } else if (request) {
            await setSectionWorkflow(tx, id, { state: result.next, reviewed_by: user.username, approved_by: null, approved_at: null, approved_statistics_hash: null });
            await insertComment(tx, id, { parentId: null, author: user.username, body: request.comment, quote: request.quote || null }, now);
            changes = ['cambios solicitados', `estado: ${stateNames[result.next]}`];
          }
          return { result: await freshSection(tx, year, id, today), audit: [sectionAudit(id, 'update', changes)] };
        });
        return c.json(body);
      },
    );
  workflowRoute('submit', 'writeReports', workflowMessages.cannotSubmit);
  workflowRoute('approve', 'reviewReports', workflowMessages.cannotReview);
  workflowRoute('request_changes', 'reviewReports', workflowMessages.cannotReview);

  /* ----- comments ----- */

  app.get('/:id/comments', requirePermission('readReports'), doc('Comentarios de la sección', { ...ok(200, 'Comentarios'), ...problems(401, 404) }, { parameters: pathParams({ year: yearParam, id: idParam }) }), async (c) => {
    const db = c.get('deps').db;
    const { year, id } = sectionParams(c);
    await requireSection(db, year, id);
    return c.json({ items: await listComments(db, id) });
  });

  app.post('/:id/comments', requirePermission('readReports'), doc('Comentar (o responder un comentario), citando un pasaje si se quiere', { ...ok(201, 'Comentario'), ...problems(400, 401, 404) }, { parameters: pathParams({ year: yearParam, id: idParam }) }), commentCreateBody, async (c) => {
    const { year, id } = sectionParams(c);
    const input = await commentCreateBody.read(c);
    const comment = await change(c, async ({ tx, user, now }) => {
      await requireSection(tx, year, id);
      if (input.parentId !== undefined && !(await getComment(tx, id, input.parentId))) throw invalid([{ path: 'parentId', message: reportMessages.parentNotFound }]);
      const commentId = await insertComment(tx, id, { parentId: input.parentId ?? null, author: user.username, body: input.body, quote: input.quote || null }, now);
      return { result: (await getComment(tx, id, commentId))!, audit: [sectionAudit(id, 'update', [input.parentId ? 'respuesta a un comentario' : 'comentario agregado'])] };
    });
    return c.json(comment, 201);
  });

  app.post('/:id/comments/:commentId/resolve', requirePermission('readReports'), doc('Marcar un comentario como resuelto', { ...ok(200, 'Comentario'), ...problems(401, 404) }, { parameters: pathParams({ year: yearParam, id: idParam, commentId: idParam }) }), async (c) => {
    const { year, id } = sectionParams(c);
    const commentId = readParam(c, 'commentId', idParam);
    await readEmptyBody(c);
    const comment = await change(c, async ({ tx, user }) => {
      await requireSection(tx, year, id);
      const current = await getComment(tx, id, commentId);
      if (!current) throw new HttpProblem(404, reportMessages.commentNotFound);
      if (current.resolved) return { result: current };
      await resolveComment(tx, commentId, user.username);
      return { result: (await getComment(tx, id, commentId))!, audit: [sectionAudit(id, 'update', ['comentario resuelto'])] };
    });
    return c.json(comment);
  });

  return app;
}
