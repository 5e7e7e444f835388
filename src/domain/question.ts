import { z } from 'zod';
import { isoDate, isRealDate, text, validationMessages, version } from './common';
import { questionChannels, type QuestionChannel } from './forum';
import { docToPlainText, richDocSchema, type RichDoc } from './rich-text';
import { addWorkingDays, workingDaysBetween } from './working-days';

/**
 * A question from the public as a case (Ley 1755 de 2015, art. 14): received on a date by a channel, of a type
 * with its legal term in working days, assigned to an area and a person, answered and published. The terms are
 * settings (see QuestionSettings), not constants here.
 */

export const questionTypes = ['peticion', 'informacion', 'consulta'] as const;
export type QuestionType = (typeof questionTypes)[number];

export const questionStatuses = ['recibida', 'asignada', 'respondida', 'publicada'] as const;
export type QuestionStatus = (typeof questionStatuses)[number];

export const answerChannels = ['live', 'email', 'web', 'in_person', 'letter'] as const;
export type AnswerChannel = (typeof answerChannels)[number];

export const questionTypeLabels: Record<QuestionType, string> = {
  peticion: 'Petición',
  informacion: 'Solicitud de información',
  consulta: 'Consulta',
};

export const questionStatusLabels: Record<QuestionStatus, string> = {
  recibida: 'Recibida',
  asignada: 'Asignada',
  respondida: 'Respondida',
  publicada: 'Publicada',
};

export const answerChannelLabels: Record<AnswerChannel, string> = {
  live: 'En la transmisión en vivo',
  email: 'Correo electrónico',
  web: 'Publicación en la web',
  in_person: 'Presencial',
  letter: 'Oficio',
};

export const questionMessages = {
  receivedInFuture: 'La fecha de recepción no puede ser posterior a hoy.',
  receivedBeforeYear: 'La fecha de recepción debe caer dentro de la vigencia del foro o después.',
  answeredInFuture: 'La fecha de respuesta no puede ser posterior a hoy.',
  answeredBeforeReceived: 'La fecha de respuesta no puede ser anterior a la de recepción.',
  answerRequired: 'Escriba la respuesta antes de marcar la pregunta como respondida.',
  answeredAtRequired: 'Indique la fecha de respuesta.',
  assignRequired: 'Indique el área o la persona asignada.',
  publishableRequired: 'Solo se publica una respuesta marcada como publicable.',
  invalidReceivedAt: 'Escriba una fecha y hora válidas (AAAA-MM-DD HH:MM).',
  consentRequired: 'Sin la autorización de tratamiento de datos (Ley 1581 de 2012) no se guardan nombre ni contacto.',
  termRange: 'El término debe estar entre 1 y 90 días hábiles.',
  retentionRange: 'La conservación debe estar entre 1 y 120 meses.',
  areaName: 'Escriba el nombre del área.',
  areaDuplicate: 'Ya existe un área con ese nombre.',
} as const;

/** The legal terms and the retention of personal data; an administrator changes them in «Ajustes». */
export interface QuestionSettings {
  terms: Record<QuestionType, number>;
  /** Months the asker's name and contact are kept after the question is received; then they are removed. */
  retentionMonths: number;
}

/** Ley 1755 de 2015, art. 14: 15 working days for a petition, 10 for documents or information, 30 for a consultation. */
export const defaultQuestionSettings: QuestionSettings = { terms: { peticion: 15, informacion: 10, consulta: 30 }, retentionMonths: 24 };

const term = z.number({ error: questionMessages.termRange }).int({ error: questionMessages.termRange }).min(1, { error: questionMessages.termRange }).max(90, { error: questionMessages.termRange });
export const questionSettingsSchema = z.strictObject({
  terms: z.strictObject({ peticion: term, informacion: term, consulta: term }),
  retentionMonths: z.number({ error: questionMessages.retentionRange }).int({ error: questionMessages.retentionRange }).min(1, { error: questionMessages.retentionRange }).max(120, { error: questionMessages.retentionRange }),
});

export interface Area {
  id: number;
  name: string;
}
export const areaInputSchema = z.strictObject({ name: text(200, { required: true }) });

const option = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: validationMessages.invalidOption });

/** «YYYY-MM-DDTHH:MM», the office's local time in Bogotá. */
export const receivedAtSchema = z
  .string({ error: questionMessages.invalidReceivedAt })
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, { error: questionMessages.invalidReceivedAt })
  .refine((v) => isRealDate(v.slice(0, 10)), { error: questionMessages.invalidReceivedAt });

