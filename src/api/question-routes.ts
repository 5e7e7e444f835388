import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { idParam, version } from '../domain/common';
import {
  areaInputSchema,
  dueDateFor,
  personalDataInputSchema,
  questionCaseInput,
  questionCaseIssues,
  questionCaseUpdateSchema,
  questionFigures,
  questionListQuerySchema,
  questionMessages,
  questionSettingsSchema,
  type QuestionCaseInput,
  type QuestionFigures,
} from '../domain/question';
import { planQuestionImport, questionImportMessages, questionImportSchema, type QuestionImportResult } from '../domain/question-import';
import {
  anonymise,
  areaByName,
  casesForFigures,
  deleteArea,
  expiredPersonalData,
  getArea,
  getPersonalData,
  getQuestionCase,
  getQuestionSettings,
  insertArea,
  insertImportedQuestions,
  knownForumsForImport,
  listAreas,
  listQuestions,
  recomputeDueDates,
  renameArea,
  savePersonalData,
  saveQuestionSettings,
  updateQuestionCase,
} from '../db/question-queries';
import type { Database } from '../db/schema';
import { auditFor } from '../db/audit-queries';
import { purgeSubmissionPersonalData } from '../db/citizen-question-queries';
import type { AppEnv } from './deps';
import { doc, jsonBody, ok, pathParams, problems, queryParams } from './openapi-doc';
import { requirePermission } from './auth';
import { forOrganization } from '../db/org-scope';
import { organizationTimeZones } from '../db/organization-lookup';
import { applyChange, change, stale } from './change';
import { badRows, HttpProblem, invalid } from './problem';
import { readParam } from './validate';

export const questionNotFound = () => new HttpProblem(404, 'No existe una pregunta con ese identificador.');
const areaNotFound = () => new HttpProblem(404, 'No existe un área con ese identificador.');
const staleTitle = 'Otra persona guardó cambios en esta pregunta mientras usted editaba.';

const listQuery = queryParams(questionListQuerySchema);
const caseBody = jsonBody(questionCaseUpdateSchema, 'QuestionCaseUpdate');
const liveBody = jsonBody(z.strictObject({ version }), 'QuestionAnsweredLive');
const personalBody = jsonBody(personalDataInputSchema, 'PersonalDataInput');
const emptyBody = jsonBody(z.strictObject({}), 'Empty');
const figuresQuery = queryParams(z.strictObject({ year: questionListQuerySchema.shape.year }));
const importBody = jsonBody(questionImportSchema, 'QuestionImport');
const importQuery = queryParams(
  z.strictObject({ dryRun: z.enum(['1', 'true', '0', 'false'], { error: 'Indique dryRun=1 para solo revisar el archivo, o quítelo para guardar.' }).optional() }),
);

/** A questions file: 100.000 rows of a Forms export as JSON fit under it. */
export const questionImportMaxBytes = 30 * 1024 * 1024;
export const isQuestionImportPath = (path: string) => path === '/api/questions/import';


function changedFields(before: QuestionCaseInput, after: QuestionCaseInput): string[] {
  return (Object.keys(after) as (keyof QuestionCaseInput)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** Figures per forum of a year (or every year), and the year's total as the last row with forumId null. */
export async function figuresFor(db: Kysely<Database>, today: string, year?: number): Promise<QuestionFigures[]> {
  const cases = await casesForFigures(db, year);
  const groups = new Map<string, { forumId: number | null; forumTitle: string; year: number; cases: typeof cases }>();
  for (const q of cases) {
    const key = `${q.year}:${q.forumId}`;
    const group = groups.get(key) ?? { forumId: q.forumId, forumTitle: q.forumTitle, year: q.year, cases: [] };
    group.cases.push(q);
    groups.set(key, group);
  }
  const rows: QuestionFigures[] = [...groups.values()].map((g) => ({ forumId: g.forumId, forumTitle: g.forumTitle, year: g.year, ...questionFigures(g.cases, today) }));
  const years = [...new Set(cases.map((q) => q.year))].sort();
  for (const y of years) rows.push({ forumId: null, forumTitle: '', year: y, ...questionFigures(cases.filter((q) => q.year === y), today) });
  return rows;
}

function retentionCutoff(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 - months, d)).toISOString().slice(0, 10);
}

