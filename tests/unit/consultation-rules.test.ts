import { describe, expect, it } from 'vitest';
import {
  changedConsultationFields,
  consultationInputSchema,
  consultationMessages,
  consultationUpdateSchema,
  moveDateToYear,
  responseInputSchema,
  validateResponse,
  type ConsultationInput,
  type ResponseInput,
} from '../../src/domain/consultation';
import { toFieldIssues } from '../../src/domain/common';
import { demoConsultation2022 } from '../../src/db/demo-consultation-2022';

const consultation = (overrides: Partial<ConsultationInput> = {}): ConsultationInput => ({ ...structuredClone(demoConsultation2022), ...overrides });
const issuesOf = (schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : toFieldIssues(result.error as never);
};

const context = { status: 'open' as const, openDate: '2022-05-01', closeDate: '2022-05-31', topics: [{ id: 1 }, { id: 2 }] };
const response = (overrides: Partial<ResponseInput> = {}): ResponseInput => ({
  valueGroupKind: 'external',
  valueGroup: 'Ciudadanía',
  topicIds: [1],
  proposedTopic: '',
  questions: [],
  channel: 'web',
  date: '2022-05-10',
  ...overrides,
});

describe('consultationInputSchema', () => {
  it('accepts the 2022 demo consultation', () => {
    expect(consultationInputSchema.safeParse(demoConsultation2022).success).toBe(true);
  });

  it('refuses a close date before the opening, at closeDate', () => {
    expect(issuesOf(consultationInputSchema, consultation({ openDate: '2022-06-01', closeDate: '2022-05-01' }))).toEqual([
      { path: 'closeDate', message: consultationMessages.closeBeforeOpen },
    ]);
  });

  it('keeps the period within the «Vigencia», like a forum’s date (issue 10, item 7)', () => {
    expect(issuesOf(consultationInputSchema, consultation({ year: 2024, openDate: '2026-01-01', closeDate: '2026-12-31' }))).toEqual([
      { path: 'openDate', message: consultationMessages.outsideYear(2024) },
      { path: 'closeDate', message: consultationMessages.outsideYear(2024) },
    ]);
    expect(issuesOf(consultationInputSchema, consultation({ year: 2022, openDate: '2021-12-15', closeDate: '2022-01-31' }))).toEqual([
      { path: 'openDate', message: consultationMessages.outsideYear(2022) },
    ]);
    expect(issuesOf(consultationInputSchema, consultation({ year: 2022, openDate: '2022-01-01', closeDate: '2022-12-31' }))).toEqual([]);
    expect(moveDateToYear('2026-03-15', 2024)).toBe('2024-03-15');
    expect(moveDateToYear('2024-02-29', 2023)).toBe('2023-02-28');
  });

  it('refuses repeated topic titles ignoring case and accents, and repeated channels', () => {
    const input = consultation({
      channels: ['web', 'web'],
      topics: [
        { title: 'Políticas Públicas', description: '', proposingTeam: '' },
        { title: '  politicas  PUBLICAS ', description: '', proposingTeam: '' },
      ],
    });
    const issues = issuesOf(consultationInputSchema, input);
    expect(issues).toContainEqual({ path: 'topics.1.title', message: consultationMessages.duplicateTopic });
    expect(issues).toContainEqual({ path: 'channels.1', message: consultationMessages.duplicateChannel });
  });

  it('needs 1 to 50 topics, known channels and statuses, a year in range, no unknown fields', () => {
    const paths = (value: unknown) => issuesOf(consultationInputSchema, value).map((i) => i.path);
    expect(paths(consultation({ topics: [] }))).toEqual(['topics']);
    expect(paths(consultation({ topics: Array.from({ length: 51 }, (_, i) => ({ title: `Tema ${i}`, description: '', proposingTeam: '' })) }))).toEqual(['topics']);
    expect(paths({ ...consultation(), channels: ['fax'] })).toEqual(['channels.0']);
    expect(paths({ ...consultation(), status: 'archived' })).toEqual(['status']);
    expect(paths({ ...consultation(), year: 1999 })).toEqual(['year']);
    expect(paths({ ...consultation(), extra: 1 })).toEqual(['extra']);
    expect(paths({ ...consultation(), title: 'x'.repeat(201) })).toEqual(['title']);
    expect(paths({ ...consultation(), openDate: '2022-02-30' })).toEqual(['openDate']);
  });

  it('update = input + version', () => {
    expect(consultationUpdateSchema.safeParse({ ...consultation(), version: 3 }).success).toBe(true);
    expect(issuesOf(consultationUpdateSchema, consultation()).map((i) => i.path)).toEqual(['version']);
  });

  it('changedConsultationFields names what changed (topic ids alone are not a change)', () => {
    const before = consultation();
    const after = consultation({ status: 'open', topics: before.topics.map((t, i) => ({ ...t, id: i + 1 })) });
    expect(changedConsultationFields(before, after)).toEqual(['status']);
  });
});

describe('responseInputSchema', () => {
  it('accepts a response and refuses repeated topics, too many questions, unknown channels', () => {
    expect(responseInputSchema.safeParse(response()).success).toBe(true);
    const paths = (value: unknown) => issuesOf(responseInputSchema, value).map((i) => i.path);
    expect(paths(response({ topicIds: [1, 1] }))).toEqual(['topicIds.1']);
    expect(paths(response({ questions: Array.from({ length: 21 }, () => '¿Qué?') }))).toEqual(['questions']);
    expect(paths({ ...response(), channel: 'fax' })).toEqual(['channel']);
    expect(paths({ ...response(), name: 'Ana' })).toEqual(['name']);
    expect(paths(response({ proposedTopic: 'x'.repeat(1001) }))).toEqual(['proposedTopic']);
    expect(paths(response({ questions: [''] }))).toEqual(['questions.0']);
  });
});

describe('validateResponse', () => {
  it('passes a response choosing an existing topic within the period', () => {
    expect(validateResponse(response(), context)).toEqual([]);
  });

  it('needs at least one topic or a proposal', () => {
    expect(validateResponse(response({ topicIds: [] }), context)).toEqual([{ path: 'topicIds', message: consultationMessages.chooseOrPropose }]);
    expect(validateResponse(response({ topicIds: [], proposedTopic: 'Salud mental' }), context)).toEqual([]);
  });

  it('refuses a topic of another consultation, at its index', () => {
    expect(validateResponse(response({ topicIds: [1, 99] }), context)).toEqual([{ path: 'topicIds.1', message: consultationMessages.unknownTopic }]);
  });

  it('refuses a date outside the period unless marked late', () => {
    expect(validateResponse(response({ date: '2022-06-01' }), context).map((i) => i.path)).toEqual(['date']);
    expect(validateResponse(response({ date: '2022-04-30' }), context).map((i) => i.path)).toEqual(['date']);
    expect(validateResponse(response({ date: '2022-06-01', late: true }), context)).toEqual([]);
    expect(validateResponse(response({ date: '2022-05-31' }), context)).toEqual([]);
  });

  it('a closed or draft consultation accepts no responses', () => {
    expect(validateResponse(response(), { ...context, status: 'closed' })).toEqual([{ path: '', message: 'La consulta está cerrada: no admite respuestas nuevas.' }]);
    expect(validateResponse(response(), { ...context, status: 'draft' })).toEqual([{ path: '', message: 'La consulta aún no está abierta.' }]);
    expect(validateResponse(response(), { ...context, status: 'closed' }, { checkStatus: false })).toEqual([]);
  });
});