/** What a person edits on a case. The due date is computed, never typed. */
export const questionCaseInputSchema = z.strictObject({
  text: text(2000, { required: true }),
  receivedAt: receivedAtSchema,
  channel: option(questionChannels),
  type: option(questionTypes),
  areaId: z.number({ error: validationMessages.invalidOption }).int({ error: validationMessages.invalidOption }).positive({ error: validationMessages.invalidOption }).nullable(),
  assignee: text(200),
  status: option(questionStatuses),
  answer: richDocSchema,
  answeredAt: isoDate.nullable(),
  answeredBy: text(200),
  answerChannel: option(answerChannels).nullable(),
  publishable: z.boolean({ error: 'Indique sí o no.' }),
  answeredLive: z.boolean({ error: 'Indique sí o no.' }),
});
export type QuestionCaseInput = z.infer<typeof questionCaseInputSchema>;
export const questionCaseUpdateSchema = questionCaseInputSchema.extend({ version });
export type QuestionCaseUpdate = z.infer<typeof questionCaseUpdateSchema>;

export interface QuestionRuleContext {
  /** Today in Bogotá, YYYY-MM-DD. */
  today: string;
  forumYear: number;
}

export interface QuestionRuleIssue {
  path: (keyof QuestionCaseInput)[];
  message: string;
}

const answeredStatuses: readonly QuestionStatus[] = ['respondida', 'publicada'];
export const isAnswered = (status: QuestionStatus) => answeredStatuses.includes(status);

/** The rules a case must keep beyond each field's shape; the same list on the client (at the field) and the server. */
export function questionCaseIssues(input: QuestionCaseInput, context: QuestionRuleContext): QuestionRuleIssue[] {
  const issues: QuestionRuleIssue[] = [];
  const received = input.receivedAt.slice(0, 10);
  if (received > context.today) issues.push({ path: ['receivedAt'], message: questionMessages.receivedInFuture });
  if (Number(received.slice(0, 4)) < context.forumYear) issues.push({ path: ['receivedAt'], message: questionMessages.receivedBeforeYear });
  if (input.answeredAt) {
    if (input.answeredAt > context.today) issues.push({ path: ['answeredAt'], message: questionMessages.answeredInFuture });
    else if (input.answeredAt < received) issues.push({ path: ['answeredAt'], message: questionMessages.answeredBeforeReceived });
  }
  if (input.status === 'asignada' && input.areaId == null && input.assignee === '') issues.push({ path: ['areaId'], message: questionMessages.assignRequired });
  if (isAnswered(input.status)) {
    if (docToPlainText(input.answer).trim() === '' && !input.answeredLive) issues.push({ path: ['answer'], message: questionMessages.answerRequired });
    if (!input.answeredAt) issues.push({ path: ['answeredAt'], message: questionMessages.answeredAtRequired });
  }
  if (input.status === 'publicada' && !input.publishable) issues.push({ path: ['publishable'], message: questionMessages.publishableRequired });
  return issues;
}

/** The due date of a case: its term in working days from the day it was received; none when answered live. */
export function dueDateFor(receivedAt: string, type: QuestionType, answeredLive: boolean, settings: Pick<QuestionSettings, 'terms'>): string | null {
  if (answeredLive) return null;
  return addWorkingDays(receivedAt, settings.terms[type]);
}

/** Working days a case took to be answered (0 the same day), or null while unanswered. */
export function workingDaysToAnswer(receivedAt: string, answeredAt: string | null): number | null {
  return answeredAt ? Math.max(0, workingDaysBetween(receivedAt.slice(0, 10), answeredAt)) : null;
}

/** A case as lists and the case page see it. The asker's personal data is never part of it. */
export interface QuestionCase extends QuestionCaseInput {
  id: number;
  forumId: number;
  forumTitle: string;
  forumYear: number;
  forumDate: string | null;
  dueDate: string | null;
  /** Whether a name or contact is on file (read through the audited personal-data route only). */
  hasPersonalData: boolean;
  anonymisedAt: string | null;
  version: number;
  /** Empty until the case is first saved. */
  updatedAt: string;
  updatedBy: string;
}

/** The case's fields as the rules and the PUT see them. */
export function questionCaseInput(q: QuestionCase): QuestionCaseInput {
  return {
    text: q.text,
    receivedAt: q.receivedAt,
    channel: q.channel,
    type: q.type,
    areaId: q.areaId,
    assignee: q.assignee,
    status: q.status,
    answer: q.answer,
    answeredAt: q.answeredAt,
    answeredBy: q.answeredBy,
    answerChannel: q.answerChannel,
    publishable: q.publishable,
    answeredLive: q.answeredLive,
  };
}

export type QuestionSummary = Pick<
  QuestionCase,
  'id' | 'forumId' | 'forumTitle' | 'forumYear' | 'text' | 'receivedAt' | 'channel' | 'type' | 'areaId' | 'assignee' | 'status' | 'dueDate' | 'answeredAt' | 'answeredLive' | 'publishable'
>;

/** Where a case stands against its deadline today. */
export type Deadline = 'none' | 'overdue' | 'due_soon' | 'on_track' | 'answered_on_time' | 'answered_late';

