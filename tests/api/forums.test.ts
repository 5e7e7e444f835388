import { describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { dbSnapshot, expectProblem, validForum } from '../support/api-assertions';
import type { Forum, ForumInput, ForumSummary, PublicQuestion } from '../../src/domain/forum';

async function setup(options: { demo?: boolean } = {}) {
  const api = await createTestApi(options);
  const admin = await api.login('admin');
  const editor = await api.login('editora');
  async function create(forum: ForumInput, cookie = editor): Promise<Forum> {
    const res = await api.call('POST', '/api/forums', { cookie, body: forum });
    expect(res.status).toBe(201);
    return (await res.json()) as Forum;
  }
  async function list(query = '', cookie = editor) {
    const res = await api.call('GET', `/api/forums${query}`, { cookie });
    expect(res.status).toBe(200);
    return (await res.json()) as { items: ForumSummary[]; total: number; page: number; pageSize: number };
  }
  return { ...api, admin, editor, create, list };
}

const questions: PublicQuestion[] = [
  { text: '¿Cómo se vota una causa?', channel: 'live_chat', answered: true, answeredBy: 'Secretaría', answerSummary: 'En la plataforma.' },
  { text: '¿Quién puede proponer?', channel: 'web_form', answered: false, answeredBy: '', answerSummary: '' },
  { text: 'Pregunta del moderador', channel: 'moderator', answered: true, answeredBy: 'Líder', answerSummary: 'Cualquier persona.' },
];

describe('forums: create, read, update, delete', () => {
  it('creates a forum: 201, version 1, a Location that serves the same record, and the author', async () => {
    const { call, editor } = await setup();
    const res = await call('POST', '/api/forums', { cookie: editor, body: validForum() });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Forum;
    expect(created.version).toBe(1);
    expect(created.id).toBeGreaterThan(0);
    expect(created).toMatchObject({ ...validForum(), createdBy: 'editora', updatedBy: 'editora' });
    const location = res.headers.get('location');
    expect(location).toBe(`/api/forums/${created.id}`);
    const again = await call('GET', location!, { cookie: editor });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(created);
  });

  it('stores trimmed texts', async () => {
    const { create } = await setup();
    const forum = await create(validForum({ title: '  Foro con espacios  ', moderator: ' Ana ' }));
    expect(forum.title).toBe('Foro con espacios');
    expect(forum.moderator).toBe('Ana');
  });

  it('updates with the current version: 200, version + 1, the new values, who saved it', async () => {
    const { call, create, admin } = await setup();
    const forum = await create(validForum());
    const res = await call('PUT', `/api/forums/${forum.id}`, { cookie: admin, body: { ...validForum({ title: 'Nuevo título', status: 'planned' }), version: 1 } });
    expect(res.status).toBe(200);
    const updated = (await res.json()) as Forum;
    expect(updated).toMatchObject({ id: forum.id, version: 2, title: 'Nuevo título', status: 'planned', updatedBy: 'admin', createdBy: 'editora' });
    const stored = (await (await call('GET', `/api/forums/${forum.id}`, { cookie: admin })).json()) as Forum;
    expect(stored).toEqual(updated);
    // A second save from version 2 works too.
    const third = await call('PUT', `/api/forums/${forum.id}`, { cookie: admin, body: { ...validForum({ title: 'Otro' }), version: 2 } });
    expect(third.status).toBe(200);
    expect((await third.json()).version).toBe(3);
  });

  it('refuses a stale version with 409, the stored record in `current`, and changes nothing', async () => {
    const { call, create, editor, admin, db } = await setup();
    const forum = await create(validForum());
    const first = await call('PUT', `/api/forums/${forum.id}`, { cookie: admin, body: { ...validForum({ title: 'Guardado primero' }), version: 1 } });
    expect(first.status).toBe(200);
    const stored = (await first.json()) as Forum;
    const before = await dbSnapshot(db);

    const stale = await call('PUT', `/api/forums/${forum.id}`, { cookie: editor, body: { ...validForum({ title: 'Guardado tarde' }), version: 1 } });
    const body = await expectProblem(stale, 409);
    expect(body.current).toEqual(stored);
    expect(body.current).toMatchObject({ version: 2, title: 'Guardado primero' });
    expect(await dbSnapshot(db)).toEqual(before);

    // A version from the future is just as stale.
    const future = await call('PUT', `/api/forums/${forum.id}`, { cookie: editor, body: { ...validForum(), version: 7 } });
    await expectProblem(future, 409);
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('PUT on a missing forum answers 404 and creates nothing', async () => {
    const { call, editor, db } = await setup();
    const before = await dbSnapshot(db);
    await expectProblem(await call('PUT', '/api/forums/42', { cookie: editor, body: { ...validForum(), version: 1 } }), 404);
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('deletes: 204, then 404 on read, update, delete and out of the list', async () => {
    const { call, create, list, editor } = await setup();
    const keep = await create(validForum({ title: 'Se queda' }));
    const forum = await create(validForum({ title: 'Se va' }));
    const res = await call('DELETE', `/api/forums/${forum.id}`, { cookie: editor });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    await expectProblem(await call('GET', `/api/forums/${forum.id}`, { cookie: editor }), 404);
    await expectProblem(await call('DELETE', `/api/forums/${forum.id}`, { cookie: editor }), 404);
    await expectProblem(await call('PUT', `/api/forums/${forum.id}`, { cookie: editor, body: { ...validForum(), version: 1 } }), 404);
    const page = await list();
    expect(page.total).toBe(1);
    expect(page.items.map((f) => f.id)).toEqual([keep.id]);
  });

  it('deleting a forum also deletes its questions', async () => {
    const { call, create, editor, db } = await setup();
    const forum = await create(validForum({ questions }));
    expect(await db.selectFrom('forum_questions').selectAll().execute()).toHaveLength(3);
    expect((await call('DELETE', `/api/forums/${forum.id}`, { cookie: editor })).status).toBe(204);
    expect(await db.selectFrom('forum_questions').selectAll().execute()).toHaveLength(0);
  });
});

describe('forums: questions from the public', () => {
  it('round-trip in order through create, read, update and the list count', async () => {
    const { call, create, list, editor } = await setup();
    const forum = await create(validForum({ questions }));
    const withoutIds = (qs: Forum['questions']) => qs.map(({ questionId: _id, ...q }) => q);
    expect(withoutIds(forum.questions)).toEqual(questions);
    expect(forum.questions.every((q) => typeof q.questionId === 'number')).toBe(true);
    const read = (await (await call('GET', `/api/forums/${forum.id}`, { cookie: editor })).json()) as Forum;
    expect(read.questions).toEqual(forum.questions);
    expect((await list()).items[0].questionCount).toBe(3);

    // The form sends the rows with their ids: the questions (and their cases) are kept, not rewritten.
    const reordered = [read.questions[2]!, read.questions[0]!];
    const res = await call('PUT', `/api/forums/${forum.id}`, { cookie: editor, body: { ...validForum({ questions: reordered }), version: 1 } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Forum).questions).toEqual(reordered);
    const reread = (await (await call('GET', `/api/forums/${forum.id}`, { cookie: editor })).json()) as Forum;
    expect(reread.questions).toEqual(reordered);
    expect((await list()).items[0].questionCount).toBe(2);
  });
});

describe('forums: list', () => {
  async function seeded() {
    const api = await setup({ demo: true });
    await api.create(validForum({ title: 'Agua y territorio', theme: 'Ambiente', year: 2023, date: '2023-03-10', platform: 'youtube_live', status: 'planned', alliedEntities: [] }));
    await api.create(validForum({ title: 'Bosques urbanos', theme: 'Ambiente', year: 2023, date: '2023-05-02', platform: 'teams', status: 'cancelled', alliedEntities: [] }));
    return api;
  }

  it('searches title and theme without regard to accents or case', async () => {
    const { list } = await seeded();
    const politica = await list('?q=politica');
    expect(politica.total).toBe(1);
    expect(politica.items[0].title).toBe('Foro Virtual de Participación: Políticas Públicas');
    expect((await list('?q=POLÍTICAS')).items.map((f) => f.title)).toEqual(politica.items.map((f) => f.title));
    // "gobierno abierto" is only in the theme of the third demo forum.
    const theme = await list('?q=gobierno%20abierto');
    expect(theme.items.map((f) => f.title)).toEqual(['Foro Virtual de Participación: Causas Ciudadanas']);
    expect((await list('?q=participacion')).total).toBe(3);
    expect((await list('?q=no-existe-en-ningun-foro')).total).toBe(0);
  });

  it('treats % and _ in the search as plain text', async () => {
    const { list, create } = await seeded();
    expect((await list('?q=%25')).total).toBe(0);
    expect((await list('?q=_')).total).toBe(0);
    await create(validForum({ title: 'Meta del 50% cumplida' }));
    expect((await list('?q=50%25')).items.map((f) => f.title)).toEqual(['Meta del 50% cumplida']);
  });

  it('filters by year, status and platform, alone and combined', async () => {
    const { list } = await seeded();
    const y2022 = await list('?year=2022');
    expect(y2022.total).toBe(3);
    expect(y2022.items.every((f) => f.year === 2022)).toBe(true);
    expect((await list('?year=2023')).items.map((f) => f.title).sort()).toEqual(['Agua y territorio', 'Bosques urbanos']);
    expect((await list('?year=2024')).total).toBe(0);
    expect((await list('?status=cancelled')).items.map((f) => f.title)).toEqual(['Bosques urbanos']);
    expect((await list('?status=held')).total).toBe(3);
    expect((await list('?platform=youtube_live')).items.map((f) => f.title)).toEqual(['Agua y territorio']);
    expect((await list('?platform=facebook_live')).total).toBe(3);
    expect((await list('?year=2023&status=planned&platform=teams')).total).toBe(0);
    expect((await list('?year=2023&platform=teams')).items.map((f) => f.title)).toEqual(['Bosques urbanos']);
  });

  it('sorts by -date (the default), date and title', async () => {
    const { list } = await seeded();
    const newestFirst = ['2023-05-02', '2023-03-10', '2022-09-07', '2022-07-29', '2022-06-22'];
    expect((await list()).items.map((f) => f.date)).toEqual(newestFirst);
    expect((await list('?sort=-date')).items.map((f) => f.date)).toEqual(newestFirst);
    expect((await list('?sort=date')).items.map((f) => f.date)).toEqual([...newestFirst].reverse());
    const titles = (await list('?sort=title')).items.map((f) => f.title);
    expect(titles).toEqual([
      'Agua y territorio',
      'Bosques urbanos',
      'Foro Virtual de Participación: Causas Ciudadanas',
      'Foro Virtual de Participación: Modelo Integrado de Planeación y Gestión — MIPG',
      'Foro Virtual de Participación: Políticas Públicas',
    ]);
    expect((await list('?sort=-title')).items.map((f) => f.title)).toEqual([...titles].reverse());
  });

  it('pages: page, pageSize and total; pages do not overlap and cover everything', async () => {
    const { list } = await seeded();
    const first = await list('?pageSize=2&page=1&sort=date');
    const second = await list('?pageSize=2&page=2&sort=date');
    const third = await list('?pageSize=2&page=3&sort=date');
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: 5 });
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: 5 });
    expect(third).toMatchObject({ page: 3, pageSize: 2, total: 5 });
    expect([first, second, third].map((p) => p.items.length)).toEqual([2, 2, 1]);
    const ids = [...first.items, ...second.items, ...third.items].map((f) => f.id);
    expect(new Set(ids).size).toBe(5);
    expect((await list('?pageSize=2&page=4')).items).toEqual([]);
    const defaults = await list();
    expect(defaults).toMatchObject({ page: 1, pageSize: 20, total: 5 });
    expect((await list('?pageSize=100')).items).toHaveLength(5);
    // Filters apply to the total as well.
    expect(await list('?year=2023&pageSize=1')).toMatchObject({ total: 2, pageSize: 1 });
  });

  it('refuses pageSize over 100 with a Spanish problem', async () => {
    const { call, editor } = await seeded();
    const body = await expectProblem(await call('GET', '/api/forums?pageSize=101', { cookie: editor }), 400);
    expect(body.errors).toEqual([{ path: 'pageSize', message: 'El tamaño de página no puede superar 100.' }]);
  });

  it('lists the years that have forums, newest first', async () => {
    const { call, editor, create } = await seeded();
    await create(validForum({ year: 2021, date: '2021-11-11' }));
    const res = await call('GET', '/api/forums/years', { cookie: editor });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [2023, 2022, 2021] });
  });
});

