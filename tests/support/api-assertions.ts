import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema';
import { demoForums2022 } from '../../src/db/demo-2022';
import type { ForumInput } from '../../src/domain/forum';

/** A valid forum body (the third 2022 demo forum), deep-copied, with overrides. */
export function validForum(overrides: Partial<ForumInput> = {}): ForumInput {
  return { ...(JSON.parse(JSON.stringify(demoForums2022[2])) as ForumInput), ...overrides };
}

/** Every row the API can write, to prove a refused request changed nothing. */
export async function dbSnapshot(db: Kysely<Database>) {
  const [forums, questions, users, audit, sessions, metrics, consultations, consultationTopics, consultationResponses] = await Promise.all([
    db.selectFrom('forums').selectAll().orderBy('id').execute(),
    db.selectFrom('forum_questions').selectAll().orderBy('id').execute(),
    db.selectFrom('users').selectAll().orderBy('id').execute(),
    db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
    db.selectFrom('sessions').selectAll().orderBy('token_hash').execute(),
    db.selectFrom('forum_metrics').selectAll().orderBy('forum_id').execute(),
    db.selectFrom('consultations').selectAll().orderBy('id').execute(),
    db.selectFrom('consultation_topics').selectAll().orderBy('id').execute(),
    db.selectFrom('consultation_responses').selectAll().orderBy('id').execute(),
  ]);
  const report = await reportSnapshot(db);
  return { forums, questions, users, audit, sessions, metrics, consultations, consultationTopics, consultationResponses, ...report };
}

/** The report's rows (reports, sections, revisions, comments, removed forum and generated sections). */
export async function reportSnapshot(db: Kysely<Database>) {
  const [reports, reportSections, sectionRevisions, sectionComments, removedForums, removedSections] = await Promise.all([
    db.selectFrom('reports').selectAll().orderBy('year').execute(),
    db.selectFrom('report_sections').selectAll().orderBy('id').execute(),
    db.selectFrom('section_revisions').selectAll().orderBy('id').execute(),
    db.selectFrom('section_comments').selectAll().orderBy('id').execute(),
    db.selectFrom('report_removed_forums').selectAll().orderBy('year').orderBy('forum_id').execute(),
    db.selectFrom('report_removed_sections').selectAll().orderBy('year').orderBy('kind').execute(),
  ]);
  return { reports, reportSections, sectionRevisions, sectionComments, removedForums, removedSections };
}

const spanishWord = /\b(el|la|los|las|de|del|un|una|no|que|para|con|su|es|debe|existe|este|esta|ese|esa|datos|foro|cuenta|rol|inicie|escriba|indique|elija)\b/i;
const englishWord = /\b(the|invalid|expected|received|unrecognized|not found|error|input|required|must|too)\b/i;

/** A message a person reads: Spanish, never zod's or Hono's English defaults. */
export function expectSpanish(text: unknown) {
  expect(typeof text).toBe('string');
  const value = text as string;
  expect(value.trim().length).toBeGreaterThan(0);
  expect(value).not.toMatch(englishWord);
  expect(spanishWord.test(value) || /[áéíóúñ¿¡]/i.test(value)).toBe(true);
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  current?: Record<string, unknown>;
}

/** Asserts an `application/problem+json` answer with this status and a Spanish title; returns its body. */
export async function expectProblem(res: Response, status: number): Promise<ProblemBody> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as ProblemBody;
  expect(body.status).toBe(status);
  expectSpanish(body.title);
  return body;
}

/** Asserts a 400 validation problem whose `errors` name (at least) these paths, each with a Spanish message. */
export async function expectValidationProblem(res: Response, paths: string[] = []): Promise<ProblemBody> {
  const body = await expectProblem(res, 400);
  expect(Array.isArray(body.errors)).toBe(true);
  expect(body.errors!.length).toBeGreaterThan(0);
  for (const issue of body.errors!) {
    expect(typeof issue.path).toBe('string');
    expectSpanish(issue.message);
  }
  const got = body.errors!.map((e) => e.path);
  for (const path of paths) expect(got).toContain(path);
  return body;
}
