import { describe, expect, it } from 'vitest';
import { generatedHash } from '../../src/api/report-generated';
import { insertCommitment } from '../../src/db/commitment-queries';
import { demoForums2022 } from '../../src/db/demo-2022';
import { evaluationResponsesOfYear, insertEvaluationResponses } from '../../src/db/evaluation-queries';
import { insertForum } from '../../src/db/forum-queries';
import { yearCommitments, yearEvaluation, yearFollowUp } from '../../src/db/report-queries';
import { buildEvaluationSection } from '../../src/domain/report-accountability';
import { createTestApi } from '../support/test-api';

/**
 * The report's generated sections as the database counts them (the evaluation) or hashes them (the commitments), on
 * the engine the suite runs on (SQLite, and PostgreSQL in the `postgres` project): the same section and the same hash
 * as when every row is read (tests/unit/report-sync-hash.test.ts holds both SQLite engines and the nasty texts).
 */
describe('generated sections counted by the database', () => {
  it('the evaluation is the one buildEvaluationSection makes from every response; the commitments hash is the data’s', async () => {
    const { db } = await createTestApi();
    const now = '2024-01-10T10:00:00.000Z';
    const june = await insertForum(db, { ...demoForums2022[0]!, title: 'Foro de junio', year: 2023, date: '2023-06-22' }, 'editora', now);
    const september = await insertForum(db, { ...demoForums2022[1]!, title: 'Foro de septiembre', year: 2023, date: '2023-09-14' }, 'editora', now);
    await insertForum(db, { ...demoForums2022[2]!, title: 'Foro sin respuestas', year: 2023, date: null }, 'editora', now);
    const comments = ['', '   ', '\u00a0\u3000\ufeff', 'Muy claro; escríbanme a ana@example.org', '\n\t', 'Llamen al 300 123 4567', 'Útil', 'Cuarto comentario'];
    const score = (i: number, k: number) => (i % 7 === k ? null : ((i * (k + 2)) % 5) + 1);
    await insertEvaluationResponses(db, june, Array.from({ length: 40 }, (_, i) => ({ scores: { clarity: score(i, 0), usefulness: score(i, 1), participation: score(i, 2), answers: score(i, 3), format: score(i, 4) }, comment: comments[i % comments.length]!, valueGroup: '' })), 'import', 'editora', now);
    await insertEvaluationResponses(db, september, [{ scores: { clarity: 5, usefulness: null, participation: null, answers: null, format: null }, comment: '  ', valueGroup: '' }], 'manual', 'editora', now);
    const section = await yearEvaluation(db, 2023);
    const forums = section.forums.map((f) => ({ forumId: f.forumId, forumTitle: f.forumTitle }));
    expect(forums.map((f) => f.forumTitle)).toEqual(['Foro de junio', 'Foro de septiembre', 'Foro sin respuestas']);
    const expected = buildEvaluationSection(forums, await evaluationResponsesOfYear(db, 2023));
    expect(section).toEqual(expected);
    expect(section.forums[0]!.comments).toEqual(['Muy claro; escríbanme a [dato omitido]', 'Llamen al [dato omitido]', 'Útil']);
    expect(await generatedHash(db, 2023, 'evaluation', '2024-01-10')).toBe(expected.hash);

    for (const [i, status] of (['pending', 'in_progress', 'done', 'cancelled'] as const).entries())
      await insertCommitment(db, { forumId: i % 2 ? june : september, text: `Compromiso "${i}" \\ con\nsalto`, area: 'Formación', person: '', dueDate: `2023-1${i}-15`, status, cancelReason: status === 'cancelled' ? 'Sin recursos' : '', progress: i * 30, year: 2023 }, 'editora', now);
    expect(await generatedHash(db, 2023, 'commitments', '2024-01-10')).toBe((await yearCommitments(db, 2023, '2024-01-10')).hash);
    expect(await generatedHash(db, 2024, 'follow_up', '2024-01-10')).toBe((await yearFollowUp(db, 2024, '2024-01-10')).hash);
  });
});
