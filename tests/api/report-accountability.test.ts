import { describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { reportSnapshot, validForum } from '../support/api-assertions';
import { readDocx } from '../support/docx-reader';
import type { CommitmentDetail } from '../../src/domain/commitment';
import type { Forum } from '../../src/domain/forum';
import type { ReportOverview, ReportSection } from '../../src/domain/report';
import type { ReportExportData } from '../../src/export/export-data';
import { reportDocumentOf } from '../../src/export/export-data';
import { reportHtml } from '../../src/public/report-html';

const reportInput = { title: 'Foros 2023', entity: 'IDIPRON', strategy: 'Rendición de cuentas', preparedBy: { name: 'Persona Responsable', role: 'Líder', office: 'Planeación' } };
const all5 = { clarity: 5, usefulness: 5, participation: 5, answers: 5, format: 5 };

async function setup() {
  // The API's clock, moved by the tests: 1 August 2023 in Bogotá to start with.
  let clock = new Date('2023-08-01T15:00:00Z');
  const api = await createTestApi({ now: () => clock, session: { idleMs: 365 * 86_400_000, maxMs: 365 * 86_400_000 } });
  const setClock = (iso: string) => (clock = new Date(iso));
  const [editor, reviewer] = [await api.login('editora'), await api.login('revisor')];
  const json = async <T>(res: Response, status = 200): Promise<T> => {
    if (res.status !== status) throw new Error(`${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const forum = async (title: string, date: string, year: number) => (await json<Forum>(await api.call('POST', '/api/forums', { cookie: editor, body: validForum({ title, date, year, time: null, questions: [] }) }), 201)).id;
  const lastYear = await forum('Foro de 2022', '2022-09-01', 2022);
  const june = await forum('Foro de junio', '2023-06-22', 2023);
  const commitment = async (body: object) =>
    json<CommitmentDetail>(await api.call('POST', '/api/commitments', { cookie: editor, body: { forumId: june, text: '', area: 'Formación', person: 'Coordinación', dueDate: '2023-07-15', status: 'pending', cancelReason: '', progress: 0, ...body } }), 201);
  const respond = async (forumId: number, scores: object, comment = '') => json(await api.call('POST', `/api/forums/${forumId}/evaluation/responses`, { cookie: editor, body: { scores, comment, valueGroup: 'Jóvenes' } }), 201);
  await commitment({ forumId: lastYear, text: 'Abrir la sede norte', area: 'Infraestructura', dueDate: '2023-03-01', status: 'in_progress', progress: 30 });
  await commitment({ forumId: lastYear, text: 'Compromiso ya cumplido', area: 'Infraestructura', dueDate: '2022-12-01', status: 'done', progress: 100 });
  const route = await commitment({ text: 'Publicar la ruta de empleo juvenil', dueDate: '2023-07-15' });
  await commitment({ text: 'Abrir la mesa de jóvenes', area: 'Planeación', dueDate: '2023-09-30' });
  await respond(june, all5, 'Muy claro; escríbanme a lucia@example.org');
  await respond(june, { clarity: 4, usefulness: 3, participation: 2, answers: 4, format: 5 });
  const createReport = async () => json<ReportOverview>(await api.call('POST', '/api/reports/2023', { cookie: editor, body: reportInput }), 201);
  const sectionOf = async (kind: string) => {
    const report = await json<ReportOverview>(await api.call('GET', '/api/reports/2023', { cookie: editor }));
    const id = report.sections.find((s) => s.kind === kind)!.id;
    return json<ReportSection>(await api.call('GET', `/api/reports/2023/sections/${id}`, { cookie: editor }));
  };
  const act = async (id: number, action: string, cookie: string) => json<ReportSection>(await api.call('POST', `/api/reports/2023/sections/${id}/${action}`, { cookie }));
  const approve = async (id: number) => {
    await act(id, 'submit', editor);
    return act(id, 'approve', reviewer);
  };
  return { ...api, editor, reviewer, json, june, lastYear, route, respond, createReport, sectionOf, act, approve, setClock };
}

describe('the accountability sections of the report (issue 13)', () => {
  it('a new report drafts «Evaluación de los foros», «Compromisos» and «Seguimiento a compromisos» from the data', async () => {
    const { createReport, sectionOf } = await setup();
    const report = await createReport();
    expect(report.sections.map((s) => s.title).slice(4, 8)).toEqual(['Preguntas y respuestas', 'Evaluación de los foros', 'Compromisos', 'Seguimiento a compromisos']);
    const evaluation = await sectionOf('evaluation');
    expect(evaluation.state).toBe('draft');
    expect(evaluation.evaluation!.forums).toEqual([
      expect.objectContaining({ forumTitle: 'Foro de junio', responses: 2, satisfactionIndex: 80, comments: ['Muy claro; escríbanme a [dato omitido]'] }),
    ]);
    expect(JSON.stringify(evaluation)).not.toContain('lucia@example.org');
    expect(JSON.stringify(evaluation)).not.toContain('Jóvenes');
    const commitments = (await sectionOf('commitments')).commitments!;
    expect(commitments.items.map((c) => [c.text, c.effectiveStatus])).toEqual([
      ['Publicar la ruta de empleo juvenil', 'overdue'],
      ['Abrir la mesa de jóvenes', 'pending'],
    ]);
    expect(commitments.figures).toMatchObject({ total: 2, pending: 2, overdueNow: 1 });
    expect(JSON.stringify(commitments)).not.toContain('Coordinación');
    const followUp = (await sectionOf('follow_up')).followUp!;
    expect(followUp.year).toBe(2022);
    expect(followUp.items.map((c) => [c.text, c.effectiveStatus, c.progress])).toEqual([['Abrir la sede norte', 'overdue', 30]]);
  });

  it('«vencidos hoy» come from the API clock; an approved section goes back to review when its data change, in the name of who changed them', async () => {
    const { createReport, sectionOf, approve, setClock, respond, june, route, json, call, editor } = await setup();
    await createReport();
    setClock('2023-07-01T15:00:00Z');
    expect((await sectionOf('commitments')).commitments!.figures.overdueNow).toBe(0);
    setClock('2023-08-01T15:00:00Z');
    const commitments = await sectionOf('commitments');
    expect(commitments.commitments!.figures.overdueNow).toBe(1);
    const evaluation = await sectionOf('evaluation');
    expect((await approve(evaluation.id)).state).toBe('approved');
    expect((await approve(commitments.id)).state).toBe('approved');
    // The calendar moving on changes no data: still approved.
    setClock('2023-10-15T15:00:00Z');
    expect((await sectionOf('commitments')).state).toBe('approved');
    // A new evaluation response: the evaluation goes back to review, the commitments stay approved.
    await respond(june, { ...all5, format: 1 });
    expect(await sectionOf('evaluation')).toMatchObject({ state: 'in_review', approvedBy: null, lastEditedBy: 'editora' });
    expect((await sectionOf('commitments')).state).toBe('approved');
    // Progress on a commitment: «Compromisos» goes back to review.
    await json(await call('POST', `/api/commitments/${route.id}/follow-ups`, { cookie: editor, body: { date: '2023-10-01', note: 'Borrador de la ruta', progress: 50, evidenceUrl: '', version: route.version } }), 201);
    const after = await sectionOf('commitments');
    expect(after).toMatchObject({ state: 'in_review', lastEditedBy: 'editora' });
    expect(after.commitments!.items[0]).toMatchObject({ progress: 50, effectiveStatus: 'overdue' });
  });

  it('progress imported from a file for last year’s commitment sends this year’s approved «Seguimiento a compromisos» back to review', async () => {
    const { createReport, sectionOf, approve, json, call, editor } = await setup();
    await createReport();
    const followUp = await sectionOf('follow_up');
    expect((await approve(followUp.id)).state).toBe('approved');
    const open = followUp.followUp!.items[0]!;
    const body = { header: ['Área', 'Número', 'Avance', 'Nota'], mapping: { Área: 'area', Número: 'id', Avance: 'progress', Nota: 'note' }, rows: [['Infraestructura', String(open.id), '80', 'Obra en curso']] };
    expect(await json<{ updated: number }>(await call('POST', '/api/commitments/progress-import', { cookie: editor, body }))).toMatchObject({ updated: 1 });
    const after = await sectionOf('follow_up');
    expect(after).toMatchObject({ state: 'in_review', lastEditedBy: 'editora' });
    expect(after.followUp!.items[0]).toMatchObject({ id: open.id, progress: 80 });
  });

  it('a report that predates them gets them at the next write that touches its year (never on a GET); one removed on purpose does not come back', async () => {
    const { createReport, db, call, editor, json, respond, june } = await setup();
    await createReport();
    // As a report created before issue 13: without the four sections.
    await db.deleteFrom('report_sections').where('kind', 'in', ['questions', 'evaluation', 'commitments', 'follow_up']).execute();
    const before = await reportSnapshot(db);
    for (const path of ['/api/reports/2023', '/api/reports/2023/export-data', '/api/reports/2023/export.docx']) expect((await call('GET', path, { cookie: editor })).status).toBe(200);
    expect(await reportSnapshot(db)).toEqual(before);
    // Any write touching 2023 (here an evaluation response) brings the report in step, in report order.
    await respond(june, all5);
    const report = await json<ReportOverview>(await call('GET', '/api/reports/2023', { cookie: editor }));
    expect(report.sections.map((s) => s.kind)).toEqual(['introduction', 'methodology', 'forum', 'statistics', 'questions', 'evaluation', 'commitments', 'follow_up', 'conclusions', 'recommendations']);
    expect(report.sections.map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const evaluation = report.sections.find((s) => s.kind === 'evaluation')!;
    const added = await db.selectFrom('audit_log').select(['username', 'changes']).where('entity', '=', 'report_section').where('entity_id', '=', evaluation.id).execute();
    expect(added.map((a) => [a.username, JSON.parse(a.changes)])).toEqual([['editora', ['sección generada agregada al informe', 'Evaluación de los foros']]]);
    // Removed on purpose: recorded, and not added again by the next writes.
    expect((await call('DELETE', `/api/reports/2023/sections/${evaluation.id}`, { cookie: editor })).status).toBe(204);
    await respond(june, all5);
    const current = await json<ReportOverview>(await call('GET', '/api/reports/2023', { cookie: editor }));
    expect(current.sections.map((s) => s.kind)).not.toContain('evaluation');
    expect(current.sections).toHaveLength(9);
  });

  it('saving the report\'s data brings an older report in step, and answers with the added sections', async () => {
    const { createReport, db, call, editor, json } = await setup();
    const created = await createReport();
    await db.deleteFrom('report_sections').where('kind', 'in', ['evaluation', 'commitments', 'follow_up']).execute();
    const saved = await json<ReportOverview>(await call('PUT', '/api/reports/2023', { cookie: editor, body: { ...reportInput, title: 'Foros 2023 (rendición de cuentas)', version: created.version } }));
    expect(saved.title).toBe('Foros 2023 (rendición de cuentas)');
    expect(saved.sections.map((s) => s.kind).slice(3, 8)).toEqual(['statistics', 'questions', 'evaluation', 'commitments', 'follow_up']);
  });

  it('the published 2022 demo report gets none of them, and its published snapshot stays as it was', async () => {
    const api = await createTestApi({ demo: true, now: () => new Date('2023-02-01T15:00:00Z') });
    const editor = await api.login('editora');
    const sections = await api.db.selectFrom('report_sections').selectAll().where('year', '=', 2022).orderBy('id').execute();
    const published = await api.db.selectFrom('published_reports').selectAll().execute();
    const forum = await api.db.selectFrom('forums').select('id').where('year', '=', 2022).executeTakeFirstOrThrow();
    // Writes that touch 2022: an evaluation response and a commitment.
    expect((await api.call('POST', `/api/forums/${forum.id}/evaluation/responses`, { cookie: editor, body: { scores: all5, comment: '', valueGroup: '' } })).status).toBe(201);
    const commitment = { forumId: forum.id, text: 'Compromiso nuevo', area: 'Formación', person: '', dueDate: '2023-06-30', status: 'pending', cancelReason: '', progress: 0 };
    expect((await api.call('POST', '/api/commitments', { cookie: editor, body: commitment })).status).toBe(201);
    expect(await api.db.selectFrom('report_sections').select(['id', 'kind']).where('year', '=', 2022).orderBy('id').execute()).toEqual(sections.map((s) => ({ id: s.id, kind: s.kind })));
    expect(await api.db.selectFrom('published_reports').selectAll().execute()).toEqual(published);
  });

  it('Word and the print view carry the three sections’ tables and texts', async () => {
    const { createReport, call, editor, json } = await setup();
    await createReport();
    const res = await call('GET', '/api/reports/2023/export.docx', { cookie: editor });
    expect(res.status).toBe(200);
    const body = readDocx(new Uint8Array(await res.arrayBuffer())).paragraphs.join('\n');
    for (const text of [
      'Evaluación de los foros',
      'Respuestas por pregunta — Foro de junio',
      '¿La información fue clara?',
      'Índice de satisfacción (respuestas 4 y 5)',
      '«Muy claro; escríbanme a [dato omitido]»',
      'Compromisos de la vigencia 2023 por estado',
      'Publicar la ruta de empleo juvenil',
      'Vencido',
      'Seguimiento a compromisos',
      'Compromisos de la vigencia 2022 que siguen abiertos',
      'Abrir la sede norte',
    ])
      expect(body).toContain(text);
    expect(body).not.toContain('lucia@example.org');
    expect(body).not.toContain('Compromiso ya cumplido');
    const data = await json<ReportExportData>(await call('GET', '/api/reports/2023/export-data', { cookie: editor }));
    const printed = JSON.stringify(reportDocumentOf(data, '2023-08-01T15:00:00Z').blocks);
    expect(printed).toContain('Abrir la mesa de jóvenes');
    expect(printed).toContain('Índice de satisfacción (respuestas 4 y 5)');
    // The public page of a published report draws the same tables (escaped, the first column as row headers).
    const page = String(reportHtml(reportDocumentOf(data, '2023-08-01T15:00:00Z')));
    expect(page).toContain('<th scope="row">¿La información fue clara?</th>');
    expect(page).toContain('<caption>Tabla');
    expect(page).toContain('Abrir la sede norte');
  });
});
