import { Hono } from 'hono';
import { idParam } from '../domain/common';
import { acceptSubmissionSchema, mergeSubmissionSchema, moderationMessages, rejectSubmissionSchema, submissionListQuerySchema, type CitizenQuestionSubmission } from '../domain/citizen-question';
import { questionTypeLabels } from '../domain/question';
import { acceptSubmission, getSubmission, listSubmissions, mergeSubmission, rejectSubmission, removeSubmissionPersonalData } from '../db/citizen-question-queries';
import type { AppEnv } from './deps';
import { doc, jsonBody, ok, pathParams, problems, queryParams } from './openapi-doc';
import { requirePermission } from './auth';
import { change } from './change';
import { HttpProblem, invalid } from './problem';
import { readParam } from './validate';

/**
 * The office's moderation queue of questions citizens sent from the public page (/api/question-submissions):
 * read it, then accept (a new case), merge into a case of the same forum that asks the same, or reject with a
 * reason. Each decision goes through the write path, audited; a submission is decided once (409 after).
 */
export function moderationRoutes() {
  const app = new Hono<AppEnv>();
  const listQuery = queryParams(submissionListQuerySchema);
  const acceptBody = jsonBody(acceptSubmissionSchema, 'AcceptSubmission');
  const mergeBody = jsonBody(mergeSubmissionSchema, 'MergeSubmission');
  const rejectBody = jsonBody(rejectSubmissionSchema, 'RejectSubmission');
  const params = { parameters: pathParams({ id: idParam }) };

  const waiting = async (tx: Parameters<typeof getSubmission>[0], id: number): Promise<CitizenQuestionSubmission> => {
    const current = await getSubmission(tx, id);
    if (!current) throw new HttpProblem(404, moderationMessages.notFound);
    if (current.status !== 'por_moderar') throw new HttpProblem(409, moderationMessages.alreadyModerated, { current });
    return current;
  };
  const decided = async (tx: Parameters<typeof getSubmission>[0], id: number) => (await getSubmission(tx, id))!;

  app.get('/', requirePermission('readQuestions'), doc('Preguntas de la ciudadanía por moderar (o ya moderadas, por estado)', { ...ok(200, 'Cola de moderación'), ...problems(400, 401, 403) }), listQuery, async (c) => {
    const { status } = listQuery.read(c);
    return c.json(await listSubmissions(c.get('deps').db, status ?? 'por_moderar'));
  });

  app.post('/:id/accept', requirePermission('writeQuestions'), doc('Aceptar: la pregunta pasa a ser un caso con fecha de recepción y vencimiento', { ...ok(200, 'Pregunta aceptada'), ...problems(400, 401, 403, 404, 409) }, params), acceptBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    const { type } = await acceptBody.read(c);
    return c.json(
      await change(c, async ({ tx, user, now }) => {
        const current = await waiting(tx, id);
        const questionId = await acceptSubmission(tx, id, type, user.username, now);
        if (questionId === null) throw new HttpProblem(409, moderationMessages.alreadyModerated);
        return {
          result: await decided(tx, id),
          audit: [
            { action: 'update', entity: 'citizen_question', entityId: id, changes: [`aceptada como pregunta ${questionId}`] },
            { action: 'create', entity: 'question', entityId: questionId, changes: [`desde el formulario web (pregunta ciudadana ${id}), ${questionTypeLabels[type]}`] },
          ],
          touched: { years: [current.year], kinds: ['questions'] },
        };
      }),
    );
  });

  app.post('/:id/merge', requirePermission('writeQuestions'), doc('Fusionar con una pregunta del mismo foro que pregunta lo mismo', { ...ok(200, 'Pregunta fusionada'), ...problems(400, 401, 403, 404, 409) }, params), mergeBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    const { questionId } = await mergeBody.read(c);
    return c.json(
      await change(c, async ({ tx, user, now }) => {
        const current = await waiting(tx, id);
        const target = await tx.selectFrom('forum_questions').select(['id', 'forum_id']).where('id', '=', questionId).executeTakeFirst();
        if (!target || target.forum_id !== current.forumId) throw invalid([{ path: 'questionId', message: moderationMessages.mergeTarget }]);
        const personal = await mergeSubmission(tx, id, questionId, user.username, now);
        if (personal === null) throw new HttpProblem(409, moderationMessages.alreadyModerated);
        const changes = [`fusionada con la pregunta ${questionId}`, ...(personal === 'kept' ? [`nombre y contacto autorizados conservados con la pregunta ${questionId}`] : personal === 'dropped' ? ['datos personales sin autorización suprimidos'] : [])];
        return { result: await decided(tx, id), audit: [{ action: 'update', entity: 'citizen_question', entityId: id, changes }] };
      }),
    );
  });

  app.post('/:id/reject', requirePermission('writeQuestions'), doc('Rechazar con un motivo (los datos personales se suprimen)', { ...ok(200, 'Pregunta rechazada'), ...problems(400, 401, 403, 404, 409) }, params), rejectBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    const { reason } = await rejectBody.read(c);
    return c.json(
      await change(c, async ({ tx, user, now }) => {
        await waiting(tx, id);
        if (!(await rejectSubmission(tx, id, reason, user.username, now))) throw new HttpProblem(409, moderationMessages.alreadyModerated);
        return { result: await decided(tx, id), audit: [{ action: 'update', entity: 'citizen_question', entityId: id, changes: [`rechazada: ${reason}`] }] };
      }),
    );
  });

  // A person whose question was merged into a case asks that their data be removed: only theirs goes.
  app.delete('/:id/personal-data', requirePermission('writeQuestions'), doc('Suprimir los datos personales de una pregunta fusionada (a solicitud de quien preguntó)', { ...ok(204, 'Suprimidos'), ...problems(401, 403, 404) }, params), async (c) => {
    const id = readParam(c, 'id', idParam);
    await change(c, async ({ tx }) => {
      const current = await getSubmission(tx, id);
      if (!current || !current.hasPersonalData) throw new HttpProblem(404, moderationMessages.noPersonalData);
      await removeSubmissionPersonalData(tx, id);
      return { result: null, audit: [{ action: 'delete', entity: 'citizen_question_personal_data', entityId: id, changes: ['supresión a solicitud'] }] };
    });
    return c.body(null, 204);
  });

  return app;
}
