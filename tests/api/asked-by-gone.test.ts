import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/db/migrations';
import type { Forum } from '../../src/domain/forum';
import { expectValidationProblem, validForum } from '../support/api-assertions';
import { createTestApi } from '../support/test-api';

/**
 * Ley 1581 de 2012: the forum form's free-text «Quién preguntó» kept names without consent. It is gone from the forum
 * form and the forum's answers; names already typed there are cleared by migration 0015; a name is recorded only on
 * the question's case, with the consent notice and its time.
 */
const name = 'Ciudadana Sin Autorización';

async function setup() {
  const api = await createTestApi({ demo: true });
  const editor = await api.login('editora');
  const res = await api.call('POST', '/api/forums', {
    cookie: editor,
    body: validForum({ title: 'Foro con preguntas', date: '2022-11-20', questions: [{ text: '¿Cuándo abren la convocatoria?', channel: 'web_form', askedBy: '', answered: false, answeredBy: '', answerSummary: '' }] }),
  });
  expect(res.status).toBe(201);
  return { ...api, editor, forum: (await res.json()) as Forum };
}

describe('«Quién preguntó» is no longer kept on the forum (Ley 1581)', () => {
  it('a forum with a name in «askedBy» is refused in Spanish at that field; the forum never answers the field', async () => {
    const { call, editor, forum } = await setup();
    const refused = await expectValidationProblem(
      await call('PUT', `/api/forums/${forum.id}`, { cookie: editor, body: { ...validForum({ questions: [{ text: '¿Otra?', channel: 'live_chat', askedBy: name as '', answered: false, answeredBy: '', answerSummary: '' }] }), version: 1 } }),
      ['questions.0.askedBy'],
    );
    expect(JSON.stringify(refused)).toContain('regístrelo en la pregunta');
    expect(forum.questions[0]).not.toHaveProperty('askedBy');
    const read = (await (await call('GET', `/api/forums/${forum.id}`, { cookie: editor })).json()) as Forum;
    expect(read.questions[0]).not.toHaveProperty('askedBy');
  });

  it('a name left in the old column before the migration is in no forum answer and no open data; migration 0015 clears it', async () => {
    const { call, db, editor, forum } = await setup();
    await db.updateTable('forum_questions').set({ asked_by: name }).where('forum_id', '=', forum.id).execute();
    const answers = await Promise.all(
      [`/api/forums/${forum.id}`, '/api/forums?year=2022', '/api/questions?year=2022', '/api/years/2022/open-data.json', '/api/years/2022/open-data/questions.csv', '/api/years/2022/open-data/forums.csv', '/api/reports/2022/export-data'].map(async (path) => {
        const res = await call('GET', path, { cookie: editor });
        expect(res.status, path).toBe(200);
        return `${path} ${await res.text()}`;
      }),
    );
    for (const answer of answers) expect(answer).not.toContain(name);
    await migrations['0015_forum_questions_asked_by_cleared']!.up(db);
    const left = await db.selectFrom('forum_questions').select('asked_by').where('asked_by', '<>', '').execute();
    expect(left).toEqual([]);
  });
});
