import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { toFieldIssues, type FieldIssue } from '../domain/common';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldIssue[];
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