/** Due soon: the due date falls within the next 5 days (a working week). */
export function deadlineOf(q: Pick<QuestionCase, 'status' | 'dueDate' | 'answeredAt'>, today: string): Deadline {
  if (!q.dueDate) return 'none';
  if (isAnswered(q.status)) return q.answeredAt && q.answeredAt <= q.dueDate ? 'answered_on_time' : 'answered_late';
  if (q.dueDate < today) return 'overdue';
  return workingDaysBetween(today, q.dueDate) <= 5 ? 'due_soon' : 'on_track';
}

export const questionListQuerySchema = z.strictObject({
  status: option(questionStatuses).optional(),
  areaId: z.coerce.number({ error: validationMessages.invalidOption }).int({ error: validationMessages.invalidOption }).positive({ error: validationMessages.invalidOption }).optional(),
  forumId: z.coerce.number({ error: validationMessages.invalidOption }).int({ error: validationMessages.invalidOption }).positive({ error: validationMessages.invalidOption }).optional(),
  year: z.coerce.number({ error: validationMessages.yearRange }).int({ error: validationMessages.yearRange }).min(2000, { error: validationMessages.yearRange }).max(2100, { error: validationMessages.yearRange }).optional(),
  due: z.enum(['overdue', 'week'], { error: validationMessages.invalidOption }).optional(),
  sort: z.enum(['due', '-due'], { error: 'Orden no válido.' }).optional(),
  page: z.coerce.number({ error: 'Página no válida.' }).int({ error: 'Página no válida.' }).min(1, { error: 'Página no válida.' }).max(100000, { error: 'Página no válida.' }).optional(),
  pageSize: z.coerce.number({ error: 'Tamaño de página no válido.' }).int({ error: 'Tamaño de página no válido.' }).min(1, { error: 'Tamaño de página no válido.' }).max(100, { error: 'El tamaño de página no puede superar 100.' }).optional(),
});
export type QuestionListQuery = z.infer<typeof questionListQuerySchema>;

export interface QuestionPage {
  items: QuestionSummary[];
  total: number;
  page: number;
  pageSize: number;
  /** Counts by status over the same filters except status. */
  counts: Record<QuestionStatus, number> & { overdue: number };
}

/** Personal data (Ley 1581 de 2012): only with the consent notice accepted, its text and time recorded. */
export const personalDataInputSchema = z
  .strictObject({
    name: text(200),
    contact: text(200),
    consentText: text(2000),
    consentAt: receivedAtSchema.nullable(),
  })
  .superRefine((value, ctx) => {
    if ((value.name !== '' || value.contact !== '') && (value.consentText === '' || value.consentAt == null)) {
      ctx.addIssue({ code: 'custom', path: ['consentText'], message: questionMessages.consentRequired });
    }
  });
export type PersonalDataInput = z.infer<typeof personalDataInputSchema>;
/**
 * A person whose question from the public page was merged into this case (it asks the same): their name and
 * contact, kept with the case only because they consented (Ley 1581: the office may have to answer them too).
 */
export interface MergedAsker {
  /** The citizen question (moderation queue) it came from. */
  submissionId: number;
  name: string;
  contact: string;
  consentText: string;
  consentAt: string | null;
  receivedAt: string;
}
export interface PersonalData extends PersonalDataInput {
  anonymisedAt: string | null;
  /** The askers of questions merged into this case, with their consent (none when nobody left data). */
  mergedAskers: MergedAsker[];
}

/** Figures per forum and year. */
export interface QuestionFigures {
  forumId: number | null;
  forumTitle: string;
  year: number;
  received: number;
  answered: number;
  answeredOnTime: number;
  /** Median working days to answer (answered cases with a deadline), null without any. */
  medianWorkingDays: number | null;
  overdueNow: number;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Figures from the cases of one group (a forum or a year). */
export function questionFigures(cases: Pick<QuestionCase, 'status' | 'dueDate' | 'answeredAt' | 'receivedAt'>[], today: string): Omit<QuestionFigures, 'forumId' | 'forumTitle' | 'year'> {
  let answered = 0;
  let answeredOnTime = 0;
  let overdueNow = 0;
  const days: number[] = [];
  for (const q of cases) {
    if (isAnswered(q.status)) {
      answered += 1;
      if (!q.dueDate || (q.answeredAt != null && q.answeredAt <= q.dueDate)) answeredOnTime += 1;
      const d = q.dueDate ? workingDaysToAnswer(q.receivedAt, q.answeredAt) : null;
      if (d != null) days.push(d);
    } else if (q.dueDate && q.dueDate < today) overdueNow += 1;
  }
  return { received: cases.length, answered, answeredOnTime, medianWorkingDays: median(days), overdueNow };
}

export const channelOf = (value: string): QuestionChannel => ((questionChannels as readonly string[]).includes(value) ? (value as QuestionChannel) : 'web_form');
export type { RichDoc };
