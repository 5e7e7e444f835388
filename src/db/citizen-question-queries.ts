import { sql, type Kysely, type Transaction } from 'kysely';
import { submissionStatuses, type CitizenQuestionSubmission, type SubmissionPage, type SubmissionStatus } from '../domain/citizen-question';
import { dueDateFor, type QuestionType } from '../domain/question';
import { getQuestionSettings } from './question-queries';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewSubmission {
  forumId: number;
  year: number;
  text: string;
  name: string;
  contact: string;
  consentText: string;
  consentAt: string | null;
  receivedAt: string;
  createdAt: string;
}

export async function insertSubmission(db: Db, s: NewSubmission): Promise<number> {
  const { id } = await db
    .insertInto('citizen_questions')
    .values({
      forum_id: s.forumId,
      year: s.year,
      text: s.text,
      asker_name: s.name,
      asker_contact: s.contact,
      consent_text: s.consentText,
      consent_at: s.consentAt,
      received_at: s.receivedAt,
      created_at: s.createdAt,
      status: 'por_moderar',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

const columns = [
  'c.id',
  'c.forum_id',
  'c.year',
  'c.text',
  'c.received_at',
  'c.status',
  'c.question_id',
  'c.reason',
  'c.moderated_at',
  'c.moderated_by',
  'f.title as forum_title',
] as const;

const hasPersonal = sql<number>`(c.asker_name <> '' or c.asker_contact <> '')`.as('has_personal');

type Row = { id: number; forum_id: number; year: number; text: string; received_at: string; status: SubmissionStatus; question_id: number | null; reason: string; moderated_at: string | null; moderated_by: string | null; forum_title: string; has_personal: number };

const toSubmission = (r: Row): CitizenQuestionSubmission => ({
  id: r.id,
  forumId: r.forum_id,
  forumTitle: r.forum_title,
  year: r.year,
  text: r.text,
  receivedAt: r.received_at,
  hasPersonalData: Number(r.has_personal) === 1,
  status: r.status,
  questionId: r.question_id,
  reason: r.reason,
  moderatedAt: r.moderated_at,
  moderatedBy: r.moderated_by,
});

export async function getSubmission(db: Db, id: number): Promise<CitizenQuestionSubmission | undefined> {
  const row = await db.selectFrom('citizen_questions as c').innerJoin('forums as f', 'f.id', 'c.forum_id').select(columns).select(hasPersonal).where('c.id', '=', id).executeTakeFirst();
  return row ? toSubmission(row) : undefined;
}

/** The queue (oldest first while waiting, newest first once moderated) and the count per status. */
export async function listSubmissions(db: Db, status: SubmissionStatus): Promise<SubmissionPage> {
  const rows = await db
    .selectFrom('citizen_questions as c')
    .innerJoin('forums as f', 'f.id', 'c.forum_id')
    .select(columns)
    .select(hasPersonal)
    .where('c.status', '=', status)
    .orderBy('c.id', status === 'por_moderar' ? 'asc' : 'desc')
    .limit(500)
    .execute();
  const countRows = await db.selectFrom('citizen_questions').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const counts = Object.fromEntries(submissionStatuses.map((s) => [s, 0])) as Record<SubmissionStatus, number>;
  for (const c of countRows) if (c.status in counts) counts[c.status] = Number(c.n);
  return { items: rows.map(toSubmission), counts };
}

/** Records the decision when the submission is still waiting (false: someone else decided first). */
async function decide(db: Db, id: number, set: { status: SubmissionStatus; question_id: number | null; reason: string }, by: string, now: string, dropPersonal: boolean): Promise<boolean> {
  const result = await db
    .updateTable('citizen_questions')
    .set({ ...set, moderated_at: now, moderated_by: by, ...(dropPersonal ? { asker_name: '', asker_contact: '', consent_text: '', consent_at: null } : {}) })
    .where('id', '=', id)
    .where('status', '=', 'por_moderar')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Accepting: a new case of the forum (channel «Formulario web», received when the citizen sent it, its due date from
 * the legal term of `type`), with the name and contact and their consent moved to it (read then only through the
 * case's audited route). The forum's version moves on, so a forum form opened before cannot drop the new question.
 */
export async function acceptSubmission(db: Db, id: number, type: QuestionType, by: string, now: string): Promise<number | null> {
  const row = await db.selectFrom('citizen_questions').selectAll().where('id', '=', id).where('status', '=', 'por_moderar').executeTakeFirst();
  if (!row) return null;
  const settings = await getQuestionSettings(db);
  const last = await db.selectFrom('forum_questions').select((eb) => eb.fn.max('position').as('p')).where('forum_id', '=', row.forum_id).executeTakeFirst();
  const { id: questionId } = await db
    .insertInto('forum_questions')
    .values({
      forum_id: row.forum_id,
      position: Number(last?.p ?? -1) + 1,
      text: row.text,
      channel: 'web_form',
      asked_by: '',
      answered: 0,
      answered_by: '',
      answer_summary: '',
      year: row.year,
      received_at: row.received_at,
      type,
      status: 'recibida',
      due_date: dueDateFor(row.received_at, type, false, settings),
      asker_name: row.asker_name,
      asker_contact: row.asker_contact,
      consent_text: row.consent_text,
      consent_at: row.consent_at,
      case_version: 1,
      updated_at: now,
      updated_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('forums').set({ version: sql`version + 1`, updated_at: now, updated_by: by }).where('id', '=', row.forum_id).execute();
  if (!(await decide(db, id, { status: 'aceptada', question_id: questionId, reason: '' }, by, now, true))) return null;
  return questionId;
}

/**
 * Merging into a case of the same forum that asks the same. The person still asked, and the office may have to
 * answer them (Ley 1755), so a name or contact given with the consent notice accepted (Ley 1581: for answering this
 * question) stays on the submission, attached to that case: read only through the case's audited personal-data
 * route, removable on request, purged with the retention period like the case's own. Anything without a recorded
 * consent goes. 'kept' or 'dropped' (what the audit says), or null when someone else decided first.
 */
export async function mergeSubmission(db: Db, id: number, questionId: number, by: string, now: string): Promise<'kept' | 'dropped' | 'none' | null> {
  const row = await db.selectFrom('citizen_questions').select(['asker_name', 'asker_contact', 'consent_text', 'consent_at']).where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const hasData = row.asker_name !== '' || row.asker_contact !== '';
  const consented = row.consent_text !== '' && row.consent_at !== null;
  const keep = hasData && consented;
  if (!(await decide(db, id, { status: 'fusionada', question_id: questionId, reason: '' }, by, now, !keep))) return null;
  return keep ? 'kept' : hasData ? 'dropped' : 'none';
}

/** Removes the personal data of a merged submission (a person's request); false when it had none. */
export async function removeSubmissionPersonalData(db: Db, id: number): Promise<boolean> {
  const result = await db
    .updateTable('citizen_questions')
    .set({ asker_name: '', asker_contact: '', consent_text: '', consent_at: null })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('asker_name', '<>', ''), eb('asker_contact', '<>', ''), eb('consent_text', '<>', '')]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Rejecting, with the reason: the personal data goes at once. */
export const rejectSubmission = (db: Db, id: number, reason: string, by: string, now: string) => decide(db, id, { status: 'rechazada', question_id: null, reason }, by, now, true);

/** Waiting submissions whose personal data outlived the retention period (from reception): it goes, the text stays. */
export async function purgeSubmissionPersonalData(db: Db, cutoffDate: string): Promise<number[]> {
  const rows = await db
    .selectFrom('citizen_questions')
    .select('id')
    .where((eb) => eb.or([eb('asker_name', '<>', ''), eb('asker_contact', '<>', ''), eb('consent_text', '<>', '')]))
    .where('received_at', '<', cutoffDate)
    .execute();
  const ids = rows.map((r) => r.id);
  if (ids.length > 0) await db.updateTable('citizen_questions').set({ asker_name: '', asker_contact: '', consent_text: '', consent_at: null }).where('id', 'in', ids).execute();
  return ids;
}
