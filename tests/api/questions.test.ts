import { describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { dbSnapshot, expectProblem, expectValidationProblem, validForum } from '../support/api-assertions';
import type { Forum } from '../../src/domain/forum';
import { questionCaseInput, type QuestionCase, type QuestionCaseUpdate, type QuestionPage, type PersonalData, type QuestionFigures } from '../../src/domain/question';
import { docFromParagraphs } from '../../src/domain/rich-text';
import { purgeExpiredPersonalData } from '../../src/api/question-routes';

/** «Today» is 20 July 2022 in Bogotá for every test here. */
const now = new Date('2022-07-20T15:00:00Z');

async function setup() {
  const api = await createTestApi({ now: () => now });
  const [admin, editor, reviewer] = [await api.login('admin'), await api.login('editora'), await api.login('revisor')];
  const res = await api.call('POST', '/api/forums', {
    cookie: editor,
    body: validForum({
      date: '2022-06-22',
      time: null,
      questions: [
        { text: '¿Cuándo abren las inscripciones?', channel: 'web_form', askedBy: '', answered: false, answeredBy: '', answerSummary: '' },
        { text: '¿Hay cupos para jóvenes?', channel: 'live_chat', askedBy: '', answered: false, answeredBy: '', answerSummary: '' },
      ],
    }),
  });
  expect(res.status).toBe(201);
  const forum = (await res.json()) as Forum;
  const [first, second] = forum.questions.map((q) => q.questionId!);
  const get = async (id: number, cookie = editor) => (await (await api.call('GET', `/api/questions/${id}`, { cookie })).json()) as QuestionCase;
  const edit = (q: QuestionCase, changes: Partial<QuestionCaseUpdate>): QuestionCaseUpdate => ({
    ...questionCaseInput(q),
    version: q.version,
    ...changes,
  });
  return { ...api, admin, editor, reviewer, forum, first: first!, second: second!, get, edit };
}

describe('questions as cases', () => {
  it('a question from the forum form is a case received on the forum date, due in 15 working days (15 July 2022)', async () => {
    const { get, first } = await setup();
    const q = await get(first);
    expect(q).toMatchObject({ receivedAt: '2022-06-22T00:00', type: 'peticion', status: 'recibida', dueDate: '2022-07-15', hasPersonalData: false });
  });

  it('walks received → assigned → answered → published, audited, and refuses a stale version with 409', async () => {
    const { call, editor, admin, get, edit, first } = await setup();
    const areaRes = await call('POST', '/api/areas', { cookie: admin, body: { name: 'Subdirección de Métodos Educativos' } });
    expect(areaRes.status).toBe(201);
    const area = (await areaRes.json()) as { id: number };

    let q = await get(first);
    let res = await call('PUT', `/api/questions/${first}`, { cookie: editor, body: edit(q, { status: 'asignada', areaId: area.id, assignee: 'Ana Ruiz', type: 'informacion' }) });
    expect(res.status).toBe(200);
    q = (await res.json()) as QuestionCase;
    expect(q).toMatchObject({ status: 'asignada', areaId: area.id, dueDate: '2022-07-08', version: 2 });

    const staleRes = await call('PUT', `/api/questions/${first}`, { cookie: editor, body: edit(q, { version: 1, assignee: 'Otra' }) });
    const problem = await expectProblem(staleRes, 409);
    expect(problem.current).toMatchObject({ assignee: 'Ana Ruiz', version: 2 });

    res = await call('PUT', `/api/questions/${first}`, {
      cookie: editor,
      body: edit(q, { status: 'respondida', answer: docFromParagraphs(['Las inscripciones abren en agosto.']), answeredAt: '2022-07-05', answeredBy: 'Ana Ruiz', answerChannel: 'email', publishable: true }),
    });
    expect(res.status).toBe(200);
    q = (await res.json()) as QuestionCase;
    res = await call('PUT', `/api/questions/${first}`, { cookie: editor, body: edit(q, { status: 'publicada' }) });
    expect(res.status).toBe(200);
    const history = (await (await call('GET', `/api/questions/${first}/history`, { cookie: editor })).json()) as { items: { action: string; username: string }[] };
    expect(history.items).toHaveLength(3);
    expect(history.items.every((e) => e.username === 'editora')).toBe(true);
  });

  it('bad input gets Spanish messages at the field and saves nothing', async () => {
    const { call, db, editor, get, edit, first } = await setup();
    const q = await get(first);
    const before = await dbSnapshot(db);
    const cases: [Partial<QuestionCaseUpdate>, string][] = [
      [{ receivedAt: '2022-08-01T10:00' }, 'receivedAt'],
      [{ receivedAt: '2021-12-31T10:00' }, 'receivedAt'],
      [{ receivedAt: '2022-02-30T10:00' }, 'receivedAt'],
      [{ status: 'respondida', answeredAt: '2022-07-01' }, 'answer'],
      [{ status: 'respondida', answer: docFromParagraphs(['Sí.']), answeredAt: '2022-06-01' }, 'answeredAt'],
      [{ status: 'respondida', answer: docFromParagraphs(['Sí.']), answeredAt: '2022-07-25' }, 'answeredAt'],
      [{ status: 'asignada' }, 'areaId'],
      [{ status: 'asignada', areaId: 999 }, 'areaId'],
      [{ type: 'queja' as never }, 'type'],
    ];
    for (const [changes, path] of cases) {
      await expectValidationProblem(await call('PUT', `/api/questions/${first}`, { cookie: editor, body: edit(q, changes) }), [path]);
    }
    expect(await dbSnapshot(db)).toEqual(before);
    await expectProblem(await call('GET', '/api/questions?status=abierta', { cookie: editor }), 400);
    await expectProblem(await call('GET', '/api/questions/999', { cookie: editor }), 404);
  });

  it('«respondida en vivo» is one click and leaves no deadline', async () => {
    const { call, editor, get, second } = await setup();
    const q = await get(second);
    const res = await call('POST', `/api/questions/${second}/answered-live`, { cookie: editor, body: { version: q.version } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'respondida', answeredLive: true, dueDate: null, answerChannel: 'live', answeredAt: '2022-06-22' });
  });

  it('lists with filters, sorted by due date, with counts by status and overdue', async () => {
    const { call, editor, get, second, forum } = await setup();
    const q = await get(second);
    await call('POST', `/api/questions/${second}/answered-live`, { cookie: editor, body: { version: q.version } });
    const page = (await (await call('GET', `/api/questions?year=2022&forumId=${forum.id}`, { cookie: editor })).json()) as QuestionPage;
    expect(page.counts).toMatchObject({ recibida: 1, respondida: 1, overdue: 1 });
    expect(page.items.map((i) => i.dueDate)).toEqual(['2022-07-15', null]);
    const overdue = (await (await call('GET', '/api/questions?due=overdue', { cookie: editor })).json()) as QuestionPage;
    expect(overdue.items.map((i) => i.text)).toEqual(['¿Cuándo abren las inscripciones?']);
    const week = (await (await call('GET', '/api/questions?due=week', { cookie: editor })).json()) as QuestionPage;
    expect(week.items).toEqual([]);
    const figures = (await (await call('GET', '/api/questions/figures?year=2022', { cookie: editor })).json()) as { items: QuestionFigures[] };
    expect(figures.items.at(-1)).toMatchObject({ forumId: null, received: 2, answered: 1, answeredOnTime: 1, overdueNow: 1 });
  });

  it('counts follow every change at once, through the API or written to the database directly', async () => {
    const { call, db, editor, get, second } = await setup();
    const counts = async () => ((await (await call('GET', '/api/questions?year=2022', { cookie: editor })).json()) as QuestionPage).counts;
    expect(await counts()).toMatchObject({ recibida: 2, respondida: 0, overdue: 2 });
    expect(await counts()).toMatchObject({ recibida: 2, respondida: 0, overdue: 2 });
    const q = await get(second);
    await call('POST', `/api/questions/${second}/answered-live`, { cookie: editor, body: { version: q.version } });
    expect(await counts()).toMatchObject({ recibida: 1, respondida: 1, overdue: 1 });
    await db.updateTable('forum_questions').set({ status: 'publicada' }).where('id', '=', second).execute();
    expect(await counts()).toMatchObject({ recibida: 1, respondida: 0, publicada: 1, overdue: 1 });
  });

  it('role matrix: reviewers read, editors write, admins configure', async () => {
    const { call, admin, editor, reviewer, get, edit, first } = await setup();
    const q = await get(first, reviewer);
    expect(q.id).toBe(first);
    expect((await call('GET', '/api/questions', { cookie: reviewer })).status).toBe(200);
    await expectProblem(await call('PUT', `/api/questions/${first}`, { cookie: reviewer, body: edit(q, {}) }), 403);
    await expectProblem(await call('POST', `/api/questions/${first}/personal-data/view`, { cookie: reviewer, body: {} }), 403);
    await expectProblem(await call('POST', '/api/areas', { cookie: editor, body: { name: 'Talento humano' } }), 403);
    await expectProblem(await call('PUT', '/api/settings/questions', { cookie: editor, body: { terms: { peticion: 15, informacion: 10, consulta: 30 }, retentionMonths: 12, version: 0 } }), 403);
    await expectProblem(await call('GET', '/api/questions'), 401);
    const settings = await call('PUT', '/api/settings/questions', { cookie: admin, body: { terms: { peticion: 10, informacion: 10, consulta: 30 }, retentionMonths: 12, version: 0 } });
    expect(settings.status).toBe(200);
    // The open cases follow the new term.
    expect((await get(first)).dueDate).toBe('2022-07-08');
    await expectValidationProblem(await call('PUT', '/api/settings/questions', { cookie: admin, body: { terms: { peticion: 0, informacion: 10, consulta: 30 }, retentionMonths: 12, version: 1 } }), ['terms.peticion']);
    await expectValidationProblem(await call('POST', '/api/areas', { cookie: admin, body: { name: '' } }), ['name']);
  });
});

describe('personal data (Ley 1581)', () => {
  const personal = { name: 'María Gómez', contact: 'maria@example.org', consentText: 'Autorizo el tratamiento de mis datos personales…', consentAt: '2022-06-22T09:30' };

  it('is kept only with consent, read only through an audited POST, never in lists, cases or forums', async () => {
    const { call, db, editor, forum, first } = await setup();
    await expectValidationProblem(await call('PUT', `/api/questions/${first}/personal-data`, { cookie: editor, body: { ...personal, consentText: '', consentAt: null } }), ['consentText']);
    expect((await call('PUT', `/api/questions/${first}/personal-data`, { cookie: editor, body: personal })).status).toBe(200);

    for (const path of [`/api/questions/${first}`, '/api/questions', `/api/forums/${forum.id}`, '/api/questions/figures', '/api/years/2022/open-data/questions.csv', '/api/years/2022/open-data.json']) {
      const res = await call('GET', path, { cookie: editor });
      const text = await res.text();
      expect(text).not.toContain('María Gómez');
      expect(text).not.toContain('maria@example.org');
    }
    expect(((await (await call('GET', `/api/questions/${first}`, { cookie: editor })).json()) as QuestionCase).hasPersonalData).toBe(true);

    const auditBefore = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'question_personal_data').execute();
    const view = await call('POST', `/api/questions/${first}/personal-data/view`, { cookie: editor, body: {} });
    expect((await view.json()) as PersonalData).toMatchObject({ name: 'María Gómez', contact: 'maria@example.org' });
    const auditAfter = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'question_personal_data').execute();
    expect(auditAfter.length).toBe(auditBefore.length + 1);
    expect(auditAfter.at(-1)).toMatchObject({ username: 'editora', action: 'export', entity_id: first });
  });

  it('is removed on request: the question stays, anonymised', async () => {
    const { call, editor, get, first } = await setup();
    await call('PUT', `/api/questions/${first}/personal-data`, { cookie: editor, body: personal });
    expect((await call('DELETE', `/api/questions/${first}/personal-data`, { cookie: editor, body: {} })).status).toBe(204);
    const q = await get(first);
    expect(q).toMatchObject({ text: '¿Cuándo abren las inscripciones?', hasPersonalData: false });
    expect(q.anonymisedAt).not.toBeNull();
    const data = (await (await call('POST', `/api/questions/${first}/personal-data/view`, { cookie: editor, body: {} })).json()) as PersonalData;
    expect(data).toMatchObject({ name: '', contact: '', consentText: '' });
  });

  it('is removed after the retention period, in the name of the system', async () => {
    const { call, db, admin, editor, get, first, second } = await setup();
    await call('PUT', `/api/questions/${first}/personal-data`, { cookie: editor, body: personal });
    await call('PUT', '/api/settings/questions', { cookie: admin, body: { terms: { peticion: 15, informacion: 10, consulta: 30 }, retentionMonths: 1, version: 0 } });
    expect(await purgeExpiredPersonalData(db, new Date('2022-07-21T12:00:00Z'))).toBe(0);
    expect(await purgeExpiredPersonalData(db, new Date('2022-07-23T12:00:00Z'))).toBe(1);
    expect((await get(first)).hasPersonalData).toBe(false);
    expect((await get(second)).anonymisedAt).toBeNull();
    const entry = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'question_personal_data').where('action', '=', 'delete').executeTakeFirst();
    expect(entry?.username).toBe('sistema');
  });
});