/**
 * Removes personal data older than the retention period, audited in the name of the system, organisation by
 * organisation (each with its own retention setting, its own audit log and its own "today"). Returns how many.
 */
export async function purgeExpiredPersonalData(root: Kysely<Database>, now: Date): Promise<number> {
  let removed = 0;
  for (const organization of await organizationTimeZones(root)) removed += await purgeOrganization(forOrganization(root, organization.id), now, organization.timeZone);
  return removed;
}

function purgeOrganization(db: Kysely<Database>, now: Date, timeZone: string): Promise<number> {
  return applyChange(db, { id: null, username: 'sistema' }, now.toISOString(), async ({ tx, now: at, today }) => {
    const settings = await getQuestionSettings(tx);
    const ids = await expiredPersonalData(tx, settings.retentionMonths, today);
    await anonymise(tx, ids, at);
    // Questions still waiting for moderation keep a citizen's data no longer than a case would.
    const waiting = await purgeSubmissionPersonalData(tx, retentionCutoff(today, settings.retentionMonths));
    const reason = `conservación vencida (${settings.retentionMonths} meses)`;
    return {
      result: ids.length + waiting.length,
      audit: [
        ...ids.map((id) => ({ action: 'delete' as const, entity: 'question_personal_data', entityId: id, changes: [reason] })),
        ...waiting.map((id) => ({ action: 'delete' as const, entity: 'citizen_question_personal_data', entityId: id, changes: [reason] })),
      ],
    };
  }, { timeZone });
}

