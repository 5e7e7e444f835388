import { z } from 'zod';
import { isoDate, isRealDate, text, validationMessages, version, type FieldIssue, type Page } from './common';
import { defaultTimeZone } from './organization';
import { yearIn } from './zoned-date';

/**
 * Citizen consultation (consulta ciudadana): a year's candidate topics, the responses of the value groups,
 * and the topics that became forums. Pure: the API and the client share these schemas and rules.
 */

/** `foros`: the vote form of the public «Participa» page (issue 14). */
export const consultationChannels = ['web', 'email', 'social', 'official', 'other', 'foros'] as const;
export type ConsultationChannel = (typeof consultationChannels)[number];
/** The channel a response came through: the same list as the consultation's channels. */
export const responseChannels = consultationChannels;
export type ResponseChannel = ConsultationChannel;

/**
 * The kind of value group a response came from: internal or external, or «no indicado» when the form did not
 * ask (a topic-only Google Form imported with that default for the whole file).
 */
export const responseValueGroupKinds = ['internal', 'external', 'unspecified'] as const;
export type ResponseValueGroupKind = (typeof responseValueGroupKinds)[number];

export const consultationStatuses = ['draft', 'open', 'closed'] as const;
export type ConsultationStatus = (typeof consultationStatuses)[number];

export const consultationChannelLabels: Record<ConsultationChannel, string> = {
  web: 'Sitio web',
  email: 'Correo masivo',
  social: 'Redes sociales',
  official: 'Canales oficiales',
  other: 'Otro',
  foros: 'Formulario web Foros',
};

export const consultationLimits = {
  title: 200,
  note: 2000,
  topicTitle: 200,
  topicDescription: 2000,
  proposingTeam: 200,
  topics: 50,
  valueGroup: 200,
  topicIds: 50,
  proposedTopic: 1000,
  questions: 20,
  questionText: 2000,
  /** Rows of one import. */
  importRows: 100_000,
  importColumns: 200,
  importHeader: 500,
  importCell: 10_000,
  /** Row errors an import answer lists (the count says how many there were). */
  importErrorsShown: 100,
  importPreview: 20,
  /** Questions copied into a forum created from a topic (the forum's own limit). */
  forumQuestions: 500,
} as const;

export const consultationMessages = {
  closeBeforeOpen: 'La fecha de cierre no puede ser anterior a la de apertura.',
  outsideYear: (year: number) => `La fecha debe caer dentro de la vigencia de la consulta (${year}).`,
  duplicateChannel: 'Ese canal ya está en la lista.',
  duplicateTopic: 'Ya hay un tema con ese título.',
  duplicateTopicId: 'Ese tema está repetido.',
  topicsRequired: 'Agregue al menos un tema candidato.',
  tooManyTopics: `Máximo ${consultationLimits.topics} temas.`,
  duplicateTopicChoice: 'Ese tema ya está elegido.',
  topicIdInteger: 'El tema debe ser un número entero positivo.',
  chooseOrPropose: 'Elija al menos un tema o proponga uno.',
  unknownTopic: 'Ese tema no pertenece a la consulta.',
  outsidePeriod: (open: string, close: string) => `La fecha debe estar entre la apertura (${open}) y el cierre (${close}) de la consulta, o marcarse como tardía.`,
  closed: 'La consulta está cerrada: no admite respuestas nuevas.',
  notOpen: 'La consulta aún no está abierta.',
  importNotOpen: 'Solo se puede importar respuestas mientras la consulta está abierta.',
  notFound: 'No existe una consulta con ese identificador.',
  responseNotFound: 'No existe una respuesta con ese identificador en esta consulta.',
  topicNotFound: 'No existe un tema con ese identificador en esta consulta.',
  stale: 'Otra persona guardó cambios en esta consulta mientras usted editaba.',
  topicHasVotes: (title: string, votes: number) => `No se puede quitar el tema «${title}»: tiene ${votes} voto${votes === 1 ? '' : 's'}.`,
  topicHasForum: (title: string) => `No se puede quitar el tema «${title}»: ya se creó un foro a partir de él.`,
  forumExists: 'Ya se creó un foro para este tema.',
  yearTaken: (year: number, title: string) => `Ya hay una consulta para la vigencia ${year}: «${title}». Ábrala para seguir con ella, o elija otra vigencia.`,
  importHasErrors: (count: number) => `El archivo tiene ${count} fila${count === 1 ? '' : 's'} con problemas: no se guardó ninguna respuesta.`,
  importTooLarge: 'El archivo es demasiado grande (máximo 30 MB).',
  pageSize: 'El tamaño de página no puede superar 100.',
} as const;

const option = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: validationMessages.invalidOption });

const positiveId = z
  .number({ error: consultationMessages.topicIdInteger })
  .int({ error: consultationMessages.topicIdInteger })
  .min(1, { error: consultationMessages.topicIdInteger })
  .max(Number.MAX_SAFE_INTEGER, { error: consultationMessages.topicIdInteger });

