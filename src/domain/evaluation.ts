import { z } from 'zod';
import { text, validationMessages } from './common';

/**
 * The evaluation survey of a forum: five questions scored 1–5 (1 muy en desacuerdo … 5 muy de acuerdo), an open
 * comment and the participant's value group. No personal data is stored (a Forms export's names and e-mails are dropped).
 */

export const evaluationQuestions = ['clarity', 'usefulness', 'participation', 'answers', 'format'] as const;
export type EvaluationQuestion = (typeof evaluationQuestions)[number];

export const evaluationQuestionTexts: Record<EvaluationQuestion, string> = {
  clarity: '¿La información fue clara?',
  usefulness: '¿El tema le resultó útil?',
  participation: '¿Pudo participar y hacer sus preguntas?',
  answers: '¿Las respuestas a las preguntas fueron satisfactorias?',
  format: '¿La plataforma y el horario fueron adecuados?',
};

export const scoreLabels = ['Muy en desacuerdo', 'En desacuerdo', 'Ni de acuerdo ni en desacuerdo', 'De acuerdo', 'Muy de acuerdo'] as const;

export const evaluationLimits = { comment: 2000, valueGroup: 200, importRows: 100_000 } as const;

export const evaluationMessages = {
  scoreRange: 'La calificación debe ser un número entero de 1 a 5.',
  empty: 'La respuesta no tiene ninguna calificación ni comentario.',
  badScore: (value: string) => `«${value}» no es una calificación de 1 a 5.`,
  importRows: (n: number) => `El archivo tiene ${n.toLocaleString('es-CO')} ${n === 1 ? 'fila' : 'filas'} con problemas: no se guardó ninguna respuesta.`,
  importTooMany: `El archivo tiene más de ${evaluationLimits.importRows.toLocaleString('es-CO')} filas.`,
  noScoreColumn: 'Ninguna columna está relacionada con una pregunta de la evaluación: indíquelo en la relación de columnas.',
  notFound: 'No existe esa respuesta de evaluación.',
  importTooLarge: 'El archivo es demasiado grande para importar (máximo 30 MB).',
} as const;

const score = z
  .number({ error: evaluationMessages.scoreRange })
  .int({ error: evaluationMessages.scoreRange })
  .min(1, { error: evaluationMessages.scoreRange })
  .max(5, { error: evaluationMessages.scoreRange })
  .nullable();

export const evaluationScoresSchema = z.strictObject(Object.fromEntries(evaluationQuestions.map((q) => [q, score])) as Record<EvaluationQuestion, typeof score>);
export type EvaluationScores = Record<EvaluationQuestion, number | null>;

export const evaluationInputSchema = z
  .strictObject({
    scores: evaluationScoresSchema,
    comment: text(evaluationLimits.comment),
    valueGroup: text(evaluationLimits.valueGroup),
  })
  .refine((v) => hasContent(v), { error: evaluationMessages.empty, path: ['scores'] });
export type EvaluationInput = z.infer<typeof evaluationInputSchema>;

export interface EvaluationResponse extends EvaluationInput {
  id: number;
  forumId: number;
  /** Typed by the office, imported from a Forms export, sent by a citizen from «Participa» (formulario web Foros), or
   *  'demo': an illustrative response of the demo (the 2022 seed has no survey), marked as such on the page. */
  source: 'manual' | 'import' | 'public' | 'demo';
  createdAt: string;
  createdBy: string;
}

const hasContent = (v: { scores: EvaluationScores; comment: string }) => evaluationQuestions.some((q) => v.scores[q] !== null) || v.comment.trim() !== '';

/** A score as people write it in a form: «5», «5 - Muy de acuerdo», «Muy de acuerdo», «4,0»; '' is no answer. */
export function readScore(raw: string): number | null | 'bad' {
  const value = raw.trim();
  if (value === '') return null;
  const digit = /^([1-5])(?:[.,]0+)?(?:\s*[-–:.)]\s*.*)?$/.exec(value);
  if (digit) return Number(digit[1]);
  const key = value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ');
  const words: Record<string, number> = {
    'muy en desacuerdo': 1,
    'totalmente en desacuerdo': 1,
    'en desacuerdo': 2,
    'ni de acuerdo ni en desacuerdo': 3,
    neutral: 3,
    'de acuerdo': 4,
    'muy de acuerdo': 5,
    'totalmente de acuerdo': 5,
    'muy malo': 1,
    malo: 2,
    regular: 3,
    bueno: 4,
    excelente: 5,
    'muy bueno': 5,
  };
  return words[key] ?? 'bad';
}

