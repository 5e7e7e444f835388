import { describe, expect, it } from 'vitest';
import type { Forum } from '../../src/domain/forum';
import type { PersonalData, QuestionCase, QuestionPage } from '../../src/domain/question';
import type { QuestionImportResult } from '../../src/domain/question-import';
import { dbSnapshot, expectProblem, expectValidationProblem, validForum } from '../support/api-assertions';
import { createTestApi } from '../support/test-api';

/** «Today» is 20 July 2022 in Bogotá. */
const now = new Date('2022-07-20T15:00:00Z');

async function setup() {
  const api = await createTestApi({ now: () => now });
  const [admin, editor, reviewer] = [await api.login('admin'), await api.login('editora'), await api.login('revisor')];
  const make = async (title: string, date: string) => {
    const res = await api.call('POST', '/api/forums', { cookie: editor, body: validForum({ title, date, year: 2022, time: '10:00', questions: [] }) });
    expect(res.status).toBe(201);
    return (await res.json()) as Forum;
  };
  const mipg = await make('Foro MIPG', '2022-06-22');
  const causas = await make('Causas Ciudadanas', '2022-07-06');
  return { ...api, admin, editor, reviewer, mipg, causas };
}

const header = ['Marca temporal', 'Foro', 'Canal', 'Tipo', 'Escriba su pregunta', 'Nombre', 'Correo electrónico', '¿Autoriza el tratamiento de sus datos personales (Ley 1581 de 2012)?', 'Edad'];
const mapping = {
  'Marca temporal': 'receivedAt',
  Foro: 'forum',
  Canal: 'channel',
  Tipo: 'type',
  'Escriba su pregunta': 'text',
  Nombre: 'name',
  'Correo electrónico': 'contact',
  '¿Autoriza el tratamiento de sus datos personales (Ley 1581 de 2012)?': 'consent',
  Edad: 'age',
};
const goodRows = [
  ['2022/06/20 10:15:00 a. m. GMT-5', 'foro mipg', 'Formulario web', 'Petición', '¿Cómo se mide el avance del MIPG?', 'Ana Ruiz', 'ana@example.org', 'Sí, autorizo', '34'],
  ['2022/07/06 3:05:00 p. m. GMT-5', 'Causas Ciudadanas', 'Chat en vivo', 'Solicitud de información', '¿Dónde consulto los cupos?', 'Luis', 'luis@example.org', 'Sí', '15'],
  ['2022/07/07 9:00:00 a. m. GMT-5', 'Causas Ciudadanas', '', '', '¿Habrá otro foro?', '', '', 'No', ''],
];

