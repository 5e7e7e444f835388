import { organizationIdOf } from './org-scope';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { evaluationQuestions, type EvaluationInput, type EvaluationResponse } from '../domain/evaluation';
import type { Database, EvaluationResponsesTable } from './schema';
import { engineOf, postgresInsertRows } from './engine';

type Db = Kysely<Database> | Transaction<Database>;

type Row = Selectable<EvaluationResponsesTable>;

const toResponse = (r: Row): EvaluationResponse => ({
  id: r.id,
  forumId: r.forum_id,
  scores: { clarity: r.clarity, usefulness: r.usefulness, participation: r.participation, answers: r.answers, format: r.format },
  comment: r.comment,
  valueGroup: r.value_group,
  source: r.source === 'import' || r.source === 'demo' || r.source === 'public' ? r.source : 'manual',
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export async function listEvaluationResponses(db: Db, forumId: number): Promise<EvaluationResponse[]> {
  return (await db.selectFrom('evaluation_responses').selectAll().where('forum_id', '=', forumId).orderBy('id').execute()).map(toResponse);
}

/** The responses of every forum of a year, with their forum (report section, open data). */
export async function evaluationResponsesOfYear(db: Db, year: number): Promise<(EvaluationResponse & { forumTitle: string })[]> {
  const rows = await db
    .selectFrom('evaluation_responses as e')
    .innerJoin('forums as f', 'f.id', 'e.forum_id')
    .selectAll('e')
    .select('f.title as forum_title')
    .where('f.year', '=', year)
    .orderBy('f.date')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({ ...toResponse(r), forumTitle: r.forum_title }));
}

export async function getEvaluationResponse(db: Db, id: number): Promise<EvaluationResponse | null> {
  const row = await db.selectFrom('evaluation_responses').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toResponse(row) : null;
}

export async function deleteEvaluationResponse(db: Db, id: number): Promise<void> {
  await db.deleteFrom('evaluation_responses').where('id', '=', id).execute();
}

const batchSize = 5_000;

/** Responses in batches of one JSON parameter each (json_each): an import of thousands is a few statements. */
export async function insertEvaluationResponses(db: Db, forumId: number, responses: EvaluationInput[], source: 'manual' | 'import' | 'demo' | 'public', username: string, now: string): Promise<number[]> {
  const ids: number[] = [];
  if (engineOf(db) === 'postgres') {
    for (let start = 0; start < responses.length; start += postgresInsertRows) {
      const rows = responses.slice(start, start + postgresInsertRows).map((r) => ({
        forum_id: forumId,
        ...Object.fromEntries(evaluationQuestions.map((q) => [q, r.scores[q] ?? null])),
        comment: r.comment,
        value_group: r.valueGroup,
        source,
        created_at: now,
        created_by: username,
      }));
      const inserted = await db.insertInto('evaluation_responses').values(rows as never).returning('id').execute();
      ids.push(...inserted.map((r) => r.id));
    }
    return ids;
  }
  for (let start = 0; start < responses.length; start += batchSize) {
    const batch = JSON.stringify(responses.slice(start, start + batchSize).map((r) => [...evaluationQuestions.map((q) => r.scores[q]), r.comment, r.valueGroup]));
    const rows = await sql<{ id: number }>`
      insert into evaluation_responses (forum_id, clarity, usefulness, participation, answers, format, comment, value_group, source, created_at, created_by, organization_id)
      select ${forumId}, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), json_extract(j.value, '$[4]'), json_extract(j.value, '$[5]'), json_extract(j.value, '$[6]'), ${source}, ${now}, ${username}, ${organizationIdOf(db)}
      from json_each(${batch}) j
      returning id`.execute(db);
    ids.push(...rows.rows.map((r) => r.id));
  }
  return ids;
}
