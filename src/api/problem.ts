import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { toFieldIssues, type FieldIssue } from '../domain/common';

/** One bad row of an imported file: its number as a spreadsheet shows it (header = 1), its column when known. */
export interface RowIssue {
  row: number;
  column?: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Bad input at fields of the request (400). */
  errors?: FieldIssue[];
  /**
   * Bad rows of an imported file (422): where each is in the file, and what is wrong with it. (Not `rows`: the
   * metrics import's 422 already tells the file's rows there.)
   */
  rowIssues?: RowIssue[];
  [extra: string]: unknown;
}

/** Answers with an RFC 9457 `application/problem+json` body whose texts are Spanish. */
export function problem(c: Context, status: ContentfulStatusCode, title: string, extra: Partial<Problem> = {}) {
  const body: Problem = { type: 'about:blank', title, status, ...extra };
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json; charset=utf-8' });
}

export class HttpProblem extends Error {
  constructor(
    public readonly status: ContentfulStatusCode,
    public readonly title: string,
    public readonly extra: Partial<Problem> = {},
  ) {
    super(title);
  }
}

export const invalidTitle = 'Los datos enviados no son válidos.';

/**
 * The one 400 answer for bad input: every issue at its field path (`errors`), and the same issues as one
 * readable line (`detail`). From a zod error or from issues a route found itself.
 */
export function invalid(issues: z.ZodError | FieldIssue[], title: string = invalidTitle, extra: Partial<Problem> = {}): HttpProblem {
  const errors = Array.isArray(issues) ? issues : toFieldIssues(issues);
  return new HttpProblem(400, title, { detail: errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join(' '), errors, ...extra });
}

/**
 * The one answer for a file whose rows have problems (422): the rows in `rowIssues` (not as field issues: a row is not
 * a field of the request), the first of them as a readable line in `detail`.
 */
export function badRows(title: string, rows: RowIssue[], extra: Partial<Problem> = {}): HttpProblem {
  const detail = rows
    .slice(0, 5)
    .map((r) => `Fila ${r.row}${r.column ? ` (${r.column})` : ''}: ${r.message}`)
    .join(' ');
  return new HttpProblem(422, title, { ...extra, detail, rowIssues: rows });
}
