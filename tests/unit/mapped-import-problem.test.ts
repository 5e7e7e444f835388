import { describe, expect, it } from 'vitest';
import { failedTitle, fieldError, problemLines } from '../../src/client/ui/mapped-import/import-problem';
import { ApiError } from '../../src/client/lib/http';

const rowLabel = (row: number) => `Fila ${row}`;

describe('the consultation import tab reads a refused import', () => {
  it('a 422 with bad rows (`rowIssues`): the title, then «Fila N: …» (with the column when known), each once', () => {
    const body = {
      title: 'El archivo tiene 3 filas con problemas: no se guardó ninguna respuesta.',
      rowIssues: [
        { row: 6, message: 'No se reconoce la fecha «mañana».' },
        { row: 7, column: 'Grupo', message: 'No se reconoce si «Marciano» es un grupo de valor interno o externo.' },
        { row: 6, message: 'No se reconoce la fecha «mañana».' },
      ],
    };
    const error = new ApiError(422, body.title, undefined, [], body);
    expect(problemLines(error, rowLabel)).toEqual([
      body.title,
      'Fila 6: No se reconoce la fecha «mañana».',
      'Fila 7 (Grupo): No se reconoce si «Marciano» es un grupo de valor interno o externo.',
    ]);
    expect(failedTitle(error)).toBe('rows');
  });

  it('a 400 with field issues (`errors`): their messages, and the one at a field of the form', () => {
    const errors = [{ path: 'defaultValueGroupKind', message: 'Elija el grupo de valor del archivo.' }];
    const error = new ApiError(400, 'Los datos enviados no son válidos.', undefined, errors, { errors });
    expect(problemLines(error, rowLabel)).toEqual(['Los datos enviados no son válidos.', 'Elija el grupo de valor del archivo.']);
    expect(fieldError(error, 'defaultValueGroupKind')).toBe('Elija el grupo de valor del archivo.');
    expect(fieldError(error, 'lateMode')).toBeUndefined();
    expect(failedTitle(error)).toBe('mapping');
  });

  it('no issues at all: the error message alone', () => {
    const error = new ApiError(409, 'La consulta está cerrada.', undefined, [], {});
    expect(problemLines(error, rowLabel)).toEqual(['La consulta está cerrada.']);
    expect(failedTitle(error)).toBe('status');
    expect(failedTitle(new Error('x'))).toBe('other');
  });
});