describe('questions bulk import (POST /api/questions/import)', () => {
  it('previews, then imports every row as a case with its due date; personal data only with consent and never a minor’s', async () => {
    const { call, db, editor, mipg, causas } = await setup();
    const body = { header, mapping, rows: goodRows };
    const before = await dbSnapshot(db);
    const dry = await call('POST', '/api/questions/import?dryRun=1', { cookie: editor, body });
    expect(dry.status).toBe(200);
    const preview = (await dry.json()) as QuestionImportResult;
    expect(preview).toMatchObject({ total: 3, accepted: 3, withPersonalData: 1, minorsWithoutData: 1, forums: 2 });
    expect(preview.preview[0]).toMatchObject({ forumTitle: 'Foro MIPG', receivedAt: '2022-06-20T10:15', channel: 'web_form', type: 'peticion', dueDate: '2022-07-13', withPersonalData: true });
    // The preview never carries a name or contact, and a dry run saves nothing.
    expect(JSON.stringify(preview)).not.toContain('example.org');
    expect(JSON.stringify(preview)).not.toContain('Ana Ruiz');
    expect(await dbSnapshot(db)).toEqual(before);

    const saved = await call('POST', '/api/questions/import', { cookie: editor, body });
    expect(saved.status).toBe(200);
    const list = (await (await call('GET', '/api/questions?year=2022', { cookie: editor })).json()) as QuestionPage;
    expect(list.total).toBe(3);
    const byText = new Map(list.items.map((q) => [q.text, q]));
    expect(byText.get('¿Dónde consulto los cupos?')).toMatchObject({ forumId: causas.id, channel: 'live_chat', type: 'informacion', status: 'recibida', receivedAt: '2022-07-06T15:05' });
    expect(byText.get('¿Habrá otro foro?')).toMatchObject({ channel: 'web_form', type: 'peticion' });
    const first = byText.get('¿Cómo se mide el avance del MIPG?')!;
    expect(first.forumId).toBe(mipg.id);
    const view = (await (await call('POST', `/api/questions/${first.id}/personal-data/view`, { cookie: editor, body: {} })).json()) as PersonalData;
    expect(view).toMatchObject({ name: 'Ana Ruiz', contact: 'ana@example.org', consentAt: '2022-06-20T10:15' });
    expect(view.consentText).toContain('¿Autoriza el tratamiento de sus datos personales');
    expect(view.consentText).toContain('Sí, autorizo');
    // The minor's name and contact were not stored.
    const minor = byText.get('¿Dónde consulto los cupos?')!;
    expect(((await (await call('GET', `/api/questions/${minor.id}`, { cookie: editor })).json()) as QuestionCase).hasPersonalData).toBe(false);
    expect(JSON.stringify(await db.selectFrom('forum_questions').selectAll().execute())).not.toContain('luis@example.org');
    // The forum keeps its imported questions, and they come after it on the forum's page; audited once.
    const forum = (await (await call('GET', `/api/forums/${causas.id}`, { cookie: editor })).json()) as Forum;
    expect(forum.questions.map((q) => q.text)).toEqual(['¿Dónde consulto los cupos?', '¿Habrá otro foro?']);
    const audit = await db.selectFrom('audit_log').select(['entity', 'changes']).where('entity', '=', 'question_import').execute();
    expect(audit).toHaveLength(1);
  });

  it('every bad row gets a Spanish message with its row and column, and nothing is saved', async () => {
    const { call, db, editor } = await setup();
    const rows = [
      goodRows[0],
      ['2022/06/20 10:15:00 a. m. GMT-5', 'Foro de Salud', 'Formulario web', 'Petición', '¿Pregunta?', '', '', '', ''],
      ['2022/12/24 10:15:00 a. m. GMT-5', 'Foro MIPG', 'Formulario web', 'Petición', '¿Pregunta?', '', '', '', ''],
      ['2021/12/24 10:15:00 a. m. GMT-5', 'Foro MIPG', 'Formulario web', 'Petición', '¿Pregunta?', '', '', '', ''],
      ['2022/06/20 10:15:00 a. m. GMT-5', 'Foro MIPG', 'Paloma mensajera', 'Queja', '¿Pregunta?', '', '', '', ''],
      ['2022/06/20 10:15:00 a. m. GMT-5', 'Foro MIPG', 'Formulario web', 'Petición', 'x'.repeat(2001), '', '', '', ''],
      ['2022/06/20 10:15:00 a. m. GMT-5', 'Foro MIPG', 'Formulario web', 'Petición', '¿Pregunta?', 'Marta', 'marta@example.org', 'No', '40'],
      ['ayer', 'Foro MIPG', 'Formulario web', 'Petición', '¿Pregunta?', '', '', '', ''],
    ];
    const before = await dbSnapshot(db);
    const problem = (await expectProblem(await call('POST', '/api/questions/import', { cookie: editor, body: { header, mapping, rows } }), 422)) as unknown as { title: string; rowIssues: { row: number; column?: string; message: string }[] };
    expect(problem.title).toBe('El archivo tiene 7 filas con problemas: no se importó ninguna pregunta.');
    expect(problem.rowIssues).toEqual([
      { row: 3, column: 'Foro', message: 'No existe el foro «Foro de Salud».' },
      { row: 4, column: 'Marca temporal', message: 'La fecha de recepción no puede ser posterior a hoy.' },
      { row: 5, column: 'Marca temporal', message: 'La fecha de recepción debe caer dentro de la vigencia del foro o después.' },
      { row: 6, column: 'Canal', message: expect.stringContaining('No se reconoce el canal «Paloma mensajera»') },
      { row: 6, column: 'Tipo', message: expect.stringContaining('No se reconoce el tipo «Queja»') },
      { row: 7, column: 'Escriba su pregunta', message: expect.stringMatching(/2\.000|2000/) },
      { row: 8, column: '¿Autoriza el tratamiento de sus datos personales (Ley 1581 de 2012)?', message: expect.stringContaining('sin autorización de tratamiento de datos') },
      { row: 9, column: 'Marca temporal', message: '«ayer» no es una fecha válida.' },
    ]);
    expect(await dbSnapshot(db)).toEqual(before);
  });

  it('a file without the question column, or without a forum, says what is missing; one forum may be chosen for every row', async () => {
    const { call, editor, mipg } = await setup();
    await expectValidationProblem(await call('POST', '/api/questions/import', { cookie: editor, body: { header: ['Foro', 'Texto'], mapping: { Foro: 'forum', Texto: 'ignore' }, rows: [['Foro MIPG', '¿x?']] } }), ['mapping']);
    await expectValidationProblem(await call('POST', '/api/questions/import', { cookie: editor, body: { header: ['Pregunta', 'Otra'], mapping: { Pregunta: 'text' }, rows: [['¿x?', '']] } }), ['mapping']);
    await expectValidationProblem(await call('POST', '/api/questions/import', { cookie: editor, body: { header: ['Pregunta', 'Otra'], mapping: { Pregunta: 'text' }, rows: [] } }), ['rows']);
    const res = await call('POST', '/api/questions/import?dryRun=1', { cookie: editor, body: { header: ['Pregunta', 'Otra'], mapping: { Pregunta: 'text' }, rows: [['¿x?', '']], forumId: mipg.id } });
    expect(((await res.json()) as QuestionImportResult).preview[0]).toMatchObject({ forumTitle: 'Foro MIPG', receivedAt: '2022-06-22T10:00' });
  });

  it('a forum chosen for every row wins over the file’s forum column, even a blank or unknown cell; an unknown chosen forum is refused at its field', async () => {
    const { call, db, editor, mipg, causas } = await setup();
    const rows = [goodRows[2]!, ['2022/07/07 9:30:00 a. m. GMT-5', 'Un foro que no existe', '', '', '¿Y el refrigerio?', '', '', 'No', ''], ['2022/07/07 9:45:00 a. m. GMT-5', '', '', '', '¿Habrá certificado?', '', '', 'No', '']];
    // Without the choice the unknown and the blank forum are row problems.
    const refused = await call('POST', '/api/questions/import?dryRun=1', { cookie: editor, body: { header, mapping, rows } });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { rowIssues: { row: number }[] }).rowIssues.map((r) => r.row)).toEqual([3, 4]);

    const before = await dbSnapshot(db);
    const unknown = await call('POST', '/api/questions/import?dryRun=1', { cookie: editor, body: { header, mapping, rows, forumId: 999_999 } });
    await expectValidationProblem(unknown, ['forumId']);
    expect(await dbSnapshot(db)).toEqual(before);

    const saved = await call('POST', '/api/questions/import', { cookie: editor, body: { header, mapping, rows, forumId: mipg.id } });
    expect(saved.status).toBe(200);
    expect((await saved.json()) as QuestionImportResult).toMatchObject({ total: 3, accepted: 3, forums: 1 });
    const list = (await (await call('GET', `/api/questions?forumId=${mipg.id}`, { cookie: editor })).json()) as QuestionPage;
    expect(list.items.map((q) => q.text).sort()).toEqual(['¿Habrá certificado?', '¿Habrá otro foro?', '¿Y el refrigerio?']);
    const other = (await (await call('GET', `/api/questions?forumId=${causas.id}`, { cookie: editor })).json()) as QuestionPage;
    expect(other.total).toBe(0);
  });

  it('role matrix: editors and admins import; reviewers 403; anonymous 401', async () => {
    const { call, admin, editor, reviewer } = await setup();
    const body = { header, mapping, rows: [goodRows[2]] };
    await expectProblem(await call('POST', '/api/questions/import?dryRun=1', { cookie: reviewer, body }), 403);
    await expectProblem(await call('POST', '/api/questions/import?dryRun=1', { body }), 401);
    expect((await call('POST', '/api/questions/import?dryRun=1', { cookie: editor, body })).status).toBe(200);
    expect((await call('POST', '/api/questions/import', { cookie: admin, body })).status).toBe(200);
  });

  it('100,000 rows are answered with the rows’ problems (a forum holds at most 500 questions), never a 500', async () => {
    const { call, editor } = await setup();
    const rows = Array.from({ length: 100_000 }, (_, i) => ['2022/07/10 10:00:00', i % 2 ? 'Foro MIPG' : 'Causas Ciudadanas', 'Formulario web', 'Petición', `¿Pregunta ${i}?`, '', '', '', '']);
    const res = await call('POST', '/api/questions/import?dryRun=1', { cookie: editor, body: { header, mapping, rows } });
    const problem = (await expectProblem(res, 422)) as unknown as { rowIssues: { message: string }[] };
    expect(problem.rowIssues.map((r) => r.message)).toEqual(expect.arrayContaining(['El foro «Foro MIPG» tendría más de 500 preguntas.']));
  });
});
