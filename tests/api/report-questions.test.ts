import { describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { validForum } from '../support/api-assertions';
import { readDocx } from '../support/docx-reader';
import type { Forum } from '../../src/domain/forum';
import type { QuestionCase, QuestionCaseUpdate } from '../../src/domain/question';
import type { ReportOverview, ReportSection } from '../../src/domain/report';
import { docFromParagraphs, docToPlainText } from '../../src/domain/rich-text';
import type { ReportExportData } from '../../src/export/export-data';
import { reportDocumentOf } from '../../src/export/export-data';

/** «Today» is 20 July 2022 in Bogotá. */
const now = new Date('2022-07-20T15:00:00Z');
const reportInput = { title: 'Foros 2022', entity: 'IDIPRON', strategy: 'Rendición de cuentas', preparedBy: { name: 'Persona Responsable', role: 'Líder', office: 'Planeación' } };

async function setup() {
  const api = await createTestApi({ now: () => now });
  const [editor, reviewer] = [await api.login('editora'), await api.login('revisor')];
  const json = async <T>(res: Response, status = 200): Promise<T> => {
    if (res.status !== status) throw new Error(`${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const forum = await json<Forum>(
    await api.call('POST', '/api/forums', {
      cookie: editor,
      body: validForum({
        title: 'Foro de junio',
        date: '2022-06-22',
        year: 2022,
        time: null,
        questions: [
          { text: '¿Cuándo abren las inscripciones?', channel: 'web_form', askedBy: '', answered: false, answeredBy: '', answerSummary: '' },
          { text: '¿Hay cupos para jóvenes?', channel: 'live_chat', askedBy: '', answered: false, answeredBy: '', answerSummary: '' },
          { text: '¿Dónde queda la sede?', channel: 'email', askedBy: '', answered: false, answeredBy: '', answerSummary: '' },
        ],
      }),
    }),
    201,
  );
  const [published, private_, open] = forum.questions.map((q) => q.questionId!);
  const get = async (id: number) => json<QuestionCase>(await api.call('GET', `/api/questions/${id}`, { cookie: editor }));
  const update = async (id: number, changes: Partial<QuestionCaseUpdate>) => {
    const q = await get(id);
    const body: QuestionCaseUpdate = {
      text: q.text, receivedAt: q.receivedAt, channel: q.channel, type: q.type, areaId: q.areaId, assignee: q.assignee, status: q.status, answer: q.answer,
      answeredAt: q.answeredAt, answeredBy: q.answeredBy, answerChannel: q.answerChannel, publishable: q.publishable, answeredLive: q.answeredLive, version: q.version, ...changes,
    };
    return json<QuestionCase>(await api.call('PUT', `/api/questions/${id}`, { cookie: editor, body }));
  };
  const answer = (id: number, text: string, publishable: boolean) =>
    update(id, { status: 'respondida', answer: docFromParagraphs([text]), answeredAt: '2022-07-05', answeredBy: 'Ana Ruiz', answerChannel: 'email', publishable });
  // The asker of the published question left a name and contact (with consent): never in the report.
  await json(
    await api.call('PUT', `/api/questions/${published}/personal-data`, {
      cookie: editor,
      body: { name: 'Carla Pérez Asker', contact: 'carla.asker@example.org', consentText: 'Autorizo el tratamiento de mis datos.', consentAt: '2022-06-22T10:00' },
    }),
  );
  await answer(published, 'Las inscripciones abren en agosto.', true);
  await answer(private_, 'Respuesta interna que no se publica.', false);
  void open;
  const report = await json<ReportOverview>(await api.call('POST', '/api/reports/2022', { cookie: editor, body: reportInput }), 201);
  const sectionId = report.sections.find((s) => s.kind === 'questions')!.id;
  const section = async () => json<ReportSection>(await api.call('GET', `/api/reports/2022/sections/${sectionId}`, { cookie: editor }));
  const act = (action: string, cookie: string) => api.call('POST', `/api/reports/2022/sections/${sectionId}/${action}`, { cookie });
  return { ...api, editor, reviewer, json, report, sectionId, section, act, answer, update, published, private_, open };
}

describe('the «Preguntas y respuestas» report section', () => {
  it('appears in a new report after the statistics, with the publishable answered questions only, their channel and dates, and the timeliness figures', async () => {
    const { report, section } = await setup();
    expect(report.sections.map((s) => s.kind)).toEqual(['introduction', 'methodology', 'forum', 'statistics', 'questions', 'evaluation', 'commitments', 'follow_up', 'conclusions', 'recommendations']);
    const s = await section();
    expect(s).toMatchObject({ title: 'Preguntas y respuestas', state: 'draft' });
    expect(s.questions!.items).toHaveLength(1);
    expect(s.questions!.items[0]).toMatchObject({ question: '¿Cuándo abren las inscripciones?', channel: 'Formulario web', answerChannel: 'Correo electrónico', receivedAt: '2022-06-22T00:00', answeredAt: '2022-07-05', forumTitle: 'Foro de junio' });
    expect(docToPlainText(s.questions!.items[0].answer!)).toBe('Las inscripciones abren en agosto.');
    // Figures over every question of the forum (3 received, 2 answered on time in a median of 7 working days, the open one overdue since 15 July), then the year.
    expect(s.questions!.figures).toEqual([
      { forumId: expect.any(Number), forumTitle: 'Foro de junio', received: 3, answered: 2, answeredOnTime: 2, medianWorkingDays: 7, overdueNow: 1 },
      { forumId: null, forumTitle: '', received: 3, answered: 2, answeredOnTime: 2, medianWorkingDays: 7, overdueNow: 1 },
    ]);
    const text = JSON.stringify(s);
    expect(text).not.toContain('Respuesta interna');
    expect(text).not.toContain('Carla');
    expect(text).not.toContain('carla.asker');
  });

  it('is reviewed like any section; a question published after approval sends it back to review, in the name of who changed it', async () => {
    const { act, editor, reviewer, section, answer, open, json } = await setup();
    await json(await act('submit', editor));
    await json(await act('approve', reviewer));
    expect((await section()).state).toBe('approved');
    await answer(open, 'La sede queda en la calle 32.', true);
    const after = await section();
    expect(after).toMatchObject({ state: 'in_review', approvedBy: null, lastEditedBy: 'editora' });
    expect(after.questions!.items.map((i) => i.question)).toEqual(['¿Cuándo abren las inscripciones?', '¿Dónde queda la sede?']);
    // Approved again for the new data: it stays approved while the data stay.
    await json(await act('approve', reviewer));
    expect((await section()).state).toBe('approved');
  });

  it('Word and the print view carry the questions, answers and figures, never the asker', async () => {
    const { call, editor, json } = await setup();
    const res = await call('GET', '/api/reports/2022/export.docx', { cookie: editor });
    expect(res.status).toBe(200);
    const docx = readDocx(new Uint8Array(await res.arrayBuffer()));
    const body = docx.paragraphs.join('\n');
    expect(body).toContain('Preguntas y respuestas');
    expect(body).toContain('¿Cuándo abren las inscripciones?');
    expect(body).toContain('Las inscripciones abren en agosto.');
    expect(body).toContain('Recibida por formulario web el 22 de junio de 2022; respondida el 5 de julio de 2022 (correo electrónico).');
    expect(body).toContain('Oportunidad de las respuestas — Total de la vigencia');
    expect(body).not.toContain('Respuesta interna');
    expect(body).not.toContain('Carla');

    // The print view draws the same model from the same export data.
    const data = await json<ReportExportData>(await call('GET', '/api/reports/2022/export-data', { cookie: editor }));
    const printed = JSON.stringify(reportDocumentOf(data, '2022-07-20T15:00:00Z').blocks);
    expect(printed).toContain('Las inscripciones abren en agosto.');
    expect(printed).toContain('Respondidas a tiempo');
    expect(printed).not.toContain('carla.asker');
  });
});
