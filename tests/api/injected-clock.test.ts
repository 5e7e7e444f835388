import { describe, expect, it } from 'vitest';
import type { CommitmentDetail, CommitmentPage } from '../../src/domain/commitment';
import type { Forum } from '../../src/domain/forum';
import type { QuestionFigures, QuestionPage } from '../../src/domain/question';
import type { ReportOverview, ReportSection } from '../../src/domain/report';
import type { ReportExportData } from '../../src/export/export-data';
import { validForum } from '../support/api-assertions';
import { createTestApi } from '../support/test-api';

/**
 * «Vencida» / «vencido» is decided as of the API's injected clock (deps.now), never the machine's: the same data read on
 * 1 July 2022 has nothing overdue, and on 20 July 2022 the question (due 15 July) and the commitment (due 10 July) are.
 */
describe('overdue questions and commitments follow the injected clock', () => {
  it('lists, figures, the report section, the export data and the open data agree with deps.now', async () => {
    let now = new Date('2022-07-01T15:00:00Z');
    const api = await createTestApi({ now: () => now });
    let editor = await api.login('editora');
    const json = async <T>(res: Response): Promise<T> => {
      if (res.status >= 300) throw new Error(`${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    };
    const forum = await json<Forum>(
      await api.call('POST', '/api/forums', {
        cookie: editor,
        body: validForum({ title: 'Foro de junio', date: '2022-06-22', year: 2022, time: null, questions: [{ text: '¿Cuándo abren las inscripciones?', channel: 'web_form', answered: false, answeredBy: '', answerSummary: '' }] }),
      }),
    );
    const commitment = await json<CommitmentDetail>(
      await api.call('POST', '/api/commitments', { cookie: editor, body: { forumId: forum.id, text: 'Publicar la ruta', area: 'Planeación', person: '', dueDate: '2022-07-10', status: 'pending', cancelReason: '', progress: 0 } }),
    );
    const overview = await json<ReportOverview>(
      await api.call('POST', '/api/reports/2022', { cookie: editor, body: { title: 'Foros 2022', entity: 'IDIPRON', strategy: 'Rendición de cuentas', preparedBy: { name: 'A', role: 'B', office: 'C' } } }),
    );
    const questionsSection = overview.sections.find((s) => s.kind === 'questions')!;

    const read = async () => {
      const list = await json<QuestionPage>(await api.call('GET', '/api/questions?year=2022', { cookie: editor }));
      const figures = await json<{ items: QuestionFigures[] }>(await api.call('GET', '/api/questions/figures?year=2022', { cookie: editor }));
      const section = await json<ReportSection>(await api.call('GET', `/api/reports/2022/sections/${questionsSection.id}`, { cookie: editor }));
      const exported = await json<ReportExportData>(await api.call('GET', '/api/reports/2022/export-data', { cookie: editor }));
      const one = await json<CommitmentDetail>(await api.call('GET', `/api/commitments/${commitment.id}`, { cookie: editor }));
      const overdueCommitments = await json<CommitmentPage>(await api.call('GET', '/api/commitments?status=overdue', { cookie: editor }));
      const csv = await (await api.call('GET', '/api/years/2022/open-data/commitments.csv', { cookie: editor })).text();
      return {
        listOverdue: list.counts.overdue,
        figuresOverdue: figures.items.at(-1)!.overdueNow,
        sectionOverdue: section.questions!.figures.at(-1)!.overdueNow,
        exportOverdue: exported.questions!.figures.at(-1)!.overdueNow,
        commitment: one.effectiveStatus,
        overdueCommitments: overdueCommitments.total,
        csvOverdue: csv.includes(';overdue;'),
      };
    };

    expect(await read()).toEqual({ listOverdue: 0, figuresOverdue: 0, sectionOverdue: 0, exportOverdue: 0, commitment: 'pending', overdueCommitments: 0, csvOverdue: false });
    now = new Date('2022-07-20T15:00:00Z');
    editor = await api.login('editora');
    expect(await read()).toEqual({ listOverdue: 1, figuresOverdue: 1, sectionOverdue: 1, exportOverdue: 1, commitment: 'overdue', overdueCommitments: 1, csvOverdue: true });
  });
});
