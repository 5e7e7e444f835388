import { commitmentStatusLabels, effectiveStatus, type CommitmentStatus, type EffectiveStatus } from './commitment';
import { formatShortDate } from './date-format';
import { evaluationQuestionTexts, scoreCounts, tallyScores, type EvaluationInput, type EvaluationQuestion, type ScoreCounts } from './evaluation';
import { formatCount, formatPercent } from './metrics-format';
import { canonicalJson, fnv1a } from './report-statistics';

/**
 * The generated parts of the report's accountability sections (issue 13), drafted from the data like the statistics:
 * - «Compromisos»: the year's commitments with status, area, due date and progress, and the counts per status;
 * - «Seguimiento a compromisos»: the previous year's commitments that are still open (pendiente, en curso);
 * - «Evaluación de los foros»: per forum, the responses, the satisfaction index, the tally per question and a few
 *   comments (plain text, e-mails and long numbers masked; never the participant's name or value group).
 * Each has a hash of what it shows, so an approved section goes back to review when that changes
 * (src/api/report-sync.ts). «Vencido» and the overdue count move with the calendar, not with the data: they are
 * shown as of `today` (the API's clock) and left out of the hash, like «Vencidas sin respuesta (hoy)» of the questions.
 * Pure: no clock of its own, no I/O.
 */

/** A commitment as the sections read it (no person in charge: the area answers for it). */
export interface ReportCommitment {
  id: number;
  forumTitle: string;
  text: string;
  area: string;
  dueDate: string;
  status: CommitmentStatus;
  progress: number;
}

export interface ReportCommitmentItem extends ReportCommitment {
  /** pendiente / en curso / vencido / cumplido / cancelado as of `today`. */
  effectiveStatus: EffectiveStatus;
}

export interface CommitmentFigures {
  total: number;
  pending: number;
  inProgress: number;
  done: number;
  cancelled: number;
  /** Open (pendiente or en curso) and due before today. */
  overdueNow: number;
  /** Mean progress of the commitments not cancelled (0–100, one decimal), null without any. */
  meanProgress: number | null;
}

