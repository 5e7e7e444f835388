import { z } from 'zod';
import { text, textList, validationMessages, version } from './common';
import { richDocSchema, type RichDoc } from './rich-text';
import type { CommitmentsSectionData, EvaluationSectionData } from './report-accountability';
import type { QuestionsSectionData } from './report-questions';
import type { StatisticsResult } from './report-statistics';

/** The yearly report (informe de la vigencia): sections drafted from the data, reviewed, approved, versioned. */

export const reportLimits = {
  shortText: 200,
  recommendations: 30,
  recommendation: 2000,
  comment: 5000,
  quote: 2000,
  sections: 200,
} as const;

export const sectionKinds = ['introduction', 'methodology', 'forum', 'statistics', 'questions', 'evaluation', 'commitments', 'follow_up', 'conclusions', 'recommendations', 'free'] as const;
export type SectionKind = (typeof sectionKinds)[number];

export const sectionStates = ['draft', 'in_review', 'approved', 'changes_requested'] as const;
export type SectionState = (typeof sectionStates)[number];

/** Titles a new report's sections start with (a forum section takes its forum's title). */
export const defaultSectionTitles: Record<Exclude<SectionKind, 'forum' | 'free'>, string> = {
  introduction: 'Introducción',
  methodology: 'Metodología',
  statistics: 'Estadísticas de interacción ciudadana',
  questions: 'Preguntas y respuestas',
  evaluation: 'Evaluación de los foros',
  commitments: 'Compromisos',
  follow_up: 'Seguimiento a compromisos',
  conclusions: 'Conclusiones',
  recommendations: 'Recomendaciones',
};

export const reportMessages = {
  exists: (year: number) => `Ya existe el informe de la vigencia ${year}.`,
  notFound: (year: number) => `No existe el informe de la vigencia ${year}.`,
  sectionNotFound: 'No existe esa sección en el informe.',
  revisionNotFound: 'No existe esa revisión de la sección.',
  commentNotFound: 'No existe ese comentario en la sección.',
  parentNotFound: 'El comentario al que responde no existe en esta sección.',
  stale: 'Otra persona guardó cambios en esta sección mientras usted editaba.',
  staleDetail: (yours: number, current: number, by: string | null) =>
    `Usted partió de la versión ${yours}; la versión guardada es la ${current}${by ? `, de ${by}` : ''}.`,
  reportStale: 'Otra persona guardó cambios en los datos del informe mientras usted editaba.',
  deleteApproved: 'No se puede eliminar una sección aprobada.',
  badOrder: 'La lista debe contener cada sección del informe una sola vez.',
  recommendationsOnly: 'Solo la sección de recomendaciones tiene lista de recomendaciones.',
  yearRange: 'La vigencia debe estar entre 2000 y 2100.',
  commentRequired: 'Escriba qué cambios pide.',
  badDiff: 'Indique las dos revisiones que quiere comparar (from y to).',
} as const;

const shortText = (opts: { required?: boolean } = {}) => text(reportLimits.shortText, opts);

/** Everything a person enters for a report; every field must be sent (no silent defaults). */
export const reportInputSchema = z.strictObject({
  title: shortText({ required: true }),
  entity: shortText({ required: true }),
  strategy: shortText(),
  preparedBy: z.strictObject({
    name: shortText(),
    role: shortText(),
    office: shortText(),
  }),
});
export type ReportInput = z.infer<typeof reportInputSchema>;
export type PreparedBy = ReportInput['preparedBy'];

export const reportUpdateSchema = reportInputSchema.extend({ version });
export type ReportUpdateInput = z.infer<typeof reportUpdateSchema>;

/** PUT of a section: its title, its rich text, the recommendations (only for that kind) and the version it started from. */
export const sectionUpdateSchema = z.strictObject({
  title: shortText({ required: true }),
  content: richDocSchema,
  recommendations: textList(reportLimits.recommendations, reportLimits.recommendation).optional(),
  version,
});
export type SectionUpdateInput = z.infer<typeof sectionUpdateSchema>;

export const sectionCreateSchema = z.strictObject({
  title: shortText({ required: true }),
  kind: z.literal('free', { error: 'Solo se puede agregar una sección libre.' }),
});
export type SectionCreateInput = z.infer<typeof sectionCreateSchema>;

const positiveId = z
  .number({ error: 'El identificador debe ser un número entero positivo.' })
  .int({ error: 'El identificador debe ser un número entero positivo.' })
  .min(1, { error: 'El identificador debe ser un número entero positivo.' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'El identificador debe ser un número entero positivo.' });

export const sectionOrderSchema = z.strictObject({
  ids: z.array(positiveId).min(1, { error: reportMessages.badOrder }).max(reportLimits.sections, { error: validationMessages.tooMany(reportLimits.sections) }),
});