describe('forum saves keep the cases', () => {
  it('saving the forum form keeps the question ids, the case data and the personal data', async () => {
    const { call, editor, get, edit, forum, first } = await setup();
    const q = await get(first);
    await call('PUT', `/api/questions/${first}/personal-data`, { cookie: editor, body: { name: 'Ana', contact: '', consentText: 'Autorizo.', consentAt: '2022-06-22T09:00' } });
    await call('PUT', `/api/questions/${first}`, { cookie: editor, body: edit(q, { assignee: 'Luis', type: 'consulta' }) });
    const current = (await (await call('GET', `/api/forums/${forum.id}`, { cookie: editor })).json()) as Forum;
    const { id: _id, version, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, origin: _o, ...input } = current;
    const res = await call('PUT', `/api/forums/${forum.id}`, { cookie: editor, body: { ...input, title: 'Otro título', version } });
    expect(res.status).toBe(200);
    expect(await get(first)).toMatchObject({ id: first, assignee: 'Luis', type: 'consulta', hasPersonalData: true, forumTitle: 'Otro título' });
  });
});

describe('open data questions-YYYY.csv', () => {
  it('carries only answered, publishable questions with their case dates, never who asked', async () => {
    const { call, editor, get, edit, first, second } = await setup();
    await call('PUT', `/api/questions/${first}/personal-data`, { cookie: editor, body: { name: 'María Gómez', contact: 'maria@example.org', consentText: 'Autorizo.', consentAt: '2022-06-22T09:00' } });
    const q = await get(first);
    await call('PUT', `/api/questions/${first}`, {
      cookie: editor,
      body: edit(q, { status: 'publicada', answer: docFromParagraphs(['En agosto.']), answeredAt: '2022-07-05', answerChannel: 'email', publishable: true }),
    });
    // Answered but not publishable: left out.
    await call('POST', `/api/questions/${second}/answered-live`, { cookie: editor, body: { version: 1 } });
    const csv = await (await call('GET', '/api/years/2022/open-data/questions.csv', { cookie: editor })).text();
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('¿Cuándo abren las inscripciones?');
    expect(lines[1]).toContain('2022-07-15');
    expect(lines[1]).toContain('En agosto.');
    expect(csv).not.toContain('María');
    expect(csv).not.toContain('¿Hay cupos para jóvenes?');
  });
});