export interface CommitmentsSectionData {
  /** The year the commitments were made in (the previous year for «Seguimiento a compromisos»). */
  year: number;
  /** Due date order, as given. */
  items: ReportCommitmentItem[];
  figures: CommitmentFigures;
  /** Changes when a commitment shown, its status, area, due date or progress changes (not with the calendar). */
  hash: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** What the commitments' hash is made of besides the list: the counts and the mean progress («vencidos» left out). */
export interface CommitmentCounts {
  total: number;
  pending: number;
  inProgress: number;
  done: number;
  cancelled: number;
  /** Sum and count of the progress of the commitments not cancelled. */
  progressSum: number;
  progressCount: number;
}

/** A commitment as one entry of the hashed list (also what the database builds with json_array, in this order). */
export const commitmentHashTuple = (c: ReportCommitment) => [c.id, c.forumTitle, c.text, c.area, c.dueDate, c.status, c.progress] as const;

/**
 * The hash of a commitments part: of the year, the list as a JSON array of `commitmentHashTuple`s (`listJson`: the
 * same text whether JSON.stringify or the database wrote it) and the counts. Tuples, not objects (no key sorting):
 * 10.000 commitments hash in a few milliseconds; the report sync asks the database for the list's JSON so it never
 * reads the rows at all (src/db/report-queries.ts, `commitmentsHash`).
 */
export function commitmentsHash(year: number, listJson: string, counts: CommitmentCounts): string {
  const { progressSum, progressCount, ...rest } = counts;
  const hashed: Omit<CommitmentFigures, 'overdueNow'> = { ...rest, meanProgress: progressCount > 0 ? round1(progressSum / progressCount) : null };
  return fnv1a(`[${year},${listJson},${JSON.stringify(hashed)}]`);
}

/** The «Compromisos» (or, with the previous year's open ones, «Seguimiento a compromisos») part as of `today`. */
export function buildCommitmentsSection(year: number, commitments: readonly ReportCommitment[], today: string): CommitmentsSectionData {
  const items = commitments.map((c): ReportCommitmentItem => ({ ...c, effectiveStatus: effectiveStatus(c.status, c.dueDate, today) }));
  const count = (status: CommitmentStatus) => commitments.filter((c) => c.status === status).length;
  const counted = commitments.filter((c) => c.status !== 'cancelled');
  const counts: CommitmentCounts = {
    total: commitments.length,
    pending: count('pending'),
    inProgress: count('in_progress'),
    done: count('done'),
    cancelled: count('cancelled'),
    progressSum: counted.reduce((sum, c) => sum + c.progress, 0),
    progressCount: counted.length,
  };
  const figures: CommitmentFigures = {
    total: counts.total,
    pending: counts.pending,
    inProgress: counts.inProgress,
    done: counts.done,
    cancelled: counts.cancelled,
    overdueNow: items.filter((c) => c.effectiveStatus === 'overdue').length,
    meanProgress: counted.length > 0 ? round1(counts.progressSum / counted.length) : null,
  };
  return { year, items, figures, hash: commitmentsHash(year, JSON.stringify(commitments.map(commitmentHashTuple)), counts) };
}

/** The Spanish of the commitments' parts (report page, Word, print view). */
export const commitmentsSectionTexts = {
  figuresTitle: (year: number) => `Compromisos de la vigencia ${year} por estado`,
  followUpFiguresTitle: (year: number) => `Compromisos de la vigencia ${year} que siguen abiertos`,
  listTitle: 'Compromisos',
  figuresHeader: ['Cifra', 'Valor'] as [string, string],
  header: ['Compromiso', 'Área', 'Fecha límite', 'Estado', 'Avance'],
  none: (year: number) => `La vigencia ${year} no tiene compromisos registrados.`,
  noneOpen: (year: number) => `Ningún compromiso de la vigencia ${year} sigue abierto.`,
  forumCaption: (forumTitle: string) => `Compromisos — ${forumTitle}`,
  figureLabels: {
    total: 'Compromisos',
    pending: 'Pendientes',
    inProgress: 'En curso',
    done: 'Cumplidos',
    cancelled: 'Cancelados',
    overdueNow: 'Vencidos sin cumplir (hoy)',
    meanProgress: 'Avance promedio (sin cancelados)',
  },
} as const;

/** The counts as label/value rows (the same rows on the page, in Word and in print). */
export function commitmentFigureRows(f: CommitmentFigures, options: { openOnly?: boolean } = {}): { label: string; value: string }[] {
  const l = commitmentsSectionTexts.figureLabels;
  const rows: { label: string; value: string }[] = [
    { label: l.total, value: formatCount(f.total) },
    { label: l.pending, value: formatCount(f.pending) },
    { label: l.inProgress, value: formatCount(f.inProgress) },
  ];
  if (!options.openOnly) rows.push({ label: l.done, value: formatCount(f.done) }, { label: l.cancelled, value: formatCount(f.cancelled) });
  rows.push({ label: l.overdueNow, value: formatCount(f.overdueNow) }, { label: l.meanProgress, value: f.meanProgress === null ? '—' : formatPercent(f.meanProgress) });
  return rows;
}

/** The commitments grouped by forum (first appearance order), each as table cells. */
export function commitmentTables(items: readonly ReportCommitmentItem[]): { forumTitle: string; rows: string[][] }[] {
  const groups = new Map<string, string[][]>();
  for (const c of items) {
    const rows = groups.get(c.forumTitle) ?? [];
    rows.push([c.text, c.area, formatShortDate(c.dueDate), commitmentStatusLabels[c.effectiveStatus], formatPercent(c.progress)]);
    groups.set(c.forumTitle, rows);
  }
  return [...groups].map(([forumTitle, rows]) => ({ forumTitle, rows }));
}

/* ---- Evaluación de los foros ---- */

export interface ReportEvaluationForum {
  forumId: number;
  forumTitle: string;
}

export interface EvaluationQuestionRow {
  question: EvaluationQuestion;
  text: string;
  counts: [number, number, number, number, number];
  mean: number | null;
  satisfied: number | null;
}

export interface EvaluationForumPart {
  forumId: number;
  forumTitle: string;
  responses: number;
  satisfactionIndex: number | null;
  questions: EvaluationQuestionRow[];
  /** At most `evaluationSectionLimits.comments`, plain text, personal data masked. */
  comments: string[];
}

export interface EvaluationSectionData {
  /** Every forum of the year in date order (also those without responses). */
  forums: EvaluationForumPart[];
  /** Responses of the year, over every forum. */
  responses: number;
  hash: string;
}

export const evaluationSectionLimits = { comments: 3, commentLength: 280 } as const;

const masked = '[dato omitido]';

/**
 * A participant's comment as the report may quote it: one line, e-mail addresses and runs of seven or more digits
 * (phones, ID numbers, even written with spaces, dots or dashes) replaced by «[dato omitido]», cut at 280 characters.
 */
export function reportComment(comment: string): string {
  const text = comment
    .replace(/[^\s@]+@[^\s@]+\.[^\s@]+/g, masked)
    .replace(/\+?\d(?:[\s.-]?\d){6,}/g, masked)
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > evaluationSectionLimits.commentLength ? `${text.slice(0, evaluationSectionLimits.commentLength - 1).trimEnd()}…` : text;
}

/**
 * What `\s` and String.prototype.trim treat as white space, as one string: a comment made only of these is no
 * comment. The database trims with it (SQLite's trim(X, Y)) to pick a forum's first comments as the report does.
 */
export const commentWhitespace = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** A forum's evaluation as counts: what the database can answer without handing over every response. */
export interface EvaluationForumCounts extends ReportEvaluationForum {
  responses: number;
  counts: ScoreCounts;
  /** Its comments in the order given (blank ones are skipped); the first few are quoted. */
  comments: readonly string[];
}

/** The «Evaluación de los foros» part from each forum's counts (in the order given). */
export function evaluationSectionFromCounts(forums: readonly EvaluationForumCounts[]): EvaluationSectionData {
  const parts = forums.map((forum): EvaluationForumPart => {
    const tally = tallyScores(forum.counts);
    return {
      forumId: forum.forumId,
      forumTitle: forum.forumTitle,
      responses: forum.responses,
      satisfactionIndex: tally.satisfactionIndex,
      questions: tally.questions.map((q) => ({ question: q.question, text: evaluationQuestionTexts[q.question], counts: q.counts, mean: q.mean, satisfied: q.satisfied })),
      comments: forum.comments
        .filter((c) => c.trim() !== '')
        .map(reportComment)
        .filter((c) => c !== '')
        .slice(0, evaluationSectionLimits.comments),
    };
  });
  const total = parts.reduce((sum, p) => sum + p.responses, 0);
  return { forums: parts, responses: total, hash: fnv1a(canonicalJson({ forums: parts })) };
}

/** The «Evaluación de los foros» part: per forum (in the order given), its tally and its first comments. */
export function buildEvaluationSection(forums: readonly ReportEvaluationForum[], responses: readonly (Pick<EvaluationInput, 'scores' | 'comment'> & { forumId: number })[]): EvaluationSectionData {
  return evaluationSectionFromCounts(
    forums.map((forum) => {
      const own = responses.filter((r) => r.forumId === forum.forumId);
      return { ...forum, responses: own.length, counts: scoreCounts(own), comments: own.map((r) => r.comment) };
    }),
  );
}

const decimal = (n: number | null) => (n === null ? '—' : n.toLocaleString('es-CO', { maximumFractionDigits: 1 }));

export const evaluationSectionTexts = {
  none: 'La vigencia no tiene foros.',
  noResponses: 'No se registraron respuestas de la encuesta de evaluación de este foro.',
  figuresHeader: ['Cifra', 'Valor'] as [string, string],
  figuresCaption: (forumTitle: string) => `Evaluación — ${forumTitle}`,
  tallyCaption: (forumTitle: string) => `Respuestas por pregunta — ${forumTitle}`,
  tallyHeader: ['Pregunta', '1', '2', '3', '4', '5', 'Promedio', '4 y 5'],
  commentsTitle: 'Comentarios de los participantes',
  scale: 'Escala: 1 muy en desacuerdo … 5 muy de acuerdo. «4 y 5»: porcentaje de respuestas de acuerdo o muy de acuerdo.',
  figureLabels: { responses: 'Respuestas', satisfactionIndex: 'Índice de satisfacción (respuestas 4 y 5)' },
} as const;

/** A forum's responses and satisfaction index as label/value rows. */
export function evaluationFigureRows(part: EvaluationForumPart): { label: string; value: string }[] {
  const l = evaluationSectionTexts.figureLabels;
  return [
    { label: l.responses, value: formatCount(part.responses) },
    { label: l.satisfactionIndex, value: part.satisfactionIndex === null ? '—' : formatPercent(part.satisfactionIndex) },
  ];
}

/** A forum's tally per question as table cells (question, counts 1–5, mean, share of 4 and 5). */
export function evaluationTallyRows(part: EvaluationForumPart): string[][] {
  return part.questions.map((q) => [q.text, ...q.counts.map((n) => formatCount(n)), decimal(q.mean), q.satisfied === null ? '—' : formatPercent(q.satisfied)]);
}
