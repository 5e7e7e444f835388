import { ApiError, errorMessage } from '../../lib/http';

/**
 * Issues of a 400 / 422 answer, as lines: the title, then each problem — a 422's bad rows (`rowIssues`) as «Fila N: …»,
 * a 400's field issues (`errors`) as their message. At most 20, each once.
 */
export function problemLines(error: unknown, rowLabel: (row: number) => string): string[] {
  if (!(error instanceof ApiError)) return [errorMessage(error)];
  const rows = Array.isArray(error.body.rowIssues) ? (error.body.rowIssues as { row?: unknown; column?: unknown; message?: unknown }[]) : [];
  const rowLines = rows.map((r) => {
    const where = `${typeof r.row === 'number' ? rowLabel(r.row) : ''}${typeof r.column === 'string' ? ` (${r.column})` : ''}`;
    return where ? `${where}: ${String(r.message ?? '')}` : String(r.message ?? '');
  });
  const lines = [...rowLines, ...error.errors.map((e) => e.message)].slice(0, 20);
  if (lines.length === 0) return [errorMessage(error)];
  return [error.title, ...new Set(lines)];
}

/**
 * What kind of refusal an answer is: a file that was read but lacks something the import needs (400: a column or
 * the value group of the whole file), a consultation that takes no responses now (409), rows with problems (422).
 * «No se pudo leer el archivo» is only for a file that could not be read (see the tab's own failed state).
 */
export function failedTitle(error: unknown): 'mapping' | 'status' | 'rows' | 'other' {
  if (!(error instanceof ApiError)) return 'other';
  return error.status === 400 ? 'mapping' : error.status === 409 ? 'status' : error.status === 422 ? 'rows' : 'other';
}

/** The message a refused preview gives at a field of this form (the value group of the whole file), if any. */
export function fieldError(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.errors.find((e) => e.path === path)?.message;
}
