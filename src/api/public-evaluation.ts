import type { Kysely } from 'kysely';
import { z } from 'zod';
import { todayIn } from '../domain/zoned-date';
import { forumTakesEvaluation } from '../domain/citizen-question';
import { evaluationLimits, evaluationMessages, evaluationQuestions, type EvaluationInput, type EvaluationScores } from '../domain/evaluation';
import { insertEvaluationResponses } from '../db/evaluation-queries';
import { getPublication } from '../db/publication-queries';
import type { Database } from '../db/schema';
import { applyChange } from './change';
import { botProblem, browserMark, citizenText, validBrowserMark } from './public-vote';

/**
 * A participant's evaluation of a forum that already happened (issue 14, «Participa»): the five questions of the
 * evaluation survey scored 1–5, an optional comment and value group. It goes into the same tally as the typed and
 * imported responses (evaluation_responses, source «public»: formulario web Foros). No personal data.
 *
 * Abuse: one evaluation per browser per forum (a signed, HttpOnly cookie), a limit per address (the route), a body
 * limit, a honeypot and the minimum time-to-submit of the other public forms.
 */

export const evaluateMessages = {
  ok: 'Gracias: su evaluación quedó registrada. Nos ayuda a mejorar los próximos foros.',
  unpublished: 'El calendario de esta vigencia no está publicado.',
  noForum: 'Ese foro no está en el calendario publicado.',
  notYet: 'Ese foro aún no se ha realizado (o fue cancelado): se podrá evaluar después de realizado.',
  twice: 'Desde este navegador ya se evaluó este foro: se cuenta una evaluación por navegador.',
  forged: 'No se pudo verificar su navegador (la cookie de evaluación no es válida). Borre las cookies de este sitio e inténtelo de nuevo.',
  honeypot: 'No se pudo registrar la evaluación: el formulario llegó con un campo que las personas no ven.',
  token: 'El formulario no es válido o caducó. Vuelva a cargar la página e inténtelo de nuevo.',
  fast: 'El formulario se envió demasiado rápido. Revise sus respuestas y envíelo de nuevo.',
  empty: 'Califique al menos una de las preguntas de 1 a 5.',
  invalid: 'Revise el formulario: cada calificación va de 1 a 5 y el comentario tiene como máximo 2.000 caracteres.',
  scripted: 'El texto no puede contener código (etiquetas HTML o scripts).',
  rateLimited: 'Demasiadas evaluaciones desde su conexión. Espere un minuto e inténtelo de nuevo.',
} as const;
export type EvaluateCode = keyof typeof evaluateMessages;

const score = z.preprocess((v) => (v === '' || v === undefined || v === null ? null : v), z.coerce.number({ error: evaluationMessages.scoreRange }).int({ error: evaluationMessages.scoreRange }).min(1, { error: evaluationMessages.scoreRange }).max(5, { error: evaluationMessages.scoreRange }).nullable());
export const publicEvaluationSchema = z.object({
  forumId: z.coerce.number({ error: evaluateMessages.noForum }).int({ error: evaluateMessages.noForum }).positive({ error: evaluateMessages.noForum }).max(Number.MAX_SAFE_INTEGER, { error: evaluateMessages.noForum }),
  ...(Object.fromEntries(evaluationQuestions.map((q) => [q, score])) as Record<(typeof evaluationQuestions)[number], typeof score>),
  comment: citizenText(evaluationLimits.comment).default(''),
  valueGroup: citizenText(evaluationLimits.valueGroup).default(''),
  formToken: z.string({ error: evaluateMessages.token }).max(200, { error: evaluateMessages.token }),
  website: z.string().max(500).default(''),
});

export const isEvaluatePath = (path: string) => /^\/api\/public\/years\/\d+\/evaluations\/?$/.test(path);
export const evaluationCookieName = (forumId: number) => `foros_evaluacion_${forumId}`;
const scope = (forumId: number) => `evaluation|${forumId}`;

export type EvaluateResult =
  | { ok: true; id: number; cookie: { name: string; value: string; maxAgeSeconds: number } }
  | { ok: false; status: 400 | 404 | 409; code: EvaluateCode; message: string; issues?: { path: string; message: string }[] };

const refuse = (status: 400 | 404 | 409, code: EvaluateCode, issues?: { path: string; message: string }[]): EvaluateResult => ({ ok: false, status, code, message: evaluateMessages[code], issues });

/** Checks and stores one evaluation (through the write path, audited); a refusal stores nothing. */
export async function evaluateForum(db: Kysely<Database>, o: { year: number; body: unknown; cookies: Record<string, string>; secret: string; now: Date; timeZone: string; minSubmitMs?: number }): Promise<EvaluateResult> {
  const { settings } = await getPublication(db, o.year);
  if (!settings.show.calendar) return refuse(404, 'unpublished');
  const bot = await botProblem(o);
  if (bot) return refuse(400, bot);
  const parsed = publicEvaluationSchema.safeParse(o.body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    if (issues.some((i) => i.path === 'forumId')) return refuse(404, 'noForum', issues);
    return refuse(400, issues.some((i) => i.message === evaluateMessages.scripted) ? 'scripted' : 'invalid', issues);
  }
  const input = parsed.data;
  const forum = await db.selectFrom('forums').select(['id', 'year', 'status', 'date']).where('id', '=', input.forumId).executeTakeFirst();
  if (!forum || forum.year !== o.year) return refuse(404, 'noForum');
  if (!forumTakesEvaluation(forum, todayIn(o.timeZone, o.now))) return refuse(409, 'notYet');
  const cookie = o.cookies[evaluationCookieName(forum.id)];
  if (cookie !== undefined) return (await validBrowserMark(o.secret, scope(forum.id), cookie)) ? refuse(409, 'twice') : refuse(400, 'forged');
  const scores = Object.fromEntries(evaluationQuestions.map((q) => [q, input[q]])) as EvaluationScores;
  if (evaluationQuestions.every((q) => scores[q] === null)) return refuse(400, 'empty');
  const response: EvaluationInput = { scores, comment: input.comment, valueGroup: input.valueGroup };

  const id = await applyChange(db, { id: null, username: 'participa (evaluación ciudadana)' }, o.now.toISOString(), async ({ tx, user, now }) => {
    const [id] = await insertEvaluationResponses(tx, forum.id, [response], 'public', user.username, now);
    return { result: id!, audit: [{ action: 'create', entity: 'evaluation_response', entityId: id!, changes: [`evaluación del foro ${forum.id} (formulario web Foros)`] }], touched: { years: [forum.year], kinds: ['evaluation'] } };
  }, { timeZone: o.timeZone });
  return { ok: true, id, cookie: { name: evaluationCookieName(forum.id), value: await browserMark(o.secret, scope(forum.id)), maxAgeSeconds: 400 * 24 * 3600 } };
}
