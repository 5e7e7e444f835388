import { Hono } from 'hono';
import { z } from 'zod';
import { idParam } from '../domain/common';
import {
  evaluationImportSchema,
  evaluationInputSchema,
  evaluationMessages,
  planEvaluationImport,
  tallyEvaluation,
  type EvaluationImportResult,
} from '../domain/evaluation';
import { deleteEvaluationResponse, getEvaluationResponse, insertEvaluationResponses, listEvaluationResponses } from '../db/evaluation-queries';
import { requirePermission } from './auth';
import { change } from './change';
import type { AppEnv } from './deps';
import { forumNotFound } from './forum-routes';
import { doc, jsonBody, ok, pathParams, problems, queryParams } from './openapi-doc';
import { badRows, HttpProblem, invalid } from './problem';
import { readParam } from './validate';

const inputBody = jsonBody(evaluationInputSchema, 'EvaluationResponseInput');
const importBody = jsonBody(evaluationImportSchema, 'EvaluationImport');
const importQuery = queryParams(
  z.strictObject({ dryRun: z.enum(['1', 'true', '0', 'false'], { error: 'Indique dryRun=1 para solo revisar el archivo, o quítelo para guardar.' }).optional() }),
);

export const evaluationImportMaxBytes = 30 * 1024 * 1024;
export const isEvaluationImportPath = (path: string) => /^\/api\/forums\/[^/]+\/evaluation\/import$/.test(path);

type Reader = Parameters<typeof listEvaluationResponses>[0];
async function forumYear(db: Reader, id: number): Promise<number> {
  const forum = await db.selectFrom('forums').select('year').where('id', '=', id).executeTakeFirst();
  if (!forum) throw forumNotFound();
  return forum.year;
}

/** A forum's evaluation survey: its responses and tally, one typed response, a Forms export imported. Mounted at /api/forums. */
export function evaluationRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/:id/evaluation', requirePermission('readForums'), doc('Evaluación del foro: respuestas, resultado por pregunta, índice de satisfacción y comentarios', { ...ok(200, 'Evaluación'), ...problems(400, 401, 404) }, { parameters: pathParams({ id: idParam }) }), async (c) => {
    const db = c.get('deps').db;
    const id = readParam(c, 'id', idParam);
    await forumYear(db, id);
    const responses = await listEvaluationResponses(db, id);
    return c.json({ forumId: id, responses, tally: tallyEvaluation(responses) });
  });

  app.post('/:id/evaluation/responses', requirePermission('writeForums'), doc('Registrar una respuesta de evaluación', { ...ok(201, 'Respuesta registrada'), ...problems(400, 401, 403, 404) }, { parameters: pathParams({ id: idParam }) }), inputBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    const input = await inputBody.read(c);
    const saved = await change(c, async ({ tx, user, now }) => {
      const year = await forumYear(tx, id);
      const [responseId] = await insertEvaluationResponses(tx, id, [input], 'manual', user.username, now);
      return { result: (await getEvaluationResponse(tx, responseId))!, audit: [{ action: 'create', entity: 'evaluation_response', entityId: responseId, changes: [] }], touched: { years: [year], kinds: ['evaluation'] } };
    });
    return c.json(saved, 201);
  });

  app.delete('/:id/evaluation/responses/:responseId', requirePermission('writeForums'), doc('Eliminar una respuesta de evaluación', { ...ok(204, 'Eliminada'), ...problems(400, 401, 403, 404) }, { parameters: pathParams({ id: idParam, responseId: idParam }) }), async (c) => {
    const id = readParam(c, 'id', idParam);
    const responseId = readParam(c, 'responseId', idParam);
    await change(c, async ({ tx }) => {
      const year = await forumYear(tx, id);
      const found = await getEvaluationResponse(tx, responseId);
      if (!found || found.forumId !== id) throw new HttpProblem(404, evaluationMessages.notFound);
      await deleteEvaluationResponse(tx, responseId);
      return { result: null, audit: [{ action: 'delete', entity: 'evaluation_response', entityId: responseId, changes: [] }], touched: { years: [year], kinds: ['evaluation'] } };
    });
    return c.body(null, 204);
  });

  app.post(
    '/:id/evaluation/import',
    requirePermission('writeForums'),
    doc('Importar respuestas de evaluación de una exportación de formulario (dryRun=1 solo revisa; con un error no se guarda nada; los datos personales no se guardan)', { ...ok(200, 'Vista previa o respuestas guardadas'), ...problems(400, 401, 403, 404, 413, 422) }, { parameters: pathParams({ id: idParam }) }),
    importBody,
    importQuery,
    async (c) => {
      const id = readParam(c, 'id', idParam);
      const dryRun = ['1', 'true'].includes(importQuery.read(c).dryRun ?? '0');
      const input = await importBody.read(c);
      await forumYear(c.get('deps').db, id);
      if (input.rows.length === 0) throw invalid([{ path: 'rows', message: 'El archivo no tiene filas de datos.' }]);
      const plan = planEvaluationImport(input);
      if ('noScoreColumn' in plan) throw invalid([{ path: 'mapping', message: evaluationMessages.noScoreColumn }], 'Falta información para importar');
      if ('rowIssues' in plan) throw badRows(evaluationMessages.importRows(new Set(plan.rowIssues.map((r) => r.row)).size), plan.rowIssues.slice(0, 200));
      const result: EvaluationImportResult = { total: input.rows.length, accepted: plan.responses.length, droppedPersonalColumns: plan.droppedPersonalColumns, preview: plan.responses.slice(0, 10) };
      if (dryRun) return c.json(result);
      await change(c, async ({ tx, user, now }) => {
        const year = await forumYear(tx, id);
        await insertEvaluationResponses(tx, id, plan.responses, 'import', user.username, now);
        return { result: null, audit: [{ action: 'create', entity: 'forum_evaluation', entityId: id, changes: [`${plan.responses.length} respuestas importadas`] }], touched: { years: [year], kinds: ['evaluation'] } };
      });
      return c.json(result);
    },
  );

  return app;
}
