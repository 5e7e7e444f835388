import { describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { dbSnapshot, expectProblem, expectValidationProblem } from '../support/api-assertions';
import type { Consultation, ConsultationInput, ConsultationResponse, ConsultationSummary, ResponseInput } from '../../src/domain/consultation';
import type { ConsultationImportResult } from '../../src/domain/consultation-import';
import type { ConsultationTally } from '../../src/domain/consultation-tally';
import type { Forum } from '../../src/domain/forum';
import { demoConsultation2022 } from '../../src/db/demo-consultation-2022';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const newConsultation = (overrides: Partial<ConsultationInput> = {}): ConsultationInput => ({
  year: 2023,
  title: 'Consulta ciudadana 2023',
  openDate: '2023-03-01',
  closeDate: '2023-03-31',
  channels: ['web', 'social'],
  status: 'open',
  topics: [
    { title: 'Salud mental juvenil', description: 'Rutas de atención en salud mental para jóvenes.', proposingTeam: 'Equipo de Salud' },
    { title: 'Transparencia', description: '', proposingTeam: '' },
    { title: 'Deporte y cultura', description: '', proposingTeam: 'Equipo de Cultura' },
  ],
  ...overrides,
});

async function setup(options: { demo?: boolean } = {}) {
  const api = await createTestApi({ demo: options.demo ?? false });
  const editor = await api.login('editora');
  const reviewer = await api.login('revisor');
  async function create(input: ConsultationInput = newConsultation()): Promise<Consultation> {
    const res = await api.call('POST', '/api/consultations', { cookie: editor, body: input });
    expect(res.status).toBe(201);
    return (await res.json()) as Consultation;
  }
  async function get(id: number, cookie = editor): Promise<Consultation> {
    const res = await api.call('GET', `/api/consultations/${id}`, { cookie });
    expect(res.status).toBe(200);
    return (await res.json()) as Consultation;
  }
  const respond = (id: number, body: unknown, cookie: string = editor) => api.call('POST', `/api/consultations/${id}/responses`, { cookie, body });
  const importRows = (id: number, body: unknown, query = '') => api.call('POST', `/api/consultations/${id}/responses/import${query}`, { cookie: editor, body });
  const audit = (id: number) => api.db.selectFrom('audit_log').selectAll().where('entity', '=', 'consultation').where('entity_id', '=', id).orderBy('id').execute();
  return { ...api, editor, reviewer, create, get, respond, importRows, audit };
}

const response = (topicIds: number[], overrides: Partial<ResponseInput> = {}): ResponseInput => ({
  valueGroupKind: 'external',
  valueGroup: 'Ciudadanía',
  topicIds,
  proposedTopic: '',
  questions: [],
  channel: 'web',
  date: '2023-03-10',
  ...overrides,
});

/** A Google Forms export of the 2023 consultation: 4 rows, one late, one with an e-mail and a name. */
function googleExport(c: Consultation) {
  const [salud, transparencia, deporte] = c.topics.map((t) => t.title);
  return {
    header: ['Marca temporal', 'Dirección de correo electrónico', 'Nombre', '¿A qué grupo de valor pertenece?', '¿Qué temas le interesan?', '¿Qué preguntas tiene para el foro?'],
    rows: [
      ['2023/03/02 10:15:00 a. m. GMT-5', 'ana@example.org', 'Ana Pérez', 'Servidora pública', `${salud}, ${deporte}`, '¿Qué rutas hay para pedir ayuda?'],
      ['2023/03/05 3:00:00 p. m. GMT-5', '', '', 'Ciudadanía', transparencia, ''],
      ['2023/03/20 9:00:00 a. m. GMT-5', 'luis@example.org', 'Luis', 'Contratista', salud, '¿Cuántos psicólogos atienden?'],
      ['2023/04/02 8:00:00 a. m. GMT-5', '', '', 'Familias', `${salud}, Medio ambiente`, ''],
    ],
    mapping: {
      'Marca temporal': 'timestamp',
      'Dirección de correo electrónico': 'personal',
      Nombre: 'personal',
      '¿A qué grupo de valor pertenece?': 'valueGroup',
      '¿Qué temas le interesan?': 'topics',
      '¿Qué preguntas tiene para el foro?': 'questions',
    },
    lateMode: 'mark',
    defaultChannel: 'email',
  };
}

describe('POST/GET/PUT/DELETE /api/consultations', () => {
  it('creates a consultation (201, version 1, topics with ids, counts, audit) and reads it back', async () => {
    const { create, get, audit, call, editor } = await setup();
    const created = await create();
    expect(created).toMatchObject({ year: 2023, title: 'Consulta ciudadana 2023', status: 'open', channels: ['web', 'social'], version: 1, createdBy: 'editora', responseCount: 0, forums: [] });
    expect(created.topics.map((t) => t.title)).toEqual(['Salud mental juvenil', 'Transparencia', 'Deporte y cultura']);
    expect(created.topics.every((t) => Number.isInteger(t.id))).toBe(true);
    expect(await get(created.id)).toEqual(created);
    expect((await audit(created.id)).map((e) => e.action)).toEqual(['create']);

    const list = (await (await call('GET', '/api/consultations?year=2023', { cookie: editor })).json()) as { items: ConsultationSummary[] };
    expect(list.items).toEqual([
      { id: created.id, year: 2023, title: created.title, openDate: '2023-03-01', closeDate: '2023-03-31', status: 'open', topicCount: 3, responseCount: 0, version: 1 },
    ]);
    expect(((await (await call('GET', '/api/consultations?year=2021', { cookie: editor })).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('saves with the current version, keeping topic ids (and votes), adding and removing topics; a stale version gets 409 with the current one', async () => {
    const { create, put, respond } = await (async () => {
      const s = await setup();
      return { ...s, put: (id: number, body: unknown) => s.call('PUT', `/api/consultations/${id}`, { cookie: s.editor, body }) };
    })();
    const c = await create();
    expect((await respond(c.id, response([c.topics[0].id]))).status).toBe(201);
    const body = {
      ...newConsultation({ title: 'Consulta 2023 (ajustada)', status: 'closed' }),
      topics: [{ ...c.topics[0], title: 'Salud mental' }, { title: 'Movilidad', description: '', proposingTeam: '' }, c.topics[1]],
      version: 1,
    };
    const res = await put(c.id, body);
    expect(res.status).toBe(200);
    const saved = (await res.json()) as Consultation;
    expect(saved).toMatchObject({ version: 2, title: 'Consulta 2023 (ajustada)', status: 'closed', responseCount: 1 });
    expect(saved.topics.map((t) => t.title)).toEqual(['Salud mental', 'Movilidad', 'Transparencia']);
    expect(saved.topics[0].id).toBe(c.topics[0].id);
    expect(saved.topics[2].id).toBe(c.topics[1].id);

    const stale = await expectProblem(await put(c.id, body), 409);
    expect(stale.title).toBe('Otra persona guardó cambios en esta consulta mientras usted editaba.');
    expect((stale.current as unknown as Consultation).version).toBe(2);
  });

  it('keeps one consultation per year: a second one, or moving one into a taken year, is a 409 at the year field and saves nothing', async () => {
    const { create, call, editor, db } = await setup();
    const c = await create();
    const other = await create(newConsultation({ title: 'Consulta 2024', year: 2024, openDate: '2024-01-01', closeDate: '2024-12-31' }));
    const before = await dbSnapshot(db);

    const second = await expectProblem(await call('POST', '/api/consultations', { cookie: editor, body: newConsultation({ title: 'Segunda ronda 2023' }) }), 409);
    const message = 'Ya hay una consulta para la vigencia 2023: «Consulta ciudadana 2023». Ábrala para seguir con ella, o elija otra vigencia.';
    expect(second.title).toBe(message);
    expect(second.errors).toEqual([{ path: 'year', message }]);
    expect((second as unknown as { consultationId: number }).consultationId).toBe(c.id);

    const moving = await expectProblem(
      await call('PUT', `/api/consultations/${other.id}`, {
        cookie: editor,
        body: { ...newConsultation({ title: 'Consulta 2024' }), topics: other.topics, version: 1 },
      }),
      409,
    );
    expect(moving.errors).toEqual([{ path: 'year', message }]);
    expect(await dbSnapshot(db)).toEqual(before);

    // Its own year is not "taken" by itself.
    const same = await call('PUT', `/api/consultations/${c.id}`, { cookie: editor, body: { ...newConsultation({ title: 'Consulta ciudadana 2023 (ajustada)' }), topics: c.topics, version: 1 } });
    expect(same.status).toBe(200);
  });

  it('refuses removing a topic that has votes (409, nothing saved) and a topic id of another consultation (400)', async () => {
    const { create, respond, call, editor, db } = await setup();
    const c = await create();
    const other = await create(newConsultation({ title: 'Otra', year: 2024, openDate: '2024-01-01', closeDate: '2024-12-31' }));
    await respond(c.id, response([c.topics[1].id]));
    const before = await dbSnapshot(db);
    const removing = await expectProblem(
      await call('PUT', `/api/consultations/${c.id}`, { cookie: editor, body: { ...newConsultation(), topics: [c.topics[0], c.topics[2]], version: 1 } }),
      409,
    );
    expect(removing.title).toBe('No se puede quitar el tema «Transparencia»: tiene 1 voto.');
    await expectValidationProblem(
      await call('PUT', `/api/consultations/${c.id}`, { cookie: editor, body: { ...newConsultation(), topics: [...c.topics, { ...other.topics[0], title: 'Tema ajeno' }], version: 1 } }),
      ['topics.3.id'],
    );
    await expectValidationProblem(await call('POST', '/api/consultations', { cookie: editor, body: newConsultation({ topics: [{ ...c.topics[0] }] }) }), ['topics.0.id']);
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('deletes a consultation with its responses; forums created from it stay without origin', async () => {
    const { create, respond, call, editor, db, audit } = await setup();
    const c = await create();
    await respond(c.id, response([c.topics[0].id], { questions: ['¿Hay cupos?'] }));
    const forum = (await (await call('POST', `/api/consultations/${c.id}/topics/${c.topics[0].id}/forum`, { cookie: editor })).json()) as Forum;
    expect((await call('DELETE', `/api/consultations/${c.id}`, { cookie: editor })).status).toBe(204);
    await expectProblem(await call('GET', `/api/consultations/${c.id}`, { cookie: editor }), 404);
    expect(await db.selectFrom('consultation_responses').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('consultation_topics').selectAll().execute()).toEqual([]);
    const kept = (await (await call('GET', `/api/forums/${forum.id}`, { cookie: editor })).json()) as Forum;
    expect(kept).toMatchObject({ title: 'Salud mental juvenil', origin: null });
    expect(kept.questions).toHaveLength(1);
    expect((await audit(c.id)).map((e) => e.action)).toEqual(['create', 'update', 'update', 'delete']);
    await expectProblem(await call('DELETE', `/api/consultations/${c.id}`, { cookie: editor }), 404);
  });

  it('answers Spanish problems for bad input and bad ids, saving nothing', async () => {
    const { call, editor, db, create } = await setup();
    const c = await create();
    const before = await dbSnapshot(db);
    await expectValidationProblem(await call('POST', '/api/consultations', { cookie: editor, body: { ...newConsultation(), extra: true } }), ['extra']);
    await expectValidationProblem(await call('POST', '/api/consultations', { cookie: editor, body: newConsultation({ title: 'x'.repeat(201) }) }), ['title']);
    await expectValidationProblem(await call('POST', '/api/consultations', { cookie: editor, body: { ...newConsultation(), year: '2023' } }), ['year']);
    await expectValidationProblem(await call('POST', '/api/consultations', { cookie: editor, body: newConsultation({ closeDate: '2023-02-01' }) }), ['closeDate']);
    await expectValidationProblem(await call('POST', '/api/consultations', { cookie: editor, body: newConsultation({ topics: [] }) }), ['topics']);
    await expectValidationProblem(
      await call('POST', '/api/consultations', {
        cookie: editor,
        body: newConsultation({ topics: [{ title: 'Educación', description: '', proposingTeam: '' }, { title: 'EDUCACION', description: '', proposingTeam: '' }] }),
      }),
      ['topics.1.title'],
    );
    await expectProblem(await call('POST', '/api/consultations', { cookie: editor, rawBody: '{"year": 20' }), 400);
    await expectProblem(await call('POST', '/api/consultations', { cookie: editor, rawBody: 'x', headers: { 'content-type': 'text/plain' } }), 415);
    await expectValidationProblem(await call('PUT', `/api/consultations/${c.id}`, { cookie: editor, body: newConsultation() }), ['version']);
    await expectValidationProblem(await call('GET', '/api/consultations?year=abc', { cookie: editor }), ['year']);
    await expectValidationProblem(await call('GET', '/api/consultations?color=red', { cookie: editor }), ['color']);
    for (const path of ['/api/consultations/abc', '/api/consultations/0', '/api/consultations/1e3', '/api/consultations/9999']) {
      await expectProblem(await call('GET', path, { cookie: editor }), 404);
      await expectProblem(await call('PUT', path, { cookie: editor, body: { ...newConsultation(), version: 1 } }), 404);
      await expectProblem(await call('DELETE', path, { cookie: editor }), 404);
    }
    expect(await dbSnapshot(db)).toEqual(before);
  });
});

describe('responses', () => {
  it('records a response (201, manual source, audit), lists and filters them, deletes one', async () => {
    const { create, respond, call, editor, reviewer, audit, get } = await setup();
    const c = await create();
    const [salud, transparencia] = c.topics.map((t) => t.id);
    const res = await respond(c.id, response([salud, transparencia], { questions: ['¿Hay rutas de atención?'], valueGroupKind: 'internal', valueGroup: 'Contratistas', channel: 'email' }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as ConsultationResponse;
    expect(created).toMatchObject({ topicIds: [salud, transparencia], source: 'manual', late: false, channel: 'email', valueGroupKind: 'internal' });
    await respond(c.id, response([transparencia], { date: '2023-03-20' }));
    await respond(c.id, response([], { proposedTopic: 'Movilidad', date: '2023-04-15', late: true }));
    expect((await get(c.id)).responseCount).toBe(3);

    const list = async (query = '') => (await (await call('GET', `/api/consultations/${c.id}/responses${query}`, { cookie: reviewer })).json()) as { items: ConsultationResponse[]; total: number; page: number; pageSize: number };
    const all = await list();
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(all.items.map((r) => r.date)).toEqual(['2023-04-15', '2023-03-20', '2023-03-10']);
    expect(all.items[0]).toMatchObject({ late: true, proposedTopic: 'Movilidad', topicIds: [] });
    expect((await list(`?topicId=${transparencia}`)).total).toBe(2);
    expect((await list(`?topicId=${salud}`)).items.map((r) => r.id)).toEqual([created.id]);
    expect((await list('?valueGroupKind=internal')).total).toBe(1);
    expect((await list('?channel=email')).total).toBe(1);
    expect((await list('?pageSize=2&page=2')).items).toHaveLength(1);

    expect((await call('DELETE', `/api/consultations/${c.id}/responses/${created.id}`, { cookie: editor })).status).toBe(204);
    expect((await list()).total).toBe(2);
    await expectProblem(await call('DELETE', `/api/consultations/${c.id}/responses/${created.id}`, { cookie: editor }), 404);
    expect((await audit(c.id)).map((e) => JSON.parse(e.changes)[0])).toEqual([
      undefined,
      `respuesta ${created.id} agregada`,
      expect.stringMatching(/^respuesta \d+ agregada$/),
      expect.stringMatching(/^respuesta \d+ agregada$/),
      `respuesta ${created.id} eliminada`,
    ]);
  });

  it('refuses a response that breaks the rules, at its field, saving nothing', async () => {
    const { create, respond, db } = await setup();
    const c = await create();
    const other = await create(newConsultation({ year: 2024, openDate: '2024-03-01', closeDate: '2024-03-31' }));
    const before = await dbSnapshot(db);
    await expectValidationProblem(await respond(c.id, response([])), ['topicIds']);
    await expectValidationProblem(await respond(c.id, response([other.topics[0].id])), ['topicIds.0']);
    await expectValidationProblem(await respond(c.id, response([c.topics[0].id], { date: '2023-04-01' })), ['date']);
    await expectValidationProblem(await respond(c.id, { ...response([c.topics[0].id]), email: 'ana@example.org' }), ['email']);
    await expectValidationProblem(await respond(c.id, response([c.topics[0].id], { questions: ['x'.repeat(2001)] })), ['questions.0']);
    await expectValidationProblem(await respond(c.id, { ...response([c.topics[0].id]), topicIds: ['uno'] }), ['topicIds.0']);
    await expectValidationProblem(await respond(c.id, { ...response([c.topics[0].id]), channel: 'fax' }), ['channel']);
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('a closed or draft consultation accepts no responses (409, Spanish)', async () => {
    const { create, respond, db } = await setup();
    const closed = await create(newConsultation({ status: 'closed' }));
    const draft = await create(newConsultation({ status: 'draft', year: 2024, openDate: '2024-03-01', closeDate: '2024-03-31' }));
    const before = await dbSnapshot(db);
    expect((await expectProblem(await respond(closed.id, response([closed.topics[0].id])), 409)).title).toBe('La consulta está cerrada: no admite respuestas nuevas.');
    expect((await expectProblem(await respond(draft.id, response([draft.topics[0].id])), 409)).title).toBe('La consulta aún no está abierta.');
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('answers 400 for bad list parameters and 404 for bad ids', async () => {
    const { create, call, editor, respond } = await setup();
    const c = await create();
    for (const query of ['?pageSize=101', '?page=0', '?topicId=x', '?valueGroupKind=otro', '?channel=fax', '?sort=date']) {
      await expectValidationProblem(await call('GET', `/api/consultations/${c.id}/responses${query}`, { cookie: editor }));
    }
    await expectProblem(await call('GET', '/api/consultations/9999/responses', { cookie: editor }), 404);
    await expectProblem(await respond(9999, response([1])), 404);
    await expectProblem(await call('DELETE', `/api/consultations/${c.id}/responses/abc`, { cookie: editor }), 404);
    await expectProblem(await call('DELETE', `/api/consultations/9999/responses/1`, { cookie: editor }), 404);
  });
});

describe('a consultation’s note (issue 10, item 6)', () => {
  it('is saved and read back, optional, and limited in length', async () => {
    const { call, editor, create } = await setup();
    const c = await create(newConsultation({ note: 'Respuestas del formulario web y de las urnas físicas.' }));
    expect(c.note).toBe('Respuestas del formulario web y de las urnas físicas.');
    expect((await create(newConsultation({ year: 2024, openDate: '2024-03-01', closeDate: '2024-03-31' }))).note).toBe('');
    const tooLong = await call('POST', '/api/consultations', { cookie: editor, body: newConsultation({ year: 2025, openDate: '2025-03-01', closeDate: '2025-03-31', note: 'x'.repeat(2001) }) });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['note']);
  });
});

describe('a consultation’s period within its year (issue 10, item 7)', () => {
  it('refuses dates outside the «Vigencia» with 400 at the field, on create and on update, saving nothing', async () => {
    const { call, editor, create, db } = await setup();
    const before = await dbSnapshot(db);
    const res = await call('POST', '/api/consultations', { cookie: editor, body: newConsultation({ year: 2024, openDate: '2023-06-01', closeDate: '2024-12-31' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string; message: string }[] }).errors).toEqual([{ path: 'openDate', message: 'La fecha debe caer dentro de la vigencia de la consulta (2024).' }]);
    expect(await dbSnapshot(db)).toEqual(before);
    const c = await create();
    const { id, version, year, title, openDate, channels, status, topics } = c;
    const put = await call('PUT', `/api/consultations/${id}`, { cookie: editor, body: { year, title, openDate, closeDate: '2024-01-15', channels, status, topics, version } });
    expect(put.status).toBe(400);
    expect(((await put.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['closeDate']);
  });
});

describe('POST /api/consultations/:id/responses/import', () => {
  it('a topic-only form: 400 at the whole-file value group when it is missing; with it, every row takes it (issue 10, item 1)', async () => {
    const { create, importRows, call, editor } = await setup();
    const c = await create();
    const body = {
      header: ['Marca temporal', '¿Qué tema prefiere?', 'Nombre', 'Dirección de correo electrónico'],
      rows: [
        ['2023/03/02 10:15:00 a. m. GMT-5', c.topics[0].title, 'Ana Pérez', 'ana@example.org'],
        ['2023/03/03 10:15:00 a. m. GMT-5', c.topics[1].title, 'Luis', 'luis@example.org'],
      ],
      mapping: { 'Marca temporal': 'timestamp', '¿Qué tema prefiere?': 'topics', Nombre: 'personal', 'Dirección de correo electrónico': 'personal' },
      lateMode: 'mark',
      defaultChannel: 'web',
    };
    const missing = await importRows(c.id, body, '?dryRun=1');
    expect(missing.status).toBe(400);
    const problem = (await missing.json()) as { title: string; errors: { path: string; message: string }[] };
    expect(problem.title).not.toMatch(/leer el archivo/);
    expect(problem.errors).toEqual([{ path: 'defaultValueGroupKind', message: expect.stringContaining('«Grupo de valor de las respuestas sin grupo»') }]);

    const bad = await importRows(c.id, { ...body, defaultValueGroupKind: 'marciano' }, '?dryRun=1');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0].path).toBe('defaultValueGroupKind');

    const saved = await importRows(c.id, { ...body, defaultValueGroupKind: 'unspecified' });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ accepted: 2, saved: true });
    const unspecified = (await (await call('GET', `/api/consultations/${c.id}/responses?valueGroupKind=unspecified`, { cookie: editor })).json()) as { total: number };
    expect(unspecified.total).toBe(2);
    const tally = (await (await call('GET', `/api/consultations/${c.id}/tally`, { cookie: editor })).json()) as ConsultationTally;
    expect(tally.byTopic.find((t) => t.topicId === c.topics[0].id)).toMatchObject({ votes: 1, internal: 0, external: 0, unspecified: 1 });
  });

  it('dry run: counts, late marks, dropped personal columns, a preview without personal data; saves nothing', async () => {
    const { create, importRows, db } = await setup();
    const c = await create();
    const before = await dbSnapshot(db);
    const res = await importRows(c.id, googleExport(c), '?dryRun=1');
    expect(res.status).toBe(200);
    const result = (await res.json()) as ConsultationImportResult;
    expect(result).toMatchObject({ dryRun: true, total: 4, accepted: 4, late: 1, errors: [], errorCount: 0, saved: false });
    expect(result.droppedPersonalColumns).toEqual(['Dirección de correo electrónico', 'Nombre']);
    expect(result.preview).toHaveLength(4);
    expect(result.preview[0]).toEqual({
      row: 2,
      valueGroupKind: 'internal',
      valueGroup: 'Servidora pública',
      topicIds: [c.topics[0].id, c.topics[2].id],
      proposedTopic: '',
      questions: ['¿Qué rutas hay para pedir ayuda?'],
      channel: 'email',
      date: '2023-03-02',
      late: false,
    });
    expect(result.preview[3]).toMatchObject({ row: 5, late: true, proposedTopic: 'Medio ambiente', valueGroupKind: 'external' });
    expect(JSON.stringify(result)).not.toMatch(/example\.org|Ana Pérez|Luis/);
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('saves every row in one go (source import, audit), never storing the personal columns', async () => {
    const { create, importRows, db, call, editor, audit } = await setup();
    const c = await create();
    const res = await importRows(c.id, googleExport(c));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ dryRun: false, accepted: 4, saved: true });
    const stored = await db.selectFrom('consultation_responses').selectAll().execute();
    expect(stored).toHaveLength(4);
    expect(stored.every((r) => r.source === 'import')).toBe(true);
    expect(JSON.stringify(stored)).not.toMatch(/example\.org|Ana Pérez|Luis/);
    const list = (await (await call('GET', `/api/consultations/${c.id}/responses`, { cookie: editor })).json()) as { items: ConsultationResponse[] };
    expect(JSON.stringify(list)).not.toMatch(/example\.org|Ana Pérez|Luis/);
    const last = (await audit(c.id)).at(-1)!;
    expect(JSON.parse(last.changes)).toEqual(['importación: 4 respuestas (1 tardías)', 'columnas personales descartadas: Dirección de correo electrónico, Nombre']);
  });

  it('a file with a bad row saves nothing (422 with the row errors); the dry run shows them with 200', async () => {
    const { create, importRows, db } = await setup();
    const c = await create();
    const file = googleExport(c);
    file.rows.push(['mañana', '', '', 'Ciudadanía', c.topics[0].title, ''], ['2023/03/03 10:00:00 a. m. GMT-5', '', '', 'Marciano', c.topics[0].title, '']);
    const before = await dbSnapshot(db);
    const res = await importRows(c.id, file);
    const body = (await expectProblem(res, 422)) as unknown as Omit<ConsultationImportResult, 'errors'> & { title: string; detail: string; rowIssues: unknown; errors?: unknown };
    expect(body.title).toBe('El archivo tiene 2 filas con problemas: no se guardó ninguna respuesta.');
    // Bad rows are rows, not field issues of the request: their own member, and a readable detail.
    expect(body.errors).toBeUndefined();
    expect(body.detail).toBe('Fila 6: No se reconoce la fecha «mañana». Fila 7: No se reconoce si «Marciano» es un grupo de valor interno o externo.');
    expect(body.rowIssues).toEqual([
      { row: 6, message: 'No se reconoce la fecha «mañana».' },
      { row: 7, message: 'No se reconoce si «Marciano» es un grupo de valor interno o externo.' },
    ]);
    expect(body).toMatchObject({ saved: false, accepted: 4, total: 6, errorCount: 2 });
    expect(await dbSnapshot(db)).toEqual(before);
    const dry = (await (await importRows(c.id, file, '?dryRun=1')).json()) as ConsultationImportResult;
    expect(dry).toMatchObject({ saved: false, errorCount: 2, accepted: 4 });
  });

  it('rejects late rows when asked, and refuses bad files and mappings with 400, saving nothing', async () => {
    const { create, importRows, db } = await setup();
    const c = await create();
    const before = await dbSnapshot(db);
    await expectProblem(await importRows(c.id, { ...googleExport(c), lateMode: 'reject' }), 422);
    await expectValidationProblem(await importRows(c.id, { ...googleExport(c), mapping: { Otra: 'topics' } }), ['mapping.Otra']);
    await expectValidationProblem(await importRows(c.id, { ...googleExport(c), mapping: { 'Marca temporal': 'timestamp' } }), ['mapping']);
    await expectValidationProblem(await importRows(c.id, { ...googleExport(c), mapping: { Nombre: 'nombre' } }), ['mapping.Nombre']);
    await expectValidationProblem(await importRows(c.id, { ...googleExport(c), rows: [] }), ['rows']);
    await expectValidationProblem(await importRows(c.id, { ...googleExport(c), rows: [['', '', '', '', '', '']] }), ['rows']);
    await expectValidationProblem(await importRows(c.id, { ...googleExport(c), rows: 'a,b' }), ['rows']);
    await expectValidationProblem(await importRows(c.id, { ...googleExport(c), rows: [[1, 2]] }), ['rows.0.0']);
    await expectValidationProblem(await importRows(c.id, { ...googleExport(c), lateMode: 'ignore' }), ['lateMode']);
    await expectValidationProblem(await importRows(c.id, { ...googleExport(c), defaultChannel: 'fax' }), ['defaultChannel']);
    await expectValidationProblem(await importRows(c.id, { ...googleExport(c), extra: 1 }), ['extra']);
    await expectValidationProblem(await importRows(c.id, { ...googleExport(c), header: ['x'.repeat(501)] }), ['header.0']);
    await expectValidationProblem(await importRows(c.id, googleExport(c), '?dryRun=tal-vez'), ['dryRun']);
    await expectProblem(await importRows(9999, googleExport(c)), 404);
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('imports only while the consultation is open (409)', async () => {
    const { create, importRows, db } = await setup();
    const c = await create(newConsultation({ status: 'closed' }));
    const before = await dbSnapshot(db);
    expect((await expectProblem(await importRows(c.id, googleExport(c), '?dryRun=1'), 409)).title).toBe('Solo se puede importar respuestas mientras la consulta está abierta.');
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('takes bodies over the API-wide 1 MB limit, up to its own 30 MB', async () => {
    const { create, importRows, app, editor } = await setup();
    const c = await create();
    const file = googleExport(c);
    const row = file.rows[1];
    file.rows = Array.from({ length: 20_000 }, () => row);
    const res = await importRows(c.id, file, '?dryRun=1');
    expect(res.status).toBe(200);
    expect(((await res.json()) as ConsultationImportResult).accepted).toBe(20_000);
    const huge = await app.request(`/api/consultations/${c.id}/responses/import`, {
      method: 'POST',
      headers: { cookie: editor, origin: 'http://localhost', 'content-type': 'application/json', 'content-length': String(31 * 1024 * 1024) },
      body: 'x'.repeat(1024),
    });
    expect((await expectProblem(huge, 413)).title).toBe('El archivo es demasiado grande (máximo 30 MB).');
  });
});

describe('GET /api/consultations/:id/tally', () => {
  it('tallies votes per topic, value group and channel, groups proposals, lists questions', async () => {
    const { create, respond, importRows, call, reviewer } = await setup();
    const c = await create();
    await importRows(c.id, googleExport(c));
    await respond(c.id, response([], { proposedTopic: 'medio ambiente.', channel: 'social' }));
    const res = await call('GET', `/api/consultations/${c.id}/tally`, { cookie: reviewer });
    expect(res.status).toBe(200);
    const tally = (await res.json()) as ConsultationTally;
    expect(tally.totalResponses).toBe(5);
    expect(tally.byTopic.map((t) => [t.title, t.votes, t.internal, t.external])).toEqual([
      ['Salud mental juvenil', 3, 2, 1],
      ['Transparencia', 1, 0, 1],
      ['Deporte y cultura', 1, 1, 0],
    ]);
    expect(tally.byTopic[0].byChannel).toEqual({ web: 0, email: 3, social: 0, official: 0, other: 0, foros: 0 });
    expect(tally.byChannel).toEqual({ web: 0, email: 4, social: 1, official: 0, other: 0, foros: 0 });
    expect(tally.proposals).toEqual([{ key: 'medio ambiente', text: 'Medio ambiente', count: 2 }]);
    expect(tally.questions.map((q) => q.text)).toEqual(['¿Qué rutas hay para pedir ayuda?', '¿Cuántos psicólogos atienden?']);
    expect(tally.byValueGroup[0]).toEqual({ kind: 'external', group: 'Ciudadanía', responses: 2 });
    expect(tally.byValueGroup).toHaveLength(4);
    await expectProblem(await call('GET', '/api/consultations/9999/tally', { cookie: reviewer }), 404);
  });
});

describe('POST /api/consultations/:id/topics/:topicId/forum', () => {
  it('creates a planned forum from the topic with its web-form questions and origin; a second call is 409', async () => {
    const { create, respond, call, editor, db, audit, get } = await setup();
    const c = await create();
    const salud = c.topics[0];
    await respond(c.id, response([salud.id], { questions: ['¿Hay rutas de atención?', '¿Dónde pido ayuda?'] }));
    await respond(c.id, response([c.topics[1].id], { questions: ['¿Publican los contratos?'] }));
    const res = await call('POST', `/api/consultations/${c.id}/topics/${salud.id}/forum`, { cookie: editor });
    expect(res.status).toBe(201);
    const forum = (await res.json()) as Forum;
    expect(forum).toMatchObject({
      title: 'Salud mental juvenil',
      theme: 'Salud mental juvenil',
      year: 2023,
      status: 'planned',
      platform: 'facebook_live',
      objective: 'Rutas de atención en salud mental para jóvenes.',
      responsibleTeams: ['Equipo de Salud'],
      origin: { consultationId: c.id, topicId: salud.id, consultationTitle: 'Consulta ciudadana 2023' },
      createdBy: 'editora',
    });
    expect(forum.questions).toEqual([
      { questionId: expect.any(Number), text: '¿Hay rutas de atención?', channel: 'web_form', answered: false, answeredBy: '', answerSummary: '' },
      { questionId: expect.any(Number), text: '¿Dónde pido ayuda?', channel: 'web_form', answered: false, answeredBy: '', answerSummary: '' },
    ]);
    expect((await get(c.id)).forums).toEqual([{ id: forum.id, title: 'Salud mental juvenil', topicId: salud.id }]);
    const forumAudit = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'forum').where('entity_id', '=', forum.id).execute();
    expect(forumAudit.map((e) => e.action)).toEqual(['create']);
    expect(JSON.parse((await audit(c.id)).at(-1)!.changes)).toEqual([`foro ${forum.id} creado para el tema «Salud mental juvenil»`]);

    const before = await dbSnapshot(db);
    const again = await expectProblem(await call('POST', `/api/consultations/${c.id}/topics/${salud.id}/forum`, { cookie: editor }), 409);
    expect(again.title).toBe('Ya se creó un foro para este tema.');
    expect((again as unknown as { forumId: number }).forumId).toBe(forum.id);
    // A topic with a forum cannot be removed either.
    await expectProblem(
      await call('PUT', `/api/consultations/${c.id}`, { cookie: editor, body: { ...newConsultation(), topics: [c.topics[1], c.topics[2]], version: 1 } }),
      409,
    );
    expect(await dbSnapshot(db)).toEqual(before);

    // A forum edited afterwards keeps its origin (not part of the forum input).
    const { id, version, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, origin: _o, ...input } = forum;
    const put = await call('PUT', `/api/forums/${id}`, { cookie: editor, body: { ...input, title: 'Foro: salud mental', version } });
    expect(put.status).toBe(200);
    expect(((await put.json()) as Forum).origin).toEqual(forum.origin);
    await expectValidationProblem(await call('PUT', `/api/forums/${id}`, { cookie: editor, body: { ...input, origin: null, version: version + 1 } }), ['origin']);
  });

  it('a topic without a proposing team or questions gives a forum with none; bad ids are 404; reviewers get 403', async () => {
    const { create, call, editor, reviewer, db } = await setup();
    const c = await create();
    const other = await create(newConsultation({ year: 2024, openDate: '2024-03-01', closeDate: '2024-03-31' }));
    const res = await call('POST', `/api/consultations/${c.id}/topics/${c.topics[1].id}/forum`, { cookie: editor });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ responsibleTeams: [], questions: [], objective: '' });
    const before = await dbSnapshot(db);
    expect((await expectProblem(await call('POST', `/api/consultations/${c.id}/topics/${other.topics[0].id}/forum`, { cookie: editor }), 404)).title).toBe(
      'No existe un tema con ese identificador en esta consulta.',
    );
    await expectProblem(await call('POST', `/api/consultations/${c.id}/topics/abc/forum`, { cookie: editor }), 404);
    await expectProblem(await call('POST', `/api/consultations/9999/topics/1/forum`, { cookie: editor }), 404);
    await expectProblem(await call('POST', `/api/consultations/${c.id}/topics/${c.topics[2].id}/forum`, { cookie: reviewer }), 403);
    expect(await dbSnapshot(db)).toEqual(before);
  });
});

describe('the 2022 demo', () => {
  it('has the closed 2022 consultation with illustrative responses marked as such, its three chosen topics linked to the demo forums (issue 10, item 6)', async () => {
    const { call, editor } = await setup({ demo: true });
    const list = (await (await call('GET', '/api/consultations', { cookie: editor })).json()) as { items: ConsultationSummary[] };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ year: 2022, title: demoConsultation2022.title, status: 'closed', responseCount: 160, topicCount: 5 });
    const c = (await (await call('GET', `/api/consultations/${list.items[0].id}`, { cookie: editor })).json()) as Consultation;
    expect(c.channels).toEqual(['web', 'email', 'official']);
    expect(c.note).toMatch(/^Datos ilustrativos: el informe de 2022 no publica cuántas personas respondieron/);
    expect(c.forums.map((f) => c.topics.find((t) => t.id === f.topicId)!.title)).toEqual([
      'Políticas Públicas Poblacionales',
      'Modelo Integrado de Planeación y Gestión — MIPG',
      'Causas Ciudadanas y Gobierno Abierto',
    ]);
    // What a person reads carries no notes for developers.
    for (const topic of c.topics) expect(topic.description).not.toMatch(/ejemplo|el informe de 2022|no elegido/i);
    const forum = (await (await call('GET', `/api/forums/${c.forums[0].id}`, { cookie: editor })).json()) as Forum;
    expect(forum.origin).toEqual({ consultationId: c.id, topicId: c.forums[0].topicId, consultationTitle: demoConsultation2022.title });
    const tally = (await (await call('GET', `/api/consultations/${c.id}/tally`, { cookie: editor })).json()) as ConsultationTally;
    expect(tally.totalResponses).toBe(160);
    // The topics that became forums lead, as they did; every response falls within the period; some propose or ask.
    expect(new Set(tally.byTopic.slice(0, 3).map((t) => t.topicId))).toEqual(new Set(c.forums.map((f) => f.topicId)));
    expect(tally.byTopic.every((t) => t.internal + t.external === t.votes && t.unspecified === 0)).toBe(true);
    expect(tally.proposals.length).toBeGreaterThan(0);
    expect(tally.questions.length).toBeGreaterThan(0);
    const responses = (await (await call('GET', `/api/consultations/${c.id}/responses?pageSize=100`, { cookie: editor })).json()) as { items: ConsultationResponse[] };
    expect(responses.items.every((r) => r.date >= c.openDate && r.date <= c.closeDate && !r.late)).toBe(true);
    expect(copy(demoConsultation2022).topics).toHaveLength(5);
  });
});
