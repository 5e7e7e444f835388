import { z } from 'zod';
import { httpUrl, isoDate, isRealDate, text, textList, timeOfDay, validationMessages, version, type Page } from './common';

export const platforms = ['facebook_live', 'youtube_live', 'teams', 'zoom', 'presencial', 'hibrido'] as const;
export type Platform = (typeof platforms)[number];

export const forumStatuses = ['planned', 'held', 'cancelled'] as const;
export type ForumStatus = (typeof forumStatuses)[number];

export const questionChannels = ['live_chat', 'moderator', 'web_form', 'email', 'in_person'] as const;
export type QuestionChannel = (typeof questionChannels)[number];

export const actionPhases = ['before', 'during', 'after'] as const;
export type ActionPhase = (typeof actionPhases)[number];

export const valueGroupKinds = ['internal', 'external'] as const;
export type ValueGroupKind = (typeof valueGroupKinds)[number];

export const forumLimits = {
  title: 200,
  theme: 200,
  objective: 5000,
  shortText: 200,
  listItems: 50,
  questions: 500,
  questionText: 2000,
  answerSummary: 5000,
} as const;

const option = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: validationMessages.invalidOption });

export const expertSchema = z.strictObject({
  name: text(forumLimits.shortText, { required: true }),
  role: text(forumLimits.shortText),
  organization: text(forumLimits.shortText),
});
export type Expert = z.infer<typeof expertSchema>;

export const forumActionSchema = z.strictObject({
  phase: option(actionPhases),
  text: text(500, { required: true }),
  done: z.boolean({ error: 'Indique sí o no.' }),
});
export type ForumAction = z.infer<typeof forumActionSchema>;

export const valueGroupSchema = z.strictObject({
  kind: option(valueGroupKinds),
  name: text(forumLimits.shortText, { required: true }),
});
export type ValueGroup = z.infer<typeof valueGroupSchema>;

export const askedByGone =
  'El nombre de quien preguntó ya no se guarda en el foro: regístrelo en la pregunta («Datos personales»), con la autorización de tratamiento de datos (Ley 1581 de 2012).';

export const publicQuestionSchema = z
  .strictObject({
    /** The stored question (its case) this row is; absent on a new row. Saving the forum keeps the case. */
    questionId: z.number({ error: validationMessages.invalidValue }).int({ error: validationMessages.invalidValue }).positive({ error: validationMessages.invalidValue }).optional(),
    text: text(forumLimits.questionText, { required: true }),
    channel: option(questionChannels),
    /**
     * Gone (Ley 1581 de 2012): a name typed here was kept without consent. The asker's name and contact are recorded
     * on the question's case, with the consent notice and its time. An empty value is still accepted from older bodies.
     */
    askedBy: z.literal('', { error: askedByGone }).optional(),
    answered: z.boolean({ error: 'Indique sí o no.' }),
    answeredBy: text(forumLimits.shortText),
    answerSummary: text(forumLimits.answerSummary),
  });
export type PublicQuestion = z.infer<typeof publicQuestionSchema>;

const integer = (min: number, max: number, message: string) =>
  z.number({ error: validationMessages.integer }).int({ error: validationMessages.integer }).min(min, { error: message }).max(max, { error: message });

