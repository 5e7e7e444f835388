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

export function validationProblem(c: Context, error: z.ZodError, title = 'Los datos enviados no son válidos.') {
  const errors = toFieldIssues(error);
  const detail = errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join(' ');
  return problem(c, 400, title, { detail, errors });
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