describe('forums: audit history', () => {
  it('records create, update (with the changed field names) and delete, newest first, with the username', async () => {
    const { call, create, editor, admin } = await setup();
    const forum = await create(validForum());
    const put = await call('PUT', `/api/forums/${forum.id}`, {
      cookie: admin,
      body: { ...validForum({ title: 'Título corregido', durationMinutes: 50, questions: [questions[0]] }), version: 1 },
    });
    expect(put.status).toBe(200);

    const history = async () => {
      const res = await call('GET', `/api/forums/${forum.id}/history`, { cookie: editor });
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { action: string; username: string; changes: string[]; entityId: number; at: string }[] }).items;
    };
    const afterUpdate = await history();
    expect(afterUpdate.map((e) => [e.action, e.username])).toEqual([
      ['update', 'admin'],
      ['create', 'editora'],
    ]);
    expect([...afterUpdate[0].changes].sort()).toEqual(['durationMinutes', 'questions', 'title']);
    expect(afterUpdate.every((e) => e.entityId === forum.id && !Number.isNaN(Date.parse(e.at)))).toBe(true);

    expect((await call('DELETE', `/api/forums/${forum.id}`, { cookie: admin })).status).toBe(204);
    const afterDelete = await history();
    expect(afterDelete.map((e) => [e.action, e.username])).toEqual([
      ['delete', 'admin'],
      ['update', 'admin'],
      ['create', 'editora'],
    ]);
    expect(afterDelete[0].changes).toEqual(['Título corregido']);
  });

  it('a refused update leaves no history entry; another forum has its own history', async () => {
    const { call, create, editor } = await setup();
    const a = await create(validForum({ title: 'A' }));
    const b = await create(validForum({ title: 'B' }));
    await expectProblem(await call('PUT', `/api/forums/${a.id}`, { cookie: editor, body: { ...validForum(), version: 5 } }), 409);
    const res = await call('GET', `/api/forums/${a.id}/history`, { cookie: editor });
    expect(((await res.json()) as { items: { action: string }[] }).items.map((e) => e.action)).toEqual(['create']);
    const other = await call('GET', `/api/forums/${b.id}/history`, { cookie: editor });
    expect(((await other.json()) as { items: { entityId: number }[] }).items.map((e) => e.entityId)).toEqual([b.id]);
  });

  it('a new forum never takes the id of a deleted one, so histories never mix', async () => {
    const { call, create, editor } = await setup();
    const gone = await create(validForum({ title: 'Borrado' }));
    expect((await call('DELETE', `/api/forums/${gone.id}`, { cookie: editor })).status).toBe(204);
    const fresh = await create(validForum({ title: 'Nuevo' }));
    expect(fresh.id).not.toBe(gone.id);
    const res = await call('GET', `/api/forums/${fresh.id}/history`, { cookie: editor });
    expect(((await res.json()) as { items: { action: string }[] }).items.map((e) => e.action)).toEqual(['create']);
  });

  it('answers 404 for a forum that never existed', async () => {
    const { call, editor } = await setup();
    await expectProblem(await call('GET', '/api/forums/123/history', { cookie: editor }), 404);
  });
});

describe('demo data', () => {
  it('createTestApi({demo:true}) loads exactly the three 2022 forums of the report', async () => {
    const { list, call, editor } = await setup({ demo: true });
    const page = await list('?sort=date');
    expect(page.total).toBe(3);
    expect(page.items.map((f) => f.date)).toEqual(['2022-06-22', '2022-07-29', '2022-09-07']);
    expect(page.items.every((f) => f.year === 2022 && f.platform === 'facebook_live')).toBe(true);
    const third = (await (await call('GET', `/api/forums/${page.items[2].id}`, { cookie: editor })).json()) as Forum;
    expect(third.alliedEntities).toEqual(['Secretaría Distrital de Gobierno']);
    expect(third.title).toMatch(/Causas Ciudadanas/);
    const years = await call('GET', '/api/forums/years', { cookie: editor });
    expect(await years.json()).toEqual({ items: [2022] });
  });

  it('without demo there are no forums and no years', async () => {
    const { list, call, editor } = await setup();
    expect((await list()).total).toBe(0);
    expect(await (await call('GET', '/api/forums/years', { cookie: editor })).json()).toEqual({ items: [] });
  });
});
