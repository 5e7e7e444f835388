import { commitmentStatuses, commitmentStatusLabels, effectiveStatuses, type Commitment } from '../domain/commitment';
import { evaluationQuestions, evaluationQuestionTexts, tallyEvaluation, type EvaluationInput } from '../domain/evaluation';
import { safeTexts } from '../domain/safe-text';
import { openDataDictionaryFor, openDataFileName, toCsv, type DictionaryEntry, type OpenDataRow } from './open-data';

/**
 * The accountability files of a year's open data (issue 13): `commitments-YYYY.csv` (each commitment made in a forum,
 * its status — «vencido» derived from today —, progress and last follow-up) and `evaluations-YYYY.csv` (per forum and
 * question of the evaluation survey: how many gave each score 1–5, the satisfaction index, the responses). Built like
 * the other files (open-data.ts: BOM, `;`, CRLF, safe texts) but kept apart: they are served to signed-in users and are
 * not on the public Participa page (which publishes only the files the office chose, openDataFiles). Never personal
 * data: no person responsible (only the area), no comments or who evaluated.
 */

export const accountabilityFiles = ['commitments', 'evaluations'] as const;
export type AccountabilityFile = (typeof accountabilityFiles)[number];

export interface AccountabilityDictionaryEntry extends Omit<DictionaryEntry, 'file'> {
  file: AccountabilityFile;
}

export const accountabilityFileName = (file: AccountabilityFile, year: number) => `${file}-${year}.csv`;

const codeList = <T extends string>(codes: readonly T[], labels: Record<T, string>) => codes.map((code) => `${code} = ${labels[code].toLowerCase()}`).join(', ');

export const accountabilityDictionaryFor = (year: number): AccountabilityDictionaryEntry[] => [
  { file: 'commitments', column: 'commitment_id', meaning: 'Identificador del compromiso', unit: 'número entero' },
  { file: 'commitments', column: 'forum_id', meaning: `Identificador del foro (${openDataFileName('forums', year)})`, unit: 'número entero' },
  { file: 'commitments', column: 'forum_title', meaning: 'Título del foro en que se asumió', unit: 'texto' },
  { file: 'commitments', column: 'question_id', meaning: `Pregunta de la que surgió, si surgió de una (${openDataFileName('questions', year)})`, unit: 'número entero' },
  { file: 'commitments', column: 'text', meaning: 'Texto del compromiso', unit: 'texto' },
  { file: 'commitments', column: 'area', meaning: 'Área responsable', unit: 'texto' },
  { file: 'commitments', column: 'due_date', meaning: 'Fecha límite', unit: 'fecha AAAA-MM-DD' },
  { file: 'commitments', column: 'status', meaning: `Estado registrado (${codeList(commitmentStatuses, commitmentStatusLabels)})`, unit: 'código' },
  { file: 'commitments', column: 'effective_status', meaning: `Estado a la fecha del archivo; overdue = vencido: pendiente o en curso con la fecha límite pasada (${codeList(effectiveStatuses, commitmentStatusLabels)})`, unit: 'código' },
  { file: 'commitments', column: 'progress', meaning: 'Avance', unit: 'porcentaje 0–100' },
  { file: 'commitments', column: 'cancel_reason', meaning: 'Motivo de la cancelación (solo si está cancelado)', unit: 'texto' },
  { file: 'commitments', column: 'last_follow_up_date', meaning: 'Fecha del último seguimiento', unit: 'fecha AAAA-MM-DD' },
  { file: 'commitments', column: 'last_follow_up_note', meaning: 'Nota del último seguimiento', unit: 'texto' },
  { file: 'evaluations', column: 'forum_id', meaning: `Identificador del foro (${openDataFileName('forums', year)})`, unit: 'número entero' },
  { file: 'evaluations', column: 'forum_title', meaning: 'Título del foro evaluado', unit: 'texto' },
  { file: 'evaluations', column: 'question', meaning: `Pregunta de la encuesta (${evaluationQuestions.map((q) => `${q} = «${evaluationQuestionTexts[q]}»`).join(', ')})`, unit: 'código' },
  { file: 'evaluations', column: 'question_text', meaning: 'Texto de la pregunta de la encuesta', unit: 'texto' },
  ...([1, 2, 3, 4, 5] as const).map((s) => ({ file: 'evaluations' as const, column: `score_${s}`, meaning: `Respuestas con puntaje ${s} (1 = muy en desacuerdo … 5 = muy de acuerdo)`, unit: 'conteo' })),
  { file: 'evaluations', column: 'answered', meaning: 'Respuestas a esta pregunta', unit: 'conteo' },
  { file: 'evaluations', column: 'mean', meaning: 'Puntaje promedio (1–5, un decimal); vacío sin respuestas', unit: 'número decimal' },
  { file: 'evaluations', column: 'satisfied_percent', meaning: 'Porcentaje de respuestas 4 o 5 a esta pregunta; vacío sin respuestas', unit: 'porcentaje 0–100' },
  { file: 'evaluations', column: 'forum_satisfaction_index', meaning: 'Índice de satisfacción del foro: porcentaje de todos los puntajes del foro que son 4 o 5', unit: 'porcentaje 0–100' },
  { file: 'evaluations', column: 'forum_responses', meaning: 'Número de encuestas respondidas del foro', unit: 'conteo' },
];