/* ---- Import from a Forms export ---- */

export const evaluationImportRoles = [...evaluationQuestions, 'comment', 'valueGroup', 'personal', 'ignore'] as const;
export type EvaluationImportRole = (typeof evaluationImportRoles)[number];
export const evaluationRoleLabels: Record<EvaluationImportRole, string> = {
  ...evaluationQuestionTexts,
  comment: 'Comentario',
  valueGroup: 'Grupo de valor',
  personal: 'Dato personal (nombre, correo…)',
  ignore: 'No importar',
};

export const evaluationImportSchema = z.strictObject({
  header: z.array(z.string().max(500)).min(1).max(200),
  rows: z.array(z.array(z.string().max(evaluationLimits.comment * 2))).max(evaluationLimits.importRows, { error: evaluationMessages.importTooMany }),
  mapping: z.record(z.string().max(500), z.enum(evaluationImportRoles, { error: validationMessages.invalidOption })),
});
export type EvaluationImportInput = z.infer<typeof evaluationImportSchema>;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();

/** Suggests each header's role from its name (a form's question text, «Nombre», «Correo»…). */
export function suggestEvaluationMapping(header: string[]): Partial<Record<string, EvaluationImportRole>> {
  const out: Partial<Record<string, EvaluationImportRole>> = {};
  for (const h of header) {
    const k = fold(h);
    out[h] = /correo|e-?mail|nombre|telefono|celular|documento|cedula/.test(k)
      ? 'personal'
      : /clara/.test(k)
        ? 'clarity'
        : /util/.test(k)
          ? 'usefulness'
          : /particip|pregunt[oa]s? (hacer|formular)|hacer sus preguntas/.test(k)
            ? 'participation'
            : /respuesta/.test(k)
              ? 'answers'
              : /plataforma|horario|medio/.test(k)
                ? 'format'
                : /comentario|sugerencia|observaci/.test(k)
                  ? 'comment'
                  : /grupo de valor|grupo|poblacion/.test(k)
                    ? 'valueGroup'
                    : 'ignore';
  }
  return out;
}

export interface EvaluationImportRowIssue {
  row: number;
  column?: string;
  message: string;
}

export type EvaluationImportPlan =
  | { ok: true; responses: EvaluationInput[]; droppedPersonalColumns: string[] }
  | { ok: false; noScoreColumn: true }
  | { ok: false; rowIssues: EvaluationImportRowIssue[] };

/** Reads every row of a Forms export into responses; any bad row and nothing is planned. Rows numbered as in the sheet. */
export function planEvaluationImport(input: EvaluationImportInput): EvaluationImportPlan {
  const at = (role: EvaluationImportRole) => input.header.findIndex((h) => input.mapping[h] === role);
  const scoreColumns = evaluationQuestions.map((q) => [q, at(q)] as const).filter(([, i]) => i >= 0);
  if (scoreColumns.length === 0) return { ok: false, noScoreColumn: true };
  const commentAt = at('comment');
  const groupAt = at('valueGroup');
  const responses: EvaluationInput[] = [];
  const rowIssues: EvaluationImportRowIssue[] = [];
  input.rows.forEach((cells, index) => {
    const row = index + 2;
    const scores = Object.fromEntries(evaluationQuestions.map((q) => [q, null])) as EvaluationScores;
    let bad = false;
    for (const [question, i] of scoreColumns) {
      const value = readScore(cells[i] ?? '');
      if (value === 'bad') {
        bad = true;
        rowIssues.push({ row, column: input.header[i], message: evaluationMessages.badScore((cells[i] ?? '').trim().slice(0, 60)) });
      } else scores[question] = value;
    }
    const comment = commentAt >= 0 ? (cells[commentAt] ?? '').trim() : '';
    const valueGroup = groupAt >= 0 ? (cells[groupAt] ?? '').trim() : '';
    if (comment.length > evaluationLimits.comment) {
      bad = true;
      rowIssues.push({ row, column: input.header[commentAt], message: validationMessages.tooLong(evaluationLimits.comment) });
    }
    if (valueGroup.length > evaluationLimits.valueGroup) {
      bad = true;
      rowIssues.push({ row, column: input.header[groupAt], message: validationMessages.tooLong(evaluationLimits.valueGroup) });
    }
    if (bad) return;
    const response = { scores, comment, valueGroup };
    if (!hasContent(response)) rowIssues.push({ row, message: evaluationMessages.empty });
    else responses.push(response);
  });
  if (rowIssues.length > 0) return { ok: false, rowIssues };
  return { ok: true, responses, droppedPersonalColumns: input.header.filter((h) => input.mapping[h] === 'personal') };
}

