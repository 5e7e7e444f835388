import { describe, expect, it } from 'vitest';
import { changedForumFields, emptyForum, forumInputSchema, forumListQuerySchema, forumUpdateSchema, type ForumInput } from '../../src/domain/forum';
import { toFieldIssues, validationMessages } from '../../src/domain/common';
import { demoForums2022 } from '../../src/db/demo-2022';

const demo = (): ForumInput => JSON.parse(JSON.stringify(demoForums2022[2])) as ForumInput;

/** The `{path, message}` issues for a value, or [] when it is valid. */
function issues(value: unknown) {
  const result = forumInputSchema.safeParse(value);
  return result.success ? [] : toFieldIssues(result.error);
}

describe('forumInputSchema', () => {
  it.each(demoForums2022.map((f) => [f.title, f] as const))('accepts the demo forum %s unchanged', (_title, forum) => {
    const result = forumInputSchema.safeParse(forum);
    expect(result.success).toBe(true);
    expect(result.data).toEqual(forum);
  });

  it('accepts a blank form once title and theme are filled in', () => {
    expect(issues({ ...emptyForum(new Date('2025-03-01T12:00:00Z')), title: 'Foro', theme: 'Tema' })).toEqual([]);
    expect(issues(emptyForum(new Date('2025-03-01T12:00:00Z'))).map((i) => i.path).sort()).toEqual(['theme', 'title']);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['only spaces', '   '],
  ])('requires a title (%s)', (_label, title) => {
    expect(issues({ ...demo(), title })).toEqual([{ path: 'title', message: validationMessages.required }]);
  });

  it('limits the title to 200 characters, counted after trimming', () => {
    expect(issues({ ...demo(), title: 'a'.repeat(200) })).toEqual([]);
    expect(issues({ ...demo(), title: `  ${'a'.repeat(200)}  ` })).toEqual([]);
    expect(issues({ ...demo(), title: 'a'.repeat(201) })).toEqual([{ path: 'title', message: 'Máximo 200 caracteres.' }]);
    expect(issues({ ...demo(), objective: 'a'.repeat(5001) })).toEqual([{ path: 'objective', message: 'Máximo 5000 caracteres.' }]);
  });

  it('trims texts', () => {
    const parsed = forumInputSchema.parse({ ...demo(), title: '  Foro  ', alliedEntities: [' Secretaría '] });
    expect(parsed.title).toBe('Foro');
    expect(parsed.alliedEntities).toEqual(['Secretaría']);
  });

  it('refuses unknown keys, at the top and inside nested objects, in Spanish', () => {
    expect(issues({ ...demo(), id: 5 })).toEqual([{ path: 'id', message: validationMessages.unknownField }]);
    const forum = demo();
    expect(issues({ ...forum, experts: [{ ...forum.experts[0], telefono: '123' }] })).toEqual([{ path: 'experts.0.telefono', message: validationMessages.unknownField }]);
  });

  it.each(['ftp://example.org', 'javascript:alert(1)', 'www.facebook.com/idipron', 'no es un enlace', 'https://'])('refuses the stream link %j', (streamUrl) => {
    expect(issues({ ...demo(), streamUrl })).toEqual([{ path: 'streamUrl', message: validationMessages.invalidUrl }]);
  });

  it.each(['', 'https://www.facebook.com/idipron/videos/1', 'http://localhost:8080/live'])('accepts the stream link %j', (streamUrl) => {
    expect(issues({ ...demo(), streamUrl })).toEqual([]);
  });

  it('requires the date to fall inside the forum year', () => {
    expect(issues({ ...demo(), year: 2023, date: '2022-09-07' })).toEqual([{ path: 'date', message: validationMessages.yearMismatch }]);
    expect(issues({ ...demo(), year: 2022, date: '2023-01-01' })).toEqual([{ path: 'date', message: validationMessages.yearMismatch }]);
    expect(issues({ ...demo(), year: 2022, date: '2022-12-31' })).toEqual([]);
    expect(issues({ ...demo(), year: 2031, date: null })).toEqual([]);
  });

  it.each(['2022-02-30', '2022-02-29', '2022-04-31', '2022-00-10', '2022-13-01', '2022-6-1', '22-06-2022'])('refuses the impossible or badly written date %s', (date) => {
    expect(issues({ ...demo(), date })).toEqual([{ path: 'date', message: validationMessages.invalidDate }]);
  });

  it('accepts 29 February in a leap year', () => {
    expect(issues({ ...demo(), year: 2024, date: '2024-02-29' })).toEqual([]);
  });

  it('checks year, time, duration, options and list sizes', () => {
    expect(issues({ ...demo(), year: 1999, date: null })).toEqual([{ path: 'year', message: validationMessages.yearRange }]);
    expect(issues({ ...demo(), time: '24:00' })).toEqual([{ path: 'time', message: validationMessages.invalidTime }]);
    expect(issues({ ...demo(), time: '23:59' })).toEqual([]);
    expect(issues({ ...demo(), durationMinutes: 1441 })).toEqual([{ path: 'durationMinutes', message: validationMessages.durationRange }]);
    expect(issues({ ...demo(), durationMinutes: 1.5 })).toEqual([{ path: 'durationMinutes', message: validationMessages.integer }]);
    expect(issues({ ...demo(), platform: 'tiktok' })).toEqual([{ path: 'platform', message: validationMessages.invalidOption }]);
    expect(issues({ ...demo(), alliedEntities: Array.from({ length: 51 }, (_, i) => `Entidad ${i}`) })).toEqual([
      { path: 'alliedEntities', message: validationMessages.tooMany(50) },
    ]);
  });

  it('gives Spanish messages for values of the wrong shape', () => {
    expect(issues(null)).toEqual([{ path: '', message: validationMessages.expectedObject }]);
    expect(issues({ ...demo(), experts: 'Ana' })).toEqual([{ path: 'experts', message: validationMessages.expectedList }]);
  });
});