/** Everything a person enters for a forum. Unknown fields are refused. */
export const forumInputSchema = z
  .strictObject({
    title: text(forumLimits.title, { required: true }),
    theme: text(forumLimits.theme, { required: true }),
    year: integer(2000, 2100, validationMessages.yearRange),
    date: isoDate.nullable(),
    time: timeOfDay.nullable(),
    durationMinutes: integer(1, 1440, validationMessages.durationRange).nullable(),
    platform: option(platforms),
    streamUrl: z.union([z.literal(''), httpUrl]),
    status: option(forumStatuses),
    objective: text(forumLimits.objective),
    responsibleTeams: textList(forumLimits.listItems, forumLimits.shortText),
    alliedEntities: textList(forumLimits.listItems, forumLimits.shortText),
    place: text(forumLimits.shortText),
    valueGroups: z.array(valueGroupSchema).max(forumLimits.listItems, { error: validationMessages.tooMany(forumLimits.listItems) }),
    moderator: text(forumLimits.shortText),
    experts: z.array(expertSchema).max(forumLimits.listItems, { error: validationMessages.tooMany(forumLimits.listItems) }),
    guidingQuestions: textList(forumLimits.listItems, 1000),
    actions: z.array(forumActionSchema).max(forumLimits.listItems * 3, { error: validationMessages.tooMany(forumLimits.listItems * 3) }),
    questions: z.array(publicQuestionSchema).max(forumLimits.questions, { error: validationMessages.tooMany(forumLimits.questions) }),
  })
  .superRefine((forum, ctx) => {
    // Only for a real date: a badly written one already has its own message.
    if (forum.date && isRealDate(forum.date) && Number(forum.date.slice(0, 4)) !== forum.year) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: validationMessages.yearMismatch });
    }
  });
export type ForumInput = z.infer<typeof forumInputSchema>;

/** PUT body: the forum plus the version the person started from. */
export const forumUpdateSchema = z.intersection(forumInputSchema, z.strictObject({ version }));
export type ForumUpdateInput = ForumInput & { version: number };

/** The consultation topic a forum was created from (read-only: not part of ForumInput). */
export interface ForumOrigin {
  consultationId: number;
  topicId: number;
  consultationTitle: string;
}

export interface Forum extends ForumInput {
  id: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
  /** Set when the forum was created from a consultation's topic; null otherwise. */
  origin: ForumOrigin | null;
}

export type ForumSummary = Pick<Forum, 'id' | 'title' | 'theme' | 'year' | 'date' | 'time' | 'platform' | 'status' | 'version' | 'updatedAt'> & {
  questionCount: number;
};

export const forumSortFields = ['date', 'title', 'year', 'status', 'updatedAt'] as const;
export type ForumSortField = (typeof forumSortFields)[number];

export const forumListQuerySchema = z.strictObject({
  q: z.string().trim().max(200, { error: validationMessages.tooLong(200) }).optional(),
  year: z.coerce.number({ error: validationMessages.yearRange }).int({ error: validationMessages.yearRange }).min(2000, { error: validationMessages.yearRange }).max(2100, { error: validationMessages.yearRange }).optional(),
  status: option(forumStatuses).optional(),
  platform: option(platforms).optional(),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${forumSortFields.join('|')})$`), { error: 'Orden no válido.' })
    .optional(),
  page: z.coerce.number({ error: 'Página no válida.' }).int({ error: 'Página no válida.' }).min(1, { error: 'Página no válida.' }).max(100000, { error: 'Página no válida.' }).optional(),
  pageSize: z.coerce.number({ error: 'Tamaño de página no válido.' }).int({ error: 'Tamaño de página no válido.' }).min(1, { error: 'Tamaño de página no válido.' }).max(100, { error: 'El tamaño de página no puede superar 100.' }).optional(),
});
export type ForumListQuery = z.infer<typeof forumListQuerySchema>;
export type ForumPage = Page<ForumSummary>;

/** A blank forum with sensible defaults for the create form. */
export function emptyForum(today: Date = new Date()): ForumInput {
  return {
    title: '',
    theme: '',
    year: today.getFullYear(),
    date: null,
    time: null,
    durationMinutes: 60,
    platform: 'facebook_live',
    streamUrl: '',
    status: 'planned',
    objective: '',
    responsibleTeams: [],
    alliedEntities: [],
    place: '',
    valueGroups: [],
    moderator: '',
    experts: [],
    guidingQuestions: [],
    actions: [],
    questions: [],
  };
}

/** Fields that differ between two versions of a forum, for the audit log. */
export function changedForumFields(before: ForumInput, after: ForumInput): (keyof ForumInput)[] {
  const keys = Object.keys(after) as (keyof ForumInput)[];
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}