export interface EvaluationImportResult {
  total: number;
  accepted: number;
  droppedPersonalColumns: string[];
  preview: EvaluationInput[];
}

/* ---- Tally ---- */

export interface QuestionTally {
  question: EvaluationQuestion;
  text: string;
  /** How many answered 1, 2, 3, 4, 5. */
  counts: [number, number, number, number, number];
  answered: number;
  /** The mean score (1–5), null when nobody answered. */
  mean: number | null;
  /** Share (0–100) of answers 4 or 5, null when nobody answered. */
  satisfied: number | null;
}

export interface EvaluationTally {
  responses: number;
  questions: QuestionTally[];
  /**
   * Satisfaction index (0–100): the share of all scores given that are 4 («de acuerdo») or 5 («muy de acuerdo»),
   * over every question; null with no scores.
   */
  satisfactionIndex: number | null;
  comments: { comment: string; valueGroup: string }[];
  valueGroups: { name: string; count: number }[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** How many answered 1, 2, 3, 4, 5 to each question. */
export type ScoreCounts = Record<EvaluationQuestion, [number, number, number, number, number]>;

/** Each question's counts from the responses. */
export function scoreCounts(responses: readonly Pick<EvaluationInput, 'scores'>[]): ScoreCounts {
  const out = Object.fromEntries(evaluationQuestions.map((q) => [q, [0, 0, 0, 0, 0]])) as ScoreCounts;
  for (const r of responses)
    for (const question of evaluationQuestions) {
      const s = r.scores[question];
      if (s !== null && s !== undefined) out[question][s - 1]++;
    }
  return out;
}

/** The tally per question and the satisfaction index from the counts alone (what the database can count). */
export function tallyScores(counts: ScoreCounts): Pick<EvaluationTally, 'questions' | 'satisfactionIndex'> {
  let satisfiedAll = 0;
  let answeredAll = 0;
  const questions = evaluationQuestions.map((question): QuestionTally => {
    const c = counts[question];
    const tuple: [number, number, number, number, number] = [c[0], c[1], c[2], c[3], c[4]];
    const answered = tuple.reduce((a, b) => a + b, 0);
    const sum = tuple.reduce((a, n, i) => a + n * (i + 1), 0);
    const satisfied = tuple[3] + tuple[4];
    satisfiedAll += satisfied;
    answeredAll += answered;
    return { question, text: evaluationQuestionTexts[question], counts: tuple, answered, mean: answered ? round1(sum / answered) : null, satisfied: answered ? round1((satisfied / answered) * 100) : null };
  });
  return { questions, satisfactionIndex: answeredAll ? round1((satisfiedAll / answeredAll) * 100) : null };
}

export function tallyEvaluation(responses: readonly Pick<EvaluationInput, 'scores' | 'comment' | 'valueGroup'>[]): EvaluationTally {
  const groups = new Map<string, number>();
  for (const r of responses) {
    const name = r.valueGroup.trim() || 'No indicado';
    groups.set(name, (groups.get(name) ?? 0) + 1);
  }
  return {
    responses: responses.length,
    ...tallyScores(scoreCounts(responses)),
    comments: responses.filter((r) => r.comment.trim() !== '').map((r) => ({ comment: r.comment, valueGroup: r.valueGroup })),
    valueGroups: [...groups].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'es')),
  };
}
