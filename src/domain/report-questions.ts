import type { QuestionChannel } from './forum';
import { answerChannelLabels, isAnswered, questionFigures, type AnswerChannel, type QuestionStatus } from './question';
import { canonicalJson, fnv1a } from './report-statistics';
import type { RichDoc } from './rich-text';

/**
 * The generated part of the report's «Preguntas y respuestas» section: each question marked publishable and
 * answered (respondida or publicada) with its answer, the channel and the dates; and the timeliness figures
 * per forum and for the year (questionFigures, as the «Preguntas» page shows them). Never the asker's name or
 * contact: the input carries none. Like the statistics section, its hash changes when what it shows changes,
 * so an approved section goes back to review (src/api/report-sync.ts).
 */

export const questionChannelLabels: Record<QuestionChannel, string> = {
  live_chat: 'Chat en vivo',
  moderator: 'Moderador',
  web_form: 'Formulario web',
  email: 'Correo electrónico',
  in_person: 'Presencial',
};

/** A case as the section reads it (what casesForFigures returns: no personal data). */
export interface ReportQuestionCase {
  id: number;
  forumId: number;
  forumTitle: string;
  status: QuestionStatus;
  dueDate: string | null;
  answeredAt: string | null;
  receivedAt: string;
  text: string;
  answer: RichDoc | null;
  channel: QuestionChannel;
  answerChannel: AnswerChannel | null;
  publishable: boolean;
}

export interface ReportQuestionItem {
  id: number;
  forumId: number;
  forumTitle: string;
  question: string;
  answer: RichDoc | null;
  /** How the question came in, in Spanish. */
  channel: string;
  /** How the answer went out, in Spanish ('' when not recorded). */
  answerChannel: string;
  receivedAt: string;
  answeredAt: string | null;
}

export interface ReportQuestionFigures {
  /** null: the year's total. */
  forumId: number | null;
  forumTitle: string;
  received: number;
  answered: number;
  answeredOnTime: number;
  medianWorkingDays: number | null;
  overdueNow: number;
}

export interface QuestionsSectionData {
  items: ReportQuestionItem[];
  /** Per forum (date order), then the year's total; empty without questions. */
  figures: ReportQuestionFigures[];
  /** Changes when a published question, its answer or a timeliness figure changes (not «vencidas hoy», which moves with the calendar). */
  hash: string;
}

/** The questions a year makes public (report section and «Participa»): answered and marked publishable. */
export const publishedQuestions = <T extends Pick<ReportQuestionCase, 'publishable' | 'status'>>(cases: readonly T[]): T[] =>
  cases.filter((q) => q.publishable && isAnswered(q.status));

/** The section's generated part from the year's cases (in forum date order) as of `today`. */
export function buildQuestionsSection(cases: readonly ReportQuestionCase[], today: string): QuestionsSectionData {
  const items: ReportQuestionItem[] = publishedQuestions(cases).map((q) => ({
      id: q.id,
      forumId: q.forumId,
      forumTitle: q.forumTitle,
      question: q.text,
      answer: q.answer,
      channel: questionChannelLabels[q.channel] ?? q.channel,
      answerChannel: q.answerChannel ? (answerChannelLabels[q.answerChannel] ?? q.answerChannel) : '',
      receivedAt: q.receivedAt,
      answeredAt: q.answeredAt,
    }));
  const groups = new Map<number, { title: string; cases: ReportQuestionCase[] }>();
  for (const q of cases) {
    const group = groups.get(q.forumId) ?? { title: q.forumTitle, cases: [] };
    group.cases.push(q);
    groups.set(q.forumId, group);
  }
  const figures: ReportQuestionFigures[] = [...groups.entries()].map(([forumId, g]) => ({ forumId, forumTitle: g.title, ...questionFigures(g.cases, today) }));
  if (cases.length > 0) figures.push({ forumId: null, forumTitle: '', ...questionFigures([...cases], today) });
  const hashed = { items, figures: figures.map(({ overdueNow: _overdue, ...rest }) => rest) };
  return { items, figures, hash: fnv1a(canonicalJson(hashed)) };
}

/** The Spanish the section's generated part is shown with (report page, Word, print view). */
export const questionsSectionTexts = {
  figuresTitle: 'Oportunidad de las respuestas',
  figuresHeader: ['Cifra', 'Valor'] as [string, string],
  yearTotal: 'Total de la vigencia',
  questionsTitle: 'Preguntas publicadas con su respuesta',
  noQuestions: 'La vigencia no tiene preguntas registradas.',
  noPublished: 'Ninguna pregunta de la vigencia está respondida y marcada como publicable.',
  noAnswer: 'Respuesta sin texto.',
  figureLabels: {
    received: 'Recibidas',
    answered: 'Respondidas',
    answeredOnTime: 'Respondidas a tiempo',
    medianWorkingDays: 'Mediana de días hábiles para responder',
    overdueNow: 'Vencidas sin respuesta (hoy)',
  },
  meta: (item: Pick<ReportQuestionItem, 'channel' | 'answerChannel' | 'receivedAt' | 'answeredAt'>, format: (iso: string) => string) =>
    [
      `Recibida por ${item.channel.toLowerCase()} el ${format(item.receivedAt.slice(0, 10))}`,
      item.answeredAt ? `respondida el ${format(item.answeredAt.slice(0, 10))}${item.answerChannel ? ` (${item.answerChannel.toLowerCase()})` : ''}` : '',
    ]
      .filter(Boolean)
      .join('; ') + '.',
} as const;

/** A figures group as label/value rows (the same rows on the page, in Word and in print). */
export function questionFigureRows(f: ReportQuestionFigures): { label: string; value: string }[] {
  const l = questionsSectionTexts.figureLabels;
  const count = (n: number) => n.toLocaleString('es-CO');
  return [
    { label: l.received, value: count(f.received) },
    { label: l.answered, value: count(f.answered) },
    { label: l.answeredOnTime, value: count(f.answeredOnTime) },
    { label: l.medianWorkingDays, value: f.medianWorkingDays === null ? '—' : String(f.medianWorkingDays).replace('.', ',') },
    { label: l.overdueNow, value: count(f.overdueNow) },
  ];
}

/** The group's name: its forum, or the year's total. */
export const figuresGroupName = (f: ReportQuestionFigures) => (f.forumId === null ? questionsSectionTexts.yearTotal : f.forumTitle);
