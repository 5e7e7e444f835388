import { zodResolver } from '@hookform/resolvers/zod';
import { useFormContext, type FieldErrors, type Resolver } from 'react-hook-form';
import type { FieldIssue } from '../../../domain/common';
import { forumInputSchema, type ForumInput } from '../../../domain/forum';

/**
 * What the form holds: the domain's ForumInput, except that guiding questions are rows
 * (`{ text }`), because useFieldArray needs objects. Everything else is the same shape,
 * so the domain schema validates it unchanged.
 */
export type ForumFormValues = Omit<ForumInput, 'guidingQuestions'> & { guidingQuestions: { text: string }[] };

/** Picks only the input fields (a loaded Forum also has id, version, timestamps…). */
export function toFormValues(input: ForumInput): ForumFormValues {
  return {
    title: input.title,
    theme: input.theme,
    year: input.year,
    date: input.date,
    time: input.time,
    durationMinutes: input.durationMinutes,
    platform: input.platform,
    streamUrl: input.streamUrl,
    status: input.status,
    objective: input.objective,
    responsibleTeams: [...input.responsibleTeams],
    alliedEntities: [...input.alliedEntities],
    place: input.place,
    valueGroups: input.valueGroups.map((g) => ({ kind: g.kind, name: g.name })),
    moderator: input.moderator,
    experts: input.experts.map((e) => ({ name: e.name, role: e.role, organization: e.organization })),
    guidingQuestions: input.guidingQuestions.map((text) => ({ text })),
    actions: input.actions.map((a) => ({ phase: a.phase, text: a.text, done: a.done })),
    questions: input.questions.map((q) => ({
      ...(q.questionId !== undefined ? { questionId: q.questionId } : {}),
      text: q.text,
      channel: q.channel,
      answered: q.answered,
      answeredBy: q.answeredBy,
      answerSummary: q.answerSummary,
    })),
  };
}

/** The form's values in the domain's shape (not yet validated). */
export function fromFormValues(values: ForumFormValues): ForumInput {
  return { ...values, guidingQuestions: values.guidingQuestions.map((row) => row.text) };
}

/** A domain path (`guidingQuestions.2`) as the form's field name (`guidingQuestions.2.text`). */
export function toFormPath(path: string): string {
  return /^guidingQuestions\.\d+$/.test(path) ? `${path}.text` : path;
}

const schemaResolver = zodResolver(forumInputSchema);

/**
 * zodResolver(forumInputSchema) over the form's values: the domain schema is the only source of
 * rules and messages. The guiding-question rows are turned into texts before, and their errors
 * moved onto the row's `text` field after.
 */
export const forumFormResolver: Resolver<ForumFormValues, unknown, ForumInput> = async (values, context, options) => {
  const result = await schemaResolver(fromFormValues(values), context, options as never);
  if (Object.keys(result.errors).length === 0) return { values: result.values as ForumInput, errors: {} };
  const errors = { ...result.errors } as Record<string, unknown>;
  const guiding = errors.guidingQuestions;
  if (Array.isArray(guiding)) {
    const rows = guiding.map((error) => (error ? { text: error } : error));
    if ('root' in guiding) Object.assign(rows, { root: (guiding as { root?: unknown }).root });
    errors.guidingQuestions = rows;
  }
  return { values: {}, errors: errors as FieldErrors<ForumFormValues> };
};

/** Top-level field of a problem path, and its row number (1-based) when it is inside a list. */
export function describePath(path: string): { field: string; row?: number; subfield?: string } {
  const [field = '', index, subfield] = path.split('.');
  return index !== undefined && /^\d+$/.test(index) ? { field, row: Number(index) + 1, subfield } : { field };
}

/** The 400 problems that point at something in the form (the rest only go to the summary). */
export function formIssues(issues: FieldIssue[]): FieldIssue[] {
  return issues.filter((issue) => issue.path !== '' && describePath(issue.path).field in formFieldNames);
}

const formFieldNames: Record<keyof ForumInput, true> = {
  title: true,
  theme: true,
  year: true,
  date: true,
  time: true,
  durationMinutes: true,
  platform: true,
  streamUrl: true,
  status: true,
  objective: true,
  responsibleTeams: true,
  alliedEntities: true,
  place: true,
  valueGroups: true,
  moderator: true,
  experts: true,
  guidingQuestions: true,
  actions: true,
  questions: true,
};

/** The forum form's context, typed (values in the form's shape, submitted in the domain's). */
export function useForumFormContext() {
  return useFormContext<ForumFormValues, unknown, ForumInput>();
}

