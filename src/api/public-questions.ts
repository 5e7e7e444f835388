import type { Kysely } from 'kysely';
import { z } from 'zod';
import { dateTimeIn, todayIn } from '../domain/zoned-date';
import { citizenQuestionLimits, forumTakesQuestions } from '../domain/citizen-question';
import { insertSubmission } from '../db/citizen-question-queries';
import { getPublication } from '../db/publication-queries';
import type { Database } from '../db/schema';
import { applyChange } from './change';
import { botProblem, citizenText } from './public-vote';

/**
 * A citizen's question before or during a forum (issue 14, «Participa»): the text, and optionally a name and a
 * contact — kept only with the privacy notice accepted (Ley 1581 de 2012), never from minors. It goes into the
 * office's moderation queue (citizen_questions, «por moderar»); nothing of it is public until accepted.
 *
 * Abuse: a limit per address (the route), a body limit, a honeypot field and the minimum time-to-submit of the
 * vote (the same signed time stamp). Every refusal is a code with a Spanish message; nothing is stored then.
 */

export const askMessages = {
  ok: 'Gracias: su pregunta quedó recibida. La revisaremos antes de incluirla en el foro; no se publica hasta entonces.',
  unpublished: 'El calendario de esta vigencia no está publicado.',
  noForum: 'Ese foro no está en el calendario publicado.',
  past: 'Ese foro ya se realizó o fue cancelado: ya no recibe preguntas. Puede escribir a la entidad por sus canales de atención.',
  honeypot: 'No se pudo recibir la pregunta: el formulario llegó con un campo que las personas no ven.',
  token: 'El formulario no es válido o caducó. Vuelva a cargar la página e inténtelo de nuevo.',
  fast: 'El formulario se envió demasiado rápido. Revise su pregunta y envíela de nuevo.',
  invalid: `Escriba su pregunta (entre ${citizenQuestionLimits.minText} y ${citizenQuestionLimits.text.toLocaleString('es-CO')} caracteres).`,
  tooLong: `La pregunta es demasiado larga: máximo ${citizenQuestionLimits.text.toLocaleString('es-CO')} caracteres.`,
  scripted: 'El texto no puede contener código (etiquetas HTML o scripts).',
  consent: 'Para guardar su nombre o su contacto debe aceptar el aviso de privacidad (Ley 1581 de 2012). Si no lo acepta, envíe la pregunta sin ellos.',
  noNotice: 'Esta página no ofrece aviso de privacidad: envíe la pregunta sin nombre ni contacto.',
  rateLimited: 'Demasiadas preguntas desde su conexión. Espere un minuto e inténtelo de nuevo.',
  tooLarge: 'La pregunta es demasiado larga (máximo 8 KB).',
} as const;
export type AskCode = keyof typeof askMessages;

const tooLong = 'tooLong';
export const askInputSchema = z.object({
  forumId: z.coerce.number({ error: askMessages.noForum }).int({ error: askMessages.noForum }).positive({ error: askMessages.noForum }).max(Number.MAX_SAFE_INTEGER, { error: askMessages.noForum }),
  text: z
    .string({ error: askMessages.invalid })
    .trim()
    .max(citizenQuestionLimits.text, { error: tooLong })
    .pipe(citizenText(citizenQuestionLimits.text, true))
    .refine((v) => v.length >= citizenQuestionLimits.minText, { error: askMessages.invalid }),
  name: citizenText(citizenQuestionLimits.name).default(''),
  contact: citizenText(citizenQuestionLimits.contact).default(''),
  /** The consent checkbox: «si» when ticked. */
  consent: z.string().max(10).default(''),
  formToken: z.string({ error: askMessages.token }).max(200, { error: askMessages.token }),
  website: z.string().max(500).default(''),
});

export const isAskPath = (path: string) => /^\/api\/public\/years\/\d+\/questions\/?$/.test(path);

export type AskResult = { ok: true; id: number } | { ok: false; status: 400 | 404 | 409; code: AskCode; message: string; issues?: { path: string; message: string }[] };

const refuse = (status: 400 | 404 | 409, code: AskCode, issues?: { path: string; message: string }[]): AskResult => ({ ok: false, status, code, message: askMessages[code], issues });

/** Checks and queues one question (through the write path, audited); a refusal stores nothing. */
export async function askQuestion(db: Kysely<Database>, o: { year: number; body: unknown; secret: string; now: Date; timeZone: string; minSubmitMs?: number }): Promise<AskResult> {
  const { settings } = await getPublication(db, o.year);
  if (!settings.show.calendar) return refuse(404, 'unpublished');
  const bot = await botProblem(o);
  if (bot) return refuse(400, bot);
  const parsed = askInputSchema.safeParse(o.body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message === tooLong ? askMessages.tooLong : i.message }));
    const code: AskCode = issues.some((i) => i.path === 'forumId')
      ? 'noForum'
      : issues.some((i) => i.message === askMessages.scripted || i.message.startsWith('El texto no puede'))
        ? 'scripted'
        : issues.some((i) => i.message === askMessages.tooLong)
          ? 'tooLong'
          : 'invalid';
    return refuse(code === 'noForum' ? 404 : 400, code, issues);
  }
  const input = parsed.data;
  const forum = await db.selectFrom('forums').select(['id', 'year', 'status', 'date']).where('id', '=', input.forumId).executeTakeFirst();
  if (!forum || forum.year !== o.year) return refuse(404, 'noForum');
  if (!forumTakesQuestions(forum, todayIn(o.timeZone, o.now))) return refuse(409, 'past');
  const personal = input.name !== '' || input.contact !== '';
  if (personal && settings.privacyNotice.trim() === '') return refuse(400, 'noNotice');
  if (personal && input.consent !== 'si') return refuse(400, 'consent');
  const receivedAt = dateTimeIn(o.timeZone, o.now);

  const id = await applyChange(db, { id: null, username: 'participa (pregunta ciudadana)' }, o.now.toISOString(), async ({ tx, now }) => {
    const id = await insertSubmission(tx, {
      forumId: forum.id,
      year: forum.year,
      text: input.text,
      name: personal ? input.name : '',
      contact: personal ? input.contact : '',
      consentText: personal ? settings.privacyNotice : '',
      consentAt: personal ? receivedAt : null,
      receivedAt,
      createdAt: now,
    });
    return { result: id, audit: [{ action: 'create', entity: 'citizen_question', entityId: id, changes: [`pregunta por moderar (foro ${forum.id})${personal ? ', con datos personales autorizados' : ''}`] }] };
  }, { timeZone: o.timeZone });
  return { ok: true, id };
}
