import { describe, expect, it } from 'vitest';
import {
  buildCommitmentsSection,
  buildEvaluationSection,
  commitmentFigureRows,
  commitmentTables,
  evaluationFigureRows,
  evaluationTallyRows,
  reportComment,
  type ReportCommitment,
} from '../../src/domain/report-accountability';
import { kindSectionIndex, missingGeneratedKinds } from '../../src/domain/report-sync';
import type { SectionKind } from '../../src/domain/report';

const commitments: ReportCommitment[] = [
  { id: 1, forumTitle: 'Foro A', text: 'Publicar la ruta de empleo', area: 'Formación', dueDate: '2023-07-15', status: 'pending', progress: 0 },
  { id: 2, forumTitle: 'Foro A', text: 'Abrir la mesa de jóvenes', area: 'Planeación', dueDate: '2023-09-30', status: 'in_progress', progress: 40 },
  { id: 3, forumTitle: 'Foro B', text: 'Entregar el informe final', area: 'Planeación', dueDate: '2023-06-30', status: 'done', progress: 100 },
  { id: 4, forumTitle: 'Foro B', text: 'Evento de cierre', area: 'Comunicaciones', dueDate: '2023-05-01', status: 'cancelled', progress: 10 },
];

describe('«Compromisos» and «Seguimiento a compromisos» (src/domain/report-accountability.ts)', () => {
  it('counts per status, «vencidos» as of the given day, the mean progress without cancelled ones, and one table per forum', () => {
    const data = buildCommitmentsSection(2023, commitments, '2023-08-01');
    expect(data.figures).toEqual({ total: 4, pending: 1, inProgress: 1, done: 1, cancelled: 1, overdueNow: 1, meanProgress: 46.7 });
    expect(commitmentFigureRows(data.figures)).toEqual([
      { label: 'Compromisos', value: '4' },
      { label: 'Pendientes', value: '1' },
      { label: 'En curso', value: '1' },
      { label: 'Cumplidos', value: '1' },
      { label: 'Cancelados', value: '1' },
      { label: 'Vencidos sin cumplir (hoy)', value: '1' },
      { label: 'Avance promedio (sin cancelados)', value: '46,7 %' },
    ]);
    expect(commitmentTables(data.items)).toEqual([
      {
        forumTitle: 'Foro A',
        rows: [
          ['Publicar la ruta de empleo', 'Formación', '15/07/2023', 'Vencido', '0 %'],
          ['Abrir la mesa de jóvenes', 'Planeación', '30/09/2023', 'En curso', '40 %'],
        ],
      },
      {
        forumTitle: 'Foro B',
        rows: [
          ['Entregar el informe final', 'Planeación', '30/06/2023', 'Cumplido', '100 %'],
          ['Evento de cierre', 'Comunicaciones', '01/05/2023', 'Cancelado', '10 %'],
        ],
      },
    ]);
    // The follow-up section shows open ones only: no «cumplidos» or «cancelados» rows.
    expect(commitmentFigureRows(buildCommitmentsSection(2022, commitments.slice(0, 2), '2023-08-01').figures, { openOnly: true }).map((r) => r.label)).toEqual([
      'Compromisos',
      'Pendientes',
      'En curso',
      'Vencidos sin cumplir (hoy)',
      'Avance promedio (sin cancelados)',
    ]);
  });

  it('the hash follows the data, not the calendar', () => {
    const before = buildCommitmentsSection(2023, commitments, '2023-07-01');
    const after = buildCommitmentsSection(2023, commitments, '2023-08-01');
    expect(before.figures.overdueNow).toBe(0);
    expect(after.figures.overdueNow).toBe(1);
    expect(after.hash).toBe(before.hash);
    const progressed = buildCommitmentsSection(2023, [{ ...commitments[0], progress: 20, status: 'in_progress' }, ...commitments.slice(1)], '2023-08-01');
    expect(progressed.hash).not.toBe(after.hash);
    expect(buildCommitmentsSection(2023, [], '2023-08-01').figures).toEqual({ total: 0, pending: 0, inProgress: 0, done: 0, cancelled: 0, overdueNow: 0, meanProgress: null });
  });
});