export function questionRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/questions', requirePermission('readQuestions'), doc('Preguntas de la ciudadanía como casos (filtros, orden por vencimiento, conteos)', { ...ok(200, 'Página de preguntas'), ...problems(400, 401, 403) }), listQuery, async (c) => {
    const deps = c.get('deps');
    return c.json(await listQuestions(deps.db, listQuery.read(c), deps.today()));
  });

  app.get('/questions/figures', requirePermission('readQuestions'), doc('Cifras de oportunidad por foro y vigencia', { ...ok(200, 'Cifras'), ...problems(400, 401, 403) }), figuresQuery, async (c) => {
    const deps = c.get('deps');
    return c.json({ items: await figuresFor(deps.db, deps.today(), figuresQuery.read(c).year) });
  });

  // Bulk import from a Forms export or a moderator's sheet, through the shared mapped import: dryRun=1 previews.
  app.post(
    '/questions/import',
    requirePermission('writeQuestions'),
    doc('Importar preguntas de un archivo (foro, fecha, canal, tipo, pregunta; nombre y contacto solo con autorización); dryRun=1 solo revisa; con un error no se guarda nada', {
      ...ok(200, 'Vista previa o preguntas importadas'),
      ...problems(400, 401, 403, 413, 422),
    }),
    importBody,
    importQuery,
    async (c) => {
      const dryRun = ['1', 'true'].includes(importQuery.read(c).dryRun ?? '0');
      const input = await importBody.read(c);
      if (input.rows.length === 0) throw invalid([{ path: 'rows', message: questionImportMessages.noRows }]);
      const deps = c.get('deps');
      const today = deps.today();
      // What the plan depends on besides the file: the forums (titles, dates, counts, last positions) and the terms.
      const context = async (db: Kysely<Database>) => {
        const [forums, settings] = await Promise.all([knownForumsForImport(db), getQuestionSettings(db)]);
        return { forums, settings, key: JSON.stringify([forums, settings.terms]) };
      };
      const plan = ({ forums, settings }: Awaited<ReturnType<typeof context>>) => {
        if (input.forumId != null && !forums.some((f) => f.id === input.forumId)) throw invalid([{ path: 'forumId', message: 'No existe ese foro.' }]);
        const planned = planQuestionImport(input, { forums, today, settings });
        if ('missing' in planned) throw invalid([{ path: 'mapping', message: planned.missing }], 'Falta información para importar');
        if ('rowIssues' in planned) throw badRows(questionImportMessages.rows(new Set(planned.rowIssues.map((r) => r.row)).size), planned.rowIssues.slice(0, 200));
        return planned;
      };
      // Every row is checked before the transaction opens, so the write (which holds the database for every other
      // request) only inserts.
      const before = await context(deps.db);
      const planned = plan(before);
      if (dryRun) return c.json(planned.result satisfies QuestionImportResult);
      const result = await change(c, async ({ tx }) => {
        // Checked again inside the transaction: when the forums or the terms changed meanwhile, every row again.
        const now = await context(tx);
        const { questions, result } = now.key === before.key ? planned : plan(now);
        await insertImportedQuestions(tx, questions);
        const years = [...new Set(questions.map((q) => q.year))];
        const withData = questions.filter((q) => q.consentAt !== null).length;
        return {
          result,
          audit: [{ action: 'create' as const, entity: 'question_import', entityId: null, changes: [`${questions.length} preguntas importadas de archivo`, `${withData} con datos personales autorizados`] }],
          touched: { years, kinds: ['questions'] },
        };
      });
      return c.json(result);
    },
  );

  app.get('/questions/:id', requirePermission('readQuestions'), doc('Pregunta (sin datos personales)', { ...ok(200, 'Pregunta'), ...problems(401, 403, 404) }, { parameters: pathParams({ id: idParam }) }), async (c) => {
    const q = await getQuestionCase(c.get('deps').db, readParam(c, 'id', idParam));
    if (!q) throw questionNotFound();
    return c.json(q);
  });

  app.get('/questions/:id/history', requirePermission('readQuestions'), doc('Historial de la pregunta', { ...ok(200, 'Entradas del registro de auditoría'), ...problems(401, 403, 404) }, { parameters: pathParams({ id: idParam }) }), async (c) => {
    const deps = c.get('deps');
    const id = readParam(c, 'id', idParam);
    if (!(await getQuestionCase(deps.db, id))) throw questionNotFound();
    return c.json({ items: [...(await auditFor(deps.db, 'question', id)), ...(await auditFor(deps.db, 'question_personal_data', id))].sort((a, b) => a.id - b.id) });
  });

  app.put('/questions/:id', requirePermission('writeQuestions'), doc('Guardar la pregunta (con su versión)', { ...ok(200, 'Pregunta'), ...problems(400, 401, 403, 404, 409) }, { parameters: pathParams({ id: idParam }) }), caseBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    const { version: expected, ...input } = await caseBody.read(c);
    const today = c.get('deps').today();
    return c.json(
      await change(c, async ({ tx, user, now }) => {
        const current = await getQuestionCase(tx, id);
        if (!current) throw questionNotFound();
        if (current.version !== expected) throw stale(staleTitle, expected, current);
        const issues = questionCaseIssues(input, { today, forumYear: current.forumYear });
        if (input.areaId != null && !(await getArea(tx, input.areaId))) issues.push({ path: ['areaId'], message: 'Elija un área de la lista.' });
        if (issues.length > 0) throw invalid(issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
        const settings = await getQuestionSettings(tx);
        const due = dueDateFor(input.receivedAt, input.type, input.answeredLive, settings);
        if (!(await updateQuestionCase(tx, id, expected, input, due, user.username, now))) throw stale(staleTitle, expected, current);
        return {
          result: (await getQuestionCase(tx, id))!,
          audit: [{ action: 'update', entity: 'question', entityId: id, changes: changedFields(questionCaseInput(current), input) }],
          touched: { years: [current.forumYear], kinds: ['questions'] },
        };
      }),
    );
  });

  // Answered in the stream: one click, no deadline.
  app.post('/questions/:id/answered-live', requirePermission('writeQuestions'), doc('Marcar como respondida en la transmisión en vivo', { ...ok(200, 'Pregunta'), ...problems(400, 401, 403, 404, 409) }, { parameters: pathParams({ id: idParam }) }), liveBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    const { version: expected } = await liveBody.read(c);
    return c.json(
      await change(c, async ({ tx, user, now }) => {
        const current = await getQuestionCase(tx, id);
        if (!current) throw questionNotFound();
        if (current.version !== expected) throw stale(staleTitle, expected, current);
        const received = current.receivedAt.slice(0, 10);
        const input: QuestionCaseInput = {
          ...questionCaseInput(current),
          status: current.status === 'publicada' ? 'publicada' : 'respondida',
          answeredLive: true,
          answeredAt: current.answeredAt ?? received,
          answerChannel: 'live',
        };
        await updateQuestionCase(tx, id, expected, input, null, user.username, now);
        return { result: (await getQuestionCase(tx, id))!, audit: [{ action: 'update', entity: 'question', entityId: id, changes: ['respondida en vivo'] }], touched: { years: [current.forumYear], kinds: ['questions'] } };
      }),
    );
  });

  // Personal data (Ley 1581): read only through this POST, so every reading is in the audit log.
  app.post('/questions/:id/personal-data/view', requirePermission('writeQuestions'), doc('Ver los datos personales de quien preguntó (queda en la auditoría)', { ...ok(200, 'Datos personales'), ...problems(401, 403, 404) }, { parameters: pathParams({ id: idParam }) }), emptyBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    await emptyBody.read(c);
    return c.json(
      await change(c, async ({ tx }) => {
        const data = await getPersonalData(tx, id);
        if (!data) throw questionNotFound();
        const merged = data.mergedAskers.length;
        const changes = ['consulta de datos personales', ...(merged > 0 ? [`y de ${merged} ${merged === 1 ? 'pregunta fusionada' : 'preguntas fusionadas'} (${data.mergedAskers.map((m) => m.submissionId).join(', ')})`] : [])];
        return { result: data, audit: [{ action: 'export', entity: 'question_personal_data', entityId: id, changes }] };
      }),
    );
  });

  app.put('/questions/:id/personal-data', requirePermission('writeQuestions'), doc('Guardar nombre y contacto con la autorización (Ley 1581)', { ...ok(200, 'Datos personales'), ...problems(400, 401, 403, 404) }, { parameters: pathParams({ id: idParam }) }), personalBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    const input = await personalBody.read(c);
    if (input.consentAt && input.consentAt.slice(0, 10) > c.get('deps').today()) throw invalid([{ path: 'consentAt', message: 'La fecha de la autorización no puede ser posterior a hoy.' }]);
    return c.json(
      await change(c, async ({ tx }) => {
        if (!(await getPersonalData(tx, id))) throw questionNotFound();
        await savePersonalData(tx, id, input);
        return { result: (await getPersonalData(tx, id))!, audit: [{ action: 'update', entity: 'question_personal_data', entityId: id, changes: ['datos personales con autorización'] }] };
      }),
    );
  });

  // Removal on request: the question stays, anonymised.
  app.delete('/questions/:id/personal-data', requirePermission('writeQuestions'), doc('Suprimir los datos personales (la pregunta queda anonimizada)', { ...ok(204, 'Suprimidos'), ...problems(401, 403, 404) }, { parameters: pathParams({ id: idParam }) }), async (c) => {
    const id = readParam(c, 'id', idParam);
    await change(c, async ({ tx, now }) => {
      if (!(await getPersonalData(tx, id))) throw questionNotFound();
      await anonymise(tx, [id], now);
      return { result: null, audit: [{ action: 'delete', entity: 'question_personal_data', entityId: id, changes: ['supresión a solicitud'] }] };
    });
    return c.body(null, 204);
  });

  // ---------------------------------------------------------------- areas and settings (administration)

  app.get('/areas', requirePermission('readQuestions'), doc('Áreas responsables', { ...ok(200, 'Áreas'), ...problems(401, 403) }), async (c) => c.json({ items: await listAreas(c.get('deps').db) }));

  const areaBody = jsonBody(areaInputSchema, 'AreaInput');
  app.post('/areas', requirePermission('configure'), doc('Crear área', { ...ok(201, 'Área'), ...problems(400, 401, 403) }), areaBody, async (c) => {
    const { name } = await areaBody.read(c);
    const area = await change(c, async ({ tx }) => {
      if (await areaByName(tx, name)) throw invalid([{ path: 'name', message: questionMessages.areaDuplicate }]);
      const id = await insertArea(tx, name);
      return { result: { id, name }, audit: [{ action: 'create', entity: 'area', entityId: id, changes: [name] }] };
    });
    return c.json(area, 201);
  });

  app.put('/areas/:id', requirePermission('configure'), doc('Cambiar el nombre de un área', { ...ok(200, 'Área'), ...problems(400, 401, 403, 404) }, { parameters: pathParams({ id: idParam }) }), areaBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    const { name } = await areaBody.read(c);
    return c.json(
      await change(c, async ({ tx }) => {
        if (!(await getArea(tx, id))) throw areaNotFound();
        const same = await areaByName(tx, name);
        if (same && same.id !== id) throw invalid([{ path: 'name', message: questionMessages.areaDuplicate }]);
        await renameArea(tx, id, name);
        return { result: { id, name }, audit: [{ action: 'update', entity: 'area', entityId: id, changes: [name] }] };
      }),
    );
  });

  app.delete('/areas/:id', requirePermission('configure'), doc('Eliminar un área (sus preguntas quedan sin área)', { ...ok(204, 'Eliminada'), ...problems(401, 403, 404) }, { parameters: pathParams({ id: idParam }) }), async (c) => {
    const id = readParam(c, 'id', idParam);
    await change(c, async ({ tx }) => {
      const area = await getArea(tx, id);
      if (!area) throw areaNotFound();
      await deleteArea(tx, id);
      return { result: null, audit: [{ action: 'delete', entity: 'area', entityId: id, changes: [area.name] }] };
    });
    return c.body(null, 204);
  });

  app.get('/settings/questions', requirePermission('readQuestions'), doc('Términos legales y conservación de datos personales', { ...ok(200, 'Ajustes'), ...problems(401, 403) }), async (c) => c.json(await getQuestionSettings(c.get('deps').db)));

  const settingsBody = jsonBody(questionSettingsSchema.extend({ version: z.number({ error: 'Falta la versión del registro.' }).int().min(0) }), 'QuestionSettingsUpdate');
  app.put('/settings/questions', requirePermission('configure'), doc('Guardar términos y conservación (recalcula los vencimientos abiertos)', { ...ok(200, 'Ajustes'), ...problems(400, 401, 403, 409) }), settingsBody, async (c) => {
    const { version: expected, ...settings } = await settingsBody.read(c);
    return c.json(
      await change(c, async ({ tx }) => {
        const current = await getQuestionSettings(tx);
        if (current.version !== expected || !(await saveQuestionSettings(tx, settings, expected))) throw stale('Otra persona guardó los ajustes mientras usted editaba.', expected, current);
        await recomputeDueDates(tx, settings);
        return { result: await getQuestionSettings(tx), audit: [{ action: 'update', entity: 'settings', entityId: null, changes: ['preguntas: términos y conservación'] }] };
      }),
    );
  });

  return app;
}
