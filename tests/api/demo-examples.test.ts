import { describe, expect, it } from 'vitest';
import type { CommitmentDetail, CommitmentPage } from '../../src/domain/commitment';
import type { EvaluationTally } from '../../src/domain/evaluation';
import type { ReportOverview } from '../../src/domain/report';
import { createTestApi } from '../support/test-api';
import type { PublicYear } from '../../src/api/public-read';
import { demoQuestions2022 } from '../../src/db/demo-accountability-2022';

/**
 * The demo's illustrative accountability records (FOROS_DEMO_EXAMPLES, the static demo): commitments with follow-ups,
 * answered and published questions and evaluation responses, each marked as an example; the published 2022 report, its sections and the seed's
 * figures are exactly those of the demo without them.
 */
describe('the 2022 demo with its illustrative examples', () => {
  it('fills the commitments and evaluations, marked as examples, and leaves the published report and the seed figures as they were', async () => {
    const plain = await createTestApi({ demo: true });
    const withExamples = await createTestApi({ demo: true, examples: true });
    const [plainCookie, cookie] = [await plain.login('editora'), await withExamples.login('editora')];

    const page = (await (await withExamples.call('GET', '/api/commitments?year=2022', { cookie })).json()) as CommitmentPage;
    expect(page.total).toBe(5);
    expect(page.items.every((c) => c.illustrative && c.text.endsWith('(ejemplo ilustrativo)'))).toBe(true);
    expect(new Set(page.items.map((c) => c.effectiveStatus))).toEqual(new Set(['done', 'overdue', 'cancelled']));
    const done = page.items.find((c) => c.status === 'done')!;
    const detail = (await (await withExamples.call('GET', `/api/commitments/${done.id}`, { cookie })).json()) as CommitmentDetail;
    expect(detail.followUps.map((f) => f.progress)).toEqual([100, 50]);
    expect(((await (await plain.call('GET', '/api/commitments', { cookie: plainCookie })).json()) as CommitmentPage).total).toBe(0);

    // Questions from the public answered in the livestream, published on «Participa» (Preguntas y respuestas).
    const year = (await (await withExamples.call('GET', '/api/public/years/2022')).json()) as PublicYear;
    expect(year.answers).toHaveLength(demoQuestions2022.length);
    expect(year.answers!.every((q) => q.question.endsWith('(ejemplo ilustrativo)') && q.answer.endsWith('(ejemplo ilustrativo)') && q.answeredLive)).toBe(true);
    expect(((await (await plain.call('GET', '/api/public/years/2022')).json()) as PublicYear).answers).toEqual([]);

    const forums = await withExamples.db.selectFrom('forums').select('id').orderBy('date').execute();
    for (const { id } of forums) {
      const evaluation = (await (await withExamples.call('GET', `/api/forums/${id}/evaluation`, { cookie })).json()) as { responses: { source: string; comment: string }[]; tally: EvaluationTally };
      expect(evaluation.tally.responses).toBe(12);
      expect(evaluation.responses.every((r) => r.source === 'demo' && (r.comment === '' || r.comment.endsWith('(ejemplo ilustrativo)')))).toBe(true);
    }

    // The published snapshot, the report's sections and the figures and open data of the seed are unchanged.
    // (Each database was bootstrapped at its own moment: the snapshots differ only in their publishedAt.)
    const snapshot = async (api: typeof plain) =>
      (await api.db.selectFrom('published_reports').select(['number', 'bytes', 'snapshot']).execute()).map((r) => ({ ...r, snapshot: { ...(JSON.parse(r.snapshot) as object), publishedAt: null } }));
    expect(await snapshot(withExamples)).toEqual(await snapshot(plain));
    const overview = async (api: typeof plain, c: string) => {
      const o = (await (await api.call('GET', '/api/reports/2022', { cookie: c })).json()) as ReportOverview;
      return o.sections.map((s) => [s.kind, s.title, s.state]);
    };
    expect(await overview(withExamples, cookie)).toEqual(await overview(plain, plainCookie));
    const metricsPath = '/api/public/years/2022/open-data/metrics.csv';
    expect(await (await withExamples.call('GET', metricsPath)).text()).toBe(await (await plain.call('GET', metricsPath)).text());
    // The forums' open data: the same but for the count of public questions (the illustrative ones).
    const withoutQuestionCount = async (api: typeof plain) => {
      const rows = (await (await api.call('GET', '/api/public/years/2022/open-data/forums.csv')).text()).trim().split(/\r?\n/).map((r) => r.split(';'));
      const column = rows[0]!.indexOf('public_questions');
      expect(column).toBeGreaterThan(-1);
      return rows.map((r) => r.filter((_, i) => i !== column).join(';'));
    };
    expect(await withoutQuestionCount(withExamples)).toEqual(await withoutQuestionCount(plain));
    // The questions' open data: the seed's rows (none) and the illustrative questions, each marked as an example.
    const [plainQuestions, exampleQuestions] = [plain, withExamples].map(async (api) => (await (await api.call('GET', '/api/public/years/2022/open-data/questions.csv')).text()).trim().split(/\r?\n/));
    const [a, b] = [await plainQuestions, await exampleQuestions];
    expect(b[0]).toBe(a[0]);
    expect(b.slice(1).filter((row) => !a.includes(row))).toHaveLength(demoQuestions2022.length);
    expect(b.slice(1).filter((row) => !a.includes(row)).every((row) => row.includes('(ejemplo ilustrativo)'))).toBe(true);
  });
});