describe('forumUpdateSchema', () => {
  it('is the forum plus its version', () => {
    expect(forumUpdateSchema.parse({ ...demo(), version: 3 })).toEqual({ ...demo(), version: 3 });
    const result = forumUpdateSchema.safeParse(demo());
    expect(result.success).toBe(false);
    expect(toFieldIssues(result.error!)).toEqual([{ path: 'version', message: 'Falta la versión del registro.' }]);
    expect(forumUpdateSchema.safeParse({ ...demo(), version: 0 }).success).toBe(false);
    expect(forumUpdateSchema.safeParse({ ...demo(), version: 1, extra: true }).success).toBe(false);
  });
});

describe('forumListQuerySchema', () => {
  it('reads query strings into numbers and keeps the options', () => {
    expect(forumListQuerySchema.parse({ q: ' política ', year: '2022', page: '2', pageSize: '100', sort: '-date', status: 'held', platform: 'teams' })).toEqual({
      q: 'política',
      year: 2022,
      page: 2,
      pageSize: 100,
      sort: '-date',
      status: 'held',
      platform: 'teams',
    });
  });

  it.each([{ pageSize: '101' }, { pageSize: '0' }, { page: '0' }, { sort: 'titulo' }, { year: '2022.5' }, { otro: '1' }])('refuses %j', (query) => {
    expect(forumListQuerySchema.safeParse(query).success).toBe(false);
  });
});

describe('changedForumFields', () => {
  it('is empty for identical forums', () => {
    expect(changedForumFields(demo(), demo())).toEqual([]);
  });

  it('names exactly the fields that changed', () => {
    expect(changedForumFields(demo(), { ...demo(), title: 'Otro', status: 'cancelled' }).sort()).toEqual(['status', 'title']);
    expect(changedForumFields(demo(), { ...demo(), date: null })).toEqual(['date']);
  });

  it('sees changes inside lists and nested objects, including a new order', () => {
    const before = demo();
    const reordered = { ...before, guidingQuestions: [...before.guidingQuestions].reverse() };
    expect(changedForumFields(before, reordered)).toEqual(['guidingQuestions']);
    const renamedExpert = { ...before, experts: [{ ...before.experts[0], name: 'Otra persona' }] };
    expect(changedForumFields(before, renamedExpert)).toEqual(['experts']);
  });
});

describe('forumInputSchema: one message per mistake', () => {
  it.each(['x', '2023-02-30', '22-06-2022'])('a badly written date %j gets only the date-format message, not also the year one', (date) => {
    expect(issues({ ...demo(), year: 2022, date })).toEqual([{ path: 'date', message: validationMessages.invalidDate }]);
  });
});