const none = { clarity: null, usefulness: null, participation: null, answers: null, format: null };
const responses = [
  { forumId: 1, scores: { clarity: 5, usefulness: 5, participation: 5, answers: 5, format: 5 }, comment: 'Muy útil, escríbanme a ana.perez@example.org o al 300 123 4567' },
  { forumId: 1, scores: { clarity: 4, usefulness: 3, participation: null, answers: 2, format: 5 }, comment: '' },
  { forumId: 1, scores: { clarity: 4, usefulness: 4, participation: 4, answers: 4, format: 1 }, comment: '  Buen   horario\n' },
  { forumId: 1, scores: none, comment: 'Gracias' },
  { forumId: 1, scores: { ...none, clarity: 5 }, comment: 'Cuarto comentario' },
];

describe('«Evaluación de los foros» (src/domain/report-accountability.ts)', () => {
  it('per forum: responses, satisfaction index, the tally per question and the first three comments with personal data masked', () => {
    const data = buildEvaluationSection(
      [
        { forumId: 1, forumTitle: 'Foro A' },
        { forumId: 2, forumTitle: 'Foro B' },
      ],
      responses,
    );
    expect(data.responses).toBe(5);
    const [a, b] = data.forums;
    expect(a).toMatchObject({ forumTitle: 'Foro A', responses: 5, satisfactionIndex: 80 });
    expect(evaluationFigureRows(a)).toEqual([
      { label: 'Respuestas', value: '5' },
      { label: 'Índice de satisfacción (respuestas 4 y 5)', value: '80 %' },
    ]);
    expect(evaluationTallyRows(a)).toEqual([
      ['¿La información fue clara?', '0', '0', '0', '2', '2', '4,5', '100 %'],
      ['¿El tema le resultó útil?', '0', '0', '1', '1', '1', '4', '66,7 %'],
      ['¿Pudo participar y hacer sus preguntas?', '0', '0', '0', '1', '1', '4,5', '100 %'],
      ['¿Las respuestas a las preguntas fueron satisfactorias?', '0', '1', '0', '1', '1', '3,7', '66,7 %'],
      ['¿La plataforma y el horario fueron adecuados?', '1', '0', '0', '0', '2', '3,7', '66,7 %'],
    ]);
    expect(a.comments).toEqual(['Muy útil, escríbanme a [dato omitido] o al [dato omitido]', 'Buen horario', 'Gracias']);
    expect(b).toMatchObject({ forumTitle: 'Foro B', responses: 0, satisfactionIndex: null, comments: [] });
    expect(evaluationFigureRows(b)[1].value).toBe('—');
  });

  it('a comment is one line, without e-mails or long numbers, at most 280 characters; the hash changes with a new response', () => {
    expect(reportComment('Mi cédula es 1.023.456.789 y mi teléfono +57 601 555 1234')).toBe('Mi cédula es [dato omitido] y mi teléfono [dato omitido]');
    expect(reportComment('Foro del 2023, sala 12')).toBe('Foro del 2023, sala 12');
    const long = reportComment('palabra '.repeat(60));
    expect(long).toHaveLength(280);
    expect(long.endsWith('…')).toBe(true);
    const forums = [{ forumId: 1, forumTitle: 'Foro A' }];
    expect(buildEvaluationSection(forums, responses).hash).toBe(buildEvaluationSection(forums, [...responses]).hash);
    expect(buildEvaluationSection(forums, responses.slice(1)).hash).not.toBe(buildEvaluationSection(forums, responses).hash);
  });
});

describe('generated sections of a report that predates them (src/domain/report-sync.ts)', () => {
  const kinds = (...list: SectionKind[]) => list.map((kind) => ({ kind }));
  it('adds the missing ones, not one removed on purpose, none to a published report', () => {
    const old = kinds('introduction', 'methodology', 'forum', 'statistics', 'conclusions', 'recommendations', 'free');
    expect(missingGeneratedKinds(old, [], false)).toEqual(['questions', 'evaluation', 'commitments', 'follow_up']);
    expect(missingGeneratedKinds(old, ['evaluation'], false)).toEqual(['questions', 'commitments', 'follow_up']);
    expect(missingGeneratedKinds(old, [], true)).toEqual([]);
  });

  it('each goes right after the last section that precedes it in a new report', () => {
    expect(kindSectionIndex(kinds('introduction', 'methodology', 'forum', 'statistics', 'conclusions', 'recommendations', 'free'), 'questions')).toBe(4);
    expect(kindSectionIndex(kinds('introduction', 'forum', 'statistics', 'questions', 'free', 'conclusions'), 'evaluation')).toBe(4);
    expect(kindSectionIndex(kinds('conclusions', 'recommendations'), 'commitments')).toBe(0);
  });
});