export const commentCreateSchema = z.strictObject({
  body: text(reportLimits.comment, { required: true }),
  quote: text(reportLimits.quote).optional(),
  parentId: positiveId.optional(),
});
export type CommentCreateInput = z.infer<typeof commentCreateSchema>;

export const requestChangesSchema = z.strictObject({
  comment: z.string({ error: reportMessages.commentRequired }).trim().min(1, { error: reportMessages.commentRequired }).max(reportLimits.comment, { error: validationMessages.tooLong(reportLimits.comment) }),
  quote: text(reportLimits.quote).optional(),
});

/** Body of submit / approve: nothing, or `{}`. */
export const emptyBodySchema = z.strictObject({});

export const restoreSchema = z.strictObject({ version });

const yearMessage = reportMessages.yearRange;
/** `:year` in a path. */
export const yearParam = z
  .string({ error: yearMessage })
  .regex(/^\d{4}$/, { error: yearMessage })
  .transform(Number)
  .refine((y) => y >= 2000 && y <= 2100, { error: yearMessage });

const revisionIdQuery = z
  .string({ error: reportMessages.badDiff })
  .regex(/^[1-9]\d{0,15}$/, { error: reportMessages.badDiff })
  .transform(Number);
export const diffQuerySchema = z.strictObject({ from: revisionIdQuery, to: revisionIdQuery });

/* ---------- What the API answers ---------- */

export interface ReportListItem {
  year: number;
  title: string;
  sections: number;
  approved: number;
}

export interface ReportSectionSummary {
  id: number;
  position: number;
  kind: SectionKind;
  forumId: number | null;
  title: string;
  state: SectionState;
  version: number;
  lastEditedBy: string | null;
  lastEditedAt: string | null;
  reviewedBy: string | null;
  approvedBy: string | null;
  openComments: number;
}

export interface PendingSection {
  sectionId: number;
  title: string;
  state: SectionState;
}

export interface ReportOverview extends ReportInput {
  year: number;
  version: number;
  progress: { approved: number; total: number };
  sections: ReportSectionSummary[];
  pending: { forMe: PendingSection[] };
}

export interface ReportSection {
  id: number;
  year: number;
  position: number;
  kind: SectionKind;
  forumId: number | null;
  title: string;
  content: RichDoc;
  recommendations: string[];
  state: SectionState;
  version: number;
  lastEditedBy: string | null;
  lastEditedAt: string | null;
  reviewedBy: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  /** The generated figures (statistics sections only). */
  statistics: StatisticsResult | null;
  /** The generated questions, answers and timeliness figures («Preguntas y respuestas» sections only). */
  questions?: QuestionsSectionData | null;
  /** The year's commitments with their status («Compromisos» sections only). */
  commitments?: CommitmentsSectionData | null;
  /** The forums' evaluation («Evaluación de los foros» sections only). */
  evaluation?: EvaluationSectionData | null;
  /** The previous year's commitments still open («Seguimiento a compromisos» sections only). */
  followUp?: CommitmentsSectionData | null;
}

export interface SectionRevisionSummary {
  id: number;
  number: number;
  editedBy: string;
  editedAt: string;
  note: string | null;
}

export interface SectionRevision extends SectionRevisionSummary {
  sectionId: number;
  title: string;
  content: RichDoc;
  recommendations: string[];
}

export interface SectionComment {
  id: number;
  parentId: number | null;
  author: string;
  body: string;
  quote: string | null;
  resolved: boolean;
  resolvedBy: string | null;
  createdAt: string;
}

export type DiffPartKind = 'equal' | 'added' | 'removed';
export interface DiffPart {
  kind: DiffPartKind;
  text: string;
}
/** GET …/diff?from=&to=: the two revision ids and the word diff of their plain text (title, content, recommendations). */
export interface SectionDiff {
  from: number;
  to: number;
  parts: DiffPart[];
}

/** The text a revision is compared by: its title, its content as plain text and its recommendations. */
export function revisionPlainText(revision: { title: string; content: RichDoc; recommendations: string[] }, toPlain: (doc: RichDoc) => string): string {
  const parts = [revision.title, toPlain(revision.content)];
  if (revision.recommendations.length > 0) parts.push(revision.recommendations.map((r) => `• ${r}`).join('\n'));
  return parts.filter((p) => p !== '').join('\n\n');
}

/** Who sees a section in "pendientes para mí": reviewers (and admin) the sections in review someone else changed; editors the returned ones. */
export function pendingFor(
  sections: Pick<ReportSectionSummary, 'id' | 'title' | 'state' | 'lastEditedBy'>[],
  user: { username: string; role: string },
): PendingSection[] {
  const mine =
    user.role === 'reviewer' || user.role === 'admin' || user.role === 'sysadmin'
      ? sections.filter((s) => s.state === 'in_review' && s.lastEditedBy !== user.username)
      : user.role === 'editor'
        ? sections.filter((s) => s.state === 'changes_requested')
        : [];
  return mine.map((s) => ({ sectionId: s.id, title: s.title, state: s.state }));
}
