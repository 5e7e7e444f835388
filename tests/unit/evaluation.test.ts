import { describe, expect, it } from 'vitest';
import { evaluationInputSchema, planEvaluationImport, readScore, suggestEvaluationMapping, tallyEvaluation, type EvaluationScores } from '../../src/domain/evaluation';

const scores = (values: Partial<EvaluationScores>): EvaluationScores => ({ clarity: null, usefulness: null, participation: null, answers: null, format: null, ...values });

describe('forum evaluation', () => {
  it('reads scores as forms write them', () => {
    expect(readScore('5')).toBe(5);
    expect(readScore('4 - De acuerdo')).toBe(4);
    expect(readScore('Muy de acuerdo')).toBe(5);
    expect(readScore('ni de acuerdo ni en desacuerdo')).toBe(3);
    expect(readScore('')).toBeNull();
    expect(readScore('6')).toBe('bad');
    expect(readScore('tal vez')).toBe('bad');
  });

  it('refuses a score outside 1–5 and a response with nothing in it', () => {
    expect(evaluationInputSchema.safeParse({ scores: scores({ clarity: 6 }), comment: '', valueGroup: '' }).error?.issues[0].message).toBe('La calificación debe ser un número entero de 1 a 5.');
    expect(evaluationInputSchema.safeParse({ scores: scores({}), comment: ' ', valueGroup: 'Jóvenes' }).error?.issues[0].message).toBe('La respuesta no tiene ninguna calificación ni comentario.');
  });

  it('tallies per question, the satisfaction index (share of 4s and 5s over all scores) and the comments', () => {
    const tally = tallyEvaluation([
      { scores: scores({ clarity: 5, usefulness: 4 }), comment: 'Muy bueno', valueGroup: 'Jóvenes' },
      { scores: scores({ clarity: 2, usefulness: 5 }), comment: '', valueGroup: '' },
    ]);
    expect(tally.responses).toBe(2);
    expect(tally.questions[0]).toMatchObject({ question: 'clarity', counts: [0, 1, 0, 0, 1], answered: 2, mean: 3.5, satisfied: 50 });
    expect(tally.questions[2]).toMatchObject({ answered: 0, mean: null, satisfied: null });
    expect(tally.satisfactionIndex).toBe(75);
    expect(tally.comments).toEqual([{ comment: 'Muy bueno', valueGroup: 'Jóvenes' }]);
    expect(tally.valueGroups).toEqual([{ name: 'Jóvenes', count: 1 }, { name: 'No indicado', count: 1 }]);
    expect(tallyEvaluation([]).satisfactionIndex).toBeNull();
  });

  it('imports a Forms export: personal columns dropped, bad scores listed per row, nothing planned with problems', () => {
    const header = ['Marca temporal', 'Nombre', '¿La información fue clara?', '¿El tema le resultó útil?', 'Comentarios'];
    const mapping = suggestEvaluationMapping(header) as Record<string, never>;
    expect(mapping).toEqual({ 'Marca temporal': 'ignore', Nombre: 'personal', '¿La información fue clara?': 'clarity', '¿El tema le resultó útil?': 'usefulness', Comentarios: 'comment' });
    const good = planEvaluationImport({ header, mapping, rows: [['2022/06/22', 'Ana', '5', 'De acuerdo', 'Gracias']] });
    expect(good).toEqual({ ok: true, droppedPersonalColumns: ['Nombre'], responses: [{ scores: scores({ clarity: 5, usefulness: 4 }), comment: 'Gracias', valueGroup: '' }] });
    expect(JSON.stringify(good)).not.toContain('Ana');
    const bad = planEvaluationImport({ header, mapping, rows: [['x', 'Ana', '7', '', ''], ['x', 'Luis', '', '', '']] });
    expect(bad).toEqual({
      ok: false,
      rowIssues: [
        { row: 2, column: '¿La información fue clara?', message: '«7» no es una calificación de 1 a 5.' },
        { row: 3, message: 'La respuesta no tiene ninguna calificación ni comentario.' },
      ],
    });
  });
});