/** Lower case, no accents, single spaces: how topic titles are compared. */
export function topicKey(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export const consultationTopicInputSchema = z.strictObject({
  /** Present for a topic already saved (kept, with its votes); absent for a new one. */
  id: positiveId.optional(),
  title: text(consultationLimits.topicTitle, { required: true }),
  description: text(consultationLimits.topicDescription),
  proposingTeam: text(consultationLimits.proposingTeam),
});
export type ConsultationTopicInput = z.infer<typeof consultationTopicInputSchema>;

/** Everything a person enters for a consultation. Unknown fields are refused. */
export const consultationInputSchema = z
  .strictObject({
    year: z
      .number({ error: validationMessages.integer })
      .int({ error: validationMessages.integer })
      .min(2000, { error: validationMessages.yearRange })
      .max(2100, { error: validationMessages.yearRange }),
    title: text(consultationLimits.title, { required: true }),
    openDate: isoDate,
    closeDate: isoDate,
    channels: z.array(option(consultationChannels)).max(consultationChannels.length, { error: validationMessages.tooMany(consultationChannels.length) }),
    status: option(consultationStatuses),
    /** What readers should know about the consultation (its source, that some data are illustrative…). */
    note: text(consultationLimits.note).optional(),
    topics: z
      .array(consultationTopicInputSchema)
      .min(1, { error: consultationMessages.topicsRequired })
      .max(consultationLimits.topics, { error: consultationMessages.tooManyTopics }),
  })
  .superRefine((input, ctx) => {
    if (isRealDate(input.openDate) && isRealDate(input.closeDate) && input.closeDate < input.openDate) {
      ctx.addIssue({ code: 'custom', path: ['closeDate'], message: consultationMessages.closeBeforeOpen });
    }
    // Like a forum's date: a consultation's period falls within its year (vigencia). Only for real dates and a
    // valid year: a badly written one already has its own message.
    if (Number.isInteger(input.year) && input.year >= 2000 && input.year <= 2100) {
      for (const field of ['openDate', 'closeDate'] as const) {
        if (isRealDate(input[field]) && Number(input[field].slice(0, 4)) !== input.year) {
          ctx.addIssue({ code: 'custom', path: [field], message: consultationMessages.outsideYear(input.year) });
        }
      }
    }
    input.channels.forEach((channel, i) => {
      if (input.channels.indexOf(channel) !== i) ctx.addIssue({ code: 'custom', path: ['channels', i], message: consultationMessages.duplicateChannel });
    });
    const titles = new Set<string>();
    const ids = new Set<number>();
    input.topics.forEach((topic, i) => {
      const key = topicKey(topic.title);
      if (titles.has(key)) ctx.addIssue({ code: 'custom', path: ['topics', i, 'title'], message: consultationMessages.duplicateTopic });
      titles.add(key);
      if (topic.id !== undefined) {
        if (ids.has(topic.id)) ctx.addIssue({ code: 'custom', path: ['topics', i, 'id'], message: consultationMessages.duplicateTopicId });
        ids.add(topic.id);
      }
    });
  });
export type ConsultationInput = z.infer<typeof consultationInputSchema>;

/** PUT body: the consultation plus the version the person started from. */
export const consultationUpdateSchema = z.intersection(consultationInputSchema, z.strictObject({ version }));
export type ConsultationUpdateInput = ConsultationInput & { version: number };

export interface ConsultationTopic {
  id: number;
  title: string;
  description: string;
  proposingTeam: string;
}

export interface Consultation {
  id: number;
  year: number;
  title: string;
  openDate: string;
  closeDate: string;
  channels: ConsultationChannel[];
  status: ConsultationStatus;
  /** '' when there is none. */
  note: string;
  topics: ConsultationTopic[];
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
  responseCount: number;
  /** Forums created from its topics. */
  forums: { id: number; title: string; topicId: number }[];
}

export interface ConsultationSummary {
  id: number;
  year: number;
  title: string;
  openDate: string;
  closeDate: string;
  status: ConsultationStatus;
  topicCount: number;
  responseCount: number;
  version: number;
}

/** One response of the consultation, as entered by hand or mapped from an import row. */
export const responseInputSchema = z.strictObject({
  valueGroupKind: option(responseValueGroupKinds),
  valueGroup: text(consultationLimits.valueGroup),
  topicIds: z
    .array(positiveId)
    .max(consultationLimits.topicIds, { error: validationMessages.tooMany(consultationLimits.topicIds) })
    .superRefine((ids, ctx) => {
      ids.forEach((id, i) => {
        if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [i], message: consultationMessages.duplicateTopicChoice });
      });
    }),
  proposedTopic: text(consultationLimits.proposedTopic),
  questions: z
    .array(text(consultationLimits.questionText, { required: true }))
    .max(consultationLimits.questions, { error: validationMessages.tooMany(consultationLimits.questions) }),
  channel: option(responseChannels),
  date: isoDate,
  /** Received after the close (or before the opening): kept, and marked. */
  late: z.boolean({ error: 'Indique sí o no.' }).optional(),
});
export type ResponseInput = z.infer<typeof responseInputSchema>;

