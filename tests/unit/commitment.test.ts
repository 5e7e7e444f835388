import { describe, expect, it } from 'vitest';
import {
  commitmentInputSchema,
  effectiveStatus,
  followUpIssues,
  planProgressImport,
  statusAfterProgress,
  suggestProgressMapping,
  type KnownCommitment,
} from '../../src/domain/commitment';
import { toFieldIssues } from '../../src/domain/common';

const base = { forumId: 1, text: 'Publicar la ruta de empleo', area: 'Subdirección de Formación', person: '', dueDate: '2022-12-15', status: 'pending', cancelReason: '', progress: 0 };

describe('commitment rules', () => {
  it('accepts a commitment and refuses progress outside 0–100, cumplido below 100 %, cancelado without a reason', () => {
    expect(commitmentInputSchema.safeParse(base).success).toBe(true);
    const issues = (value: object) => {
      const r = commitmentInputSchema.safeParse({ ...base, ...value });
      return r.success ? [] : toFieldIssues(r.error);
    };
    expect(issues({ progress: 101 })).toEqual([{ path: 'progress', message: 'El avance debe ser un número entero de 0 a 100.' }]);
    expect(issues({ progress: -1 })[0].message).toBe('El avance debe ser un número entero de 0 a 100.');
    expect(issues({ status: 'done', progress: 80 })).toEqual([{ path: 'progress', message: 'Un compromiso cumplido tiene avance 100 %.' }]);
    expect(issues({ status: 'cancelled' })).toEqual([{ path: 'cancelReason', message: 'Escriba el motivo de la cancelación.' }]);
    expect(issues({ dueDate: '2022-02-30' })[0].path).toBe('dueDate');
  });

  it('is «vencido» when open and past its due date, never when cumplido or cancelado', () => {
    expect(effectiveStatus('pending', '2022-12-15', '2022-12-16')).toBe('overdue');
    expect(effectiveStatus('in_progress', '2022-12-15', '2022-12-15')).toBe('in_progress');
    expect(effectiveStatus('done', '2022-01-01', '2022-12-16')).toBe('done');
    expect(effectiveStatus('cancelled', '2022-01-01', '2022-12-16')).toBe('cancelled');
  });

  it('refuses a follow-up on a cancelled commitment, dated after today or before the forum', () => {
    expect(followUpIssues({ status: 'cancelled', forumDate: '2022-06-22' }, { date: '2022-07-01' }, '2022-08-01')[0].message).toBe('No se puede registrar seguimiento de un compromiso cancelado.');
    expect(followUpIssues({ status: 'pending', forumDate: '2022-06-22' }, { date: '2022-09-01' }, '2022-08-01')).toEqual([{ path: 'date', message: 'La fecha del seguimiento no puede ser posterior a hoy.' }]);
    expect(followUpIssues({ status: 'pending', forumDate: '2022-06-22' }, { date: '2022-06-01' }, '2022-08-01')[0].message).toBe('La fecha del seguimiento no puede ser anterior a la fecha del foro.');
    expect(followUpIssues({ status: 'in_progress', forumDate: '2022-06-22' }, { date: '2022-07-01' }, '2022-08-01')).toEqual([]);
  });

  it('moves status with progress: some progress is en curso, 100 % is cumplido', () => {
    expect(statusAfterProgress('pending', 30)).toBe('in_progress');
    expect(statusAfterProgress('in_progress', 100)).toBe('done');
    expect(statusAfterProgress('done', 90)).toBe('in_progress');
    expect(statusAfterProgress('pending', 0)).toBe('pending');
  });
});

describe('bulk progress from a CSV (area, id, progress, note)', () => {
  const known = new Map<number, KnownCommitment>([
    [1, { id: 1, area: 'Subdirección de Formación', status: 'pending', progress: 0, text: 'A' }],
    [2, { id: 2, area: 'Oficina de Comunicaciones', status: 'in_progress', progress: 40, text: 'B' }],
    [3, { id: 3, area: 'Oficina de Comunicaciones', status: 'cancelled', progress: 10, text: 'C' }],
  ]);
  const areas = ['Subdirección de Formación', 'Oficina de Comunicaciones'];
  const header = ['Área', 'Número', 'Avance', 'Nota'];
  const mapping = suggestProgressMapping(header) as Record<string, 'area' | 'id' | 'progress' | 'note'>;

  it('suggests the columns from their names', () => {
    expect(mapping).toEqual({ Área: 'area', Número: 'id', Avance: 'progress', Nota: 'note' });
  });

  it('plans every row when all are good (area compared without case or accents, «80 %» read)', () => {
    const plan = planProgressImport({ header, mapping, rows: [['subdireccion de formacion', '1', '50', 'Mitad'], ['Oficina de Comunicaciones', '2', '100 %', '']] }, (id) => known.get(id), areas);
    expect(plan).toEqual({
      ok: true,
      updates: [
        { row: 2, id: 1, text: 'A', area: 'Subdirección de Formación', from: 0, to: 50, note: 'Mitad', status: 'in_progress' },
        { row: 3, id: 2, text: 'B', area: 'Oficina de Comunicaciones', from: 40, to: 100, note: '', status: 'done' },
      ],
    });
  });

  it('lists each bad row in Spanish and plans nothing: unknown id or area, wrong area, progress out of range, cancelled, repeated', () => {
    const plan = planProgressImport(
      {
        header,
        mapping,
        rows: [
          ['Subdirección de Formación', '99', '10', ''],
          ['Gerencia', '1', '10', ''],
          ['Oficina de Comunicaciones', '2', '150', ''],
          ['Oficina de Comunicaciones', '3', '20', ''],
          ['Oficina de Comunicaciones', '2', '60', ''],
          ['Oficina de Comunicaciones', '1', '10', ''],
        ],
      },
      (id) => known.get(id),
      areas,
    );
    expect(plan).toEqual({
      ok: false,
      rowIssues: [
        { row: 2, column: 'Número', message: 'No existe el compromiso «99».' },
        { row: 3, column: 'Área', message: 'No se conoce el área «Gerencia».' },
        { row: 4, column: 'Avance', message: 'El avance debe ser un número entero de 0 a 100.' },
        { row: 5, column: 'Número', message: 'El compromiso 3 está cancelado: no admite seguimiento.' },
        { row: 6, column: 'Número', message: 'El compromiso 2 ya aparece en la fila 4.' },
        { row: 7, column: 'Área', message: 'El compromiso 1 no es del área «Oficina de Comunicaciones».' },
        { row: 7, column: 'Número', message: 'El compromiso 1 ya aparece en la fila 3.' },
      ],
    });
  });

  it('says which column is missing', () => {
    expect(planProgressImport({ header: ['Área', 'Nota'], mapping: { Área: 'area', Nota: 'note' }, rows: [['x', 'y']] }, () => undefined, areas)).toEqual({ ok: false, missing: ['id', 'progress'] });
  });
});