export const accountabilityColumns: Record<AccountabilityFile, string[]> = {
  commitments: accountabilityDictionaryFor(2000).filter((e) => e.file === 'commitments').map((e) => e.column),
  evaluations: accountabilityDictionaryFor(2000).filter((e) => e.file === 'evaluations').map((e) => e.column),
};

/** The last follow-up of a commitment (date and note), by commitment id. */
export type LastFollowUps = ReadonlyMap<number, { date: string; note: string }>;

/** One row per commitment of the year: no person, only the area. */
export function commitmentRows(commitments: readonly Commitment[], lastFollowUps: LastFollowUps): OpenDataRow[] {
  return safeTexts(
    commitments.map((c) => {
      const last = lastFollowUps.get(c.id);
      return {
        commitment_id: c.id,
        forum_id: c.forumId,
        forum_title: c.forumTitle,
        question_id: c.questionId,
        text: c.text,
        area: c.area,
        due_date: c.dueDate,
        status: c.status,
        effective_status: c.effectiveStatus,
        progress: c.progress,
        cancel_reason: c.cancelReason,
        last_follow_up_date: last?.date ?? null,
        last_follow_up_note: last?.note ?? null,
      };
    }),
  );
}

type EvaluationOfForum = Pick<EvaluationInput, 'scores'> & { forumId: number; forumTitle: string };

/** One row per forum evaluated and question of the survey (forums in the order given); never a comment or who answered. */
export function evaluationRows(responses: readonly EvaluationOfForum[]): OpenDataRow[] {
  const byForum = new Map<number, { title: string; responses: EvaluationOfForum[] }>();
  for (const r of responses) {
    const entry = byForum.get(r.forumId) ?? { title: r.forumTitle, responses: [] };
    entry.responses.push(r);
    byForum.set(r.forumId, entry);
  }
  const rows: OpenDataRow[] = [];
  for (const [forumId, { title, responses: ofForum }] of byForum) {
    const tally = tallyEvaluation(ofForum.map((r) => ({ scores: r.scores, comment: '', valueGroup: '' })));
    for (const q of tally.questions) {
      rows.push({
        forum_id: forumId,
        forum_title: title,
        question: q.question,
        question_text: q.text,
        score_1: q.counts[0],
        score_2: q.counts[1],
        score_3: q.counts[2],
        score_4: q.counts[3],
        score_5: q.counts[4],
        answered: q.answered,
        mean: q.mean,
        satisfied_percent: q.satisfied,
        forum_satisfaction_index: tally.satisfactionIndex,
        forum_responses: tally.responses,
      });
    }
  }
  return safeTexts(rows);
}

export const accountabilityCsv = (file: AccountabilityFile, rows: OpenDataRow[]) => toCsv(accountabilityColumns[file], rows);

/** The whole dictionary the signed-in users download: the published files' entries and the accountability files'. */
export const fullDictionaryFor = (year: number, timeZone?: string): (DictionaryEntry | AccountabilityDictionaryEntry)[] => [...openDataDictionaryFor(year, timeZone), ...accountabilityDictionaryFor(year)];

export const fullDictionaryCsv = (year: number, timeZone?: string) =>
  toCsv(
    ['file', 'column', 'meaning', 'unit'],
    [
      ...openDataDictionaryFor(year, timeZone).map((e) => ({ file: openDataFileName(e.file, year), column: e.column, meaning: e.meaning, unit: e.unit })),
      ...accountabilityDictionaryFor(year).map((e) => ({ file: accountabilityFileName(e.file, year), column: e.column, meaning: e.meaning, unit: e.unit })),
    ],
  );