/** `public`: a citizen's vote on the «Participa» page. */
export const responseSources = ['manual', 'import', 'public'] as const;
export type ResponseSource = (typeof responseSources)[number];

export interface ConsultationResponse {
  id: number;
  valueGroupKind: ResponseValueGroupKind;
  valueGroup: string;
  topicIds: number[];
  proposedTopic: string;
  questions: string[];
  channel: ResponseChannel;
  date: string;
  late: boolean;
  source: ResponseSource;
  createdAt: string;
}

export type ConsultationResponsePage = Page<ConsultationResponse>;

/** What the response rules need of the consultation. */
export interface ResponseRuleContext {
  status: ConsultationStatus;
  openDate: string;
  closeDate: string;
  topics: { id: number }[];
}

/** Why the consultation takes no new responses now, or null when it does (only an open consultation does). */
export function responsesRefusedReason(status: ConsultationStatus): string | null {
  if (status === 'closed') return consultationMessages.closed;
  if (status === 'draft') return consultationMessages.notOpen;
  return null;
}

/**
 * The rules of a response against its consultation (the schema checks each field alone): it chooses at least
 * one topic or proposes one; every chosen topic is the consultation's; its date falls within the period unless
 * marked late; and the consultation is open (path '' for that one: it is no field's fault).
 */
export function validateResponse(response: ResponseInput, consultation: ResponseRuleContext, options: { checkStatus?: boolean } = {}): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (options.checkStatus !== false) {
    const refused = responsesRefusedReason(consultation.status);
    if (refused) issues.push({ path: '', message: refused });
  }
  if (response.topicIds.length === 0 && response.proposedTopic.trim() === '') {
    issues.push({ path: 'topicIds', message: consultationMessages.chooseOrPropose });
  }
  const known = new Set(consultation.topics.map((t) => t.id));
  response.topicIds.forEach((id, i) => {
    if (!known.has(id)) issues.push({ path: `topicIds.${i}`, message: consultationMessages.unknownTopic });
  });
  if (response.late !== true && isRealDate(response.date) && (response.date < consultation.openDate || response.date > consultation.closeDate)) {
    issues.push({ path: 'date', message: consultationMessages.outsidePeriod(consultation.openDate, consultation.closeDate) });
  }
  return issues;
}

const pageNumber = z.coerce.number({ error: 'Página no válida.' }).int({ error: 'Página no válida.' }).min(1, { error: 'Página no válida.' }).max(100000, { error: 'Página no válida.' });
const pageSize = z.coerce
  .number({ error: 'Tamaño de página no válido.' })
  .int({ error: 'Tamaño de página no válido.' })
  .min(1, { error: 'Tamaño de página no válido.' })
  .max(100, { error: consultationMessages.pageSize });

export const consultationListQuerySchema = z.strictObject({
  year: z.coerce
    .number({ error: validationMessages.yearRange })
    .int({ error: validationMessages.yearRange })
    .min(2000, { error: validationMessages.yearRange })
    .max(2100, { error: validationMessages.yearRange })
    .optional(),
});
export type ConsultationListQuery = z.infer<typeof consultationListQuerySchema>;

export const responseListQuerySchema = z.strictObject({
  page: pageNumber.optional(),
  pageSize: pageSize.optional(),
  topicId: z.coerce
    .number({ error: consultationMessages.topicIdInteger })
    .int({ error: consultationMessages.topicIdInteger })
    .min(1, { error: consultationMessages.topicIdInteger })
    .max(Number.MAX_SAFE_INTEGER, { error: consultationMessages.topicIdInteger })
    .optional(),
  valueGroupKind: option(responseValueGroupKinds).optional(),
  channel: option(responseChannels).optional(),
});
export type ResponseListQuery = z.infer<typeof responseListQuerySchema>;

/** Fields that differ between two versions of a consultation, for the audit log. */
export function changedConsultationFields(before: ConsultationInput, after: ConsultationInput): (keyof ConsultationInput)[] {
  const keys = Object.keys(after) as (keyof ConsultationInput)[];
  const comparable = (value: ConsultationInput, key: keyof ConsultationInput) =>
    key === 'topics' ? JSON.stringify(value.topics.map(({ title, description, proposingTeam }) => ({ title, description, proposingTeam }))) : JSON.stringify(value[key]);
  return keys.filter((key) => comparable(before, key) !== comparable(after, key));
}

/**
 * A date of the period moved to another year, month and day kept (29 February becomes 28 February): the form's
 * dates follow its year when the person changes it.
 */
export function moveDateToYear(date: string, year: number): string {
  const moved = `${year}${date.slice(4)}`;
  return isRealDate(moved) ? moved : `${year}-02-28`;
}

/** A blank consultation for the create form: the current year in the organisation's time zone. */
export function emptyConsultation(today: Date = new Date(), timeZone: string = defaultTimeZone): ConsultationInput {
  const year = yearIn(timeZone, today);
  return { year, title: '', openDate: `${year}-01-01`, closeDate: `${year}-12-31`, channels: ['web'], status: 'draft', note: '', topics: [{ title: '', description: '', proposingTeam: '' }] };
}
