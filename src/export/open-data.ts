import { defaultTimeZone } from '../domain/organization';
import { zonePlaceName } from '../domain/zoned-date';
import type { Forum } from '../domain/forum';
import {
  figureUnit,
  liveSummaryFigures,
  postCardFigures,
  sincePublicationFigures,
  type Figure,
  type ForumMetricsInput,
  type SnapshotKind,
} from '../domain/metrics';
import { forumStatuses, platforms, questionChannels } from '../domain/forum';
import { forumStatusLabels, platformLabels, publicQuestionsTerm, questionChannelLabels } from '../domain/forum-labels';
import { safeText, safeTexts } from '../domain/safe-text';
import { answerChannelLabels, answerChannels, isAnswered, questionTypeLabels, questionTypes, type QuestionCase } from '../domain/question';
import { docToPlainText } from '../domain/rich-text';

/**
 * A year's open data: its forums, their public questions and their metric snapshots, as CSV (UTF-8 with a
 * byte-order mark, `;` between fields and CRLF, so Excel in Spanish opens it in columns with the accents right)
 * and as JSON, with a data dictionary (column → meaning, unit). Figures are plain integers (no thousands
 * separators) so they can be computed with. Only answered questions marked publishable are published, and never
 * who asked (Ley 1581): no name, contact or consent reaches the open data.
 */

export const openDataFiles = ['forums', 'questions', 'metrics'] as const;
export type OpenDataFile = (typeof openDataFiles)[number];

/** The name a downloaded file of the open data carries: `forums-2022.csv`, `diccionario`: `dictionary-2022.csv`. */
export const openDataFileName = (file: OpenDataFile | 'dictionary', year: number) => `${file}-${year}.csv`;

/** `planned = planeado, held = realizado, …`: each code with the term the app shows for it. */
const codeList = <T extends string>(codes: readonly T[], labels: Record<T, string>) => codes.map((code) => `${code} = ${labels[code].toLowerCase()}`).join(', ');

export interface DictionaryEntry {
  file: OpenDataFile;
  column: string;
  meaning: string;
  unit: string;
}

const yes = 'sí';
const no = 'no';

/**
 * The data dictionary of a year's files. Its labels come from the catalog the app shows (domain/forum-labels.ts)
 * and its file names from `openDataFileName`, the names the export writes.
 */
export const openDataDictionaryFor = (year: number, timeZone: string = defaultTimeZone): DictionaryEntry[] => [
  { file: 'forums', column: 'forum_id', meaning: 'Identificador del foro', unit: 'número entero' },
  { file: 'forums', column: 'year', meaning: 'Vigencia del foro', unit: 'año' },
  { file: 'forums', column: 'title', meaning: 'Título del foro', unit: 'texto' },
  { file: 'forums', column: 'theme', meaning: 'Tema del foro', unit: 'texto' },
  { file: 'forums', column: 'date', meaning: 'Fecha de realización', unit: 'fecha AAAA-MM-DD' },
  { file: 'forums', column: 'time', meaning: `Hora de inicio (hora de ${zonePlaceName(timeZone)})`, unit: 'hora HH:MM' },
  { file: 'forums', column: 'duration_minutes', meaning: 'Duración prevista', unit: 'minutos' },
  { file: 'forums', column: 'platform', meaning: `Plataforma (${codeList(platforms, platformLabels)})`, unit: 'código' },
  { file: 'forums', column: 'status', meaning: `Estado (${codeList(forumStatuses, forumStatusLabels)})`, unit: 'código' },
  { file: 'forums', column: 'stream_url', meaning: 'Enlace de la transmisión', unit: 'URL' },
  { file: 'forums', column: 'objective', meaning: 'Objetivo del foro', unit: 'texto' },
  { file: 'forums', column: 'place', meaning: 'Lugar', unit: 'texto' },
  { file: 'forums', column: 'moderator', meaning: 'Moderador o moderadora', unit: 'texto' },
  { file: 'forums', column: 'responsible_teams', meaning: 'Áreas o equipos responsables, separados por « | »', unit: 'lista de textos' },
  { file: 'forums', column: 'allied_entities', meaning: 'Entidades aliadas, separadas por « | »', unit: 'lista de textos' },
  { file: 'forums', column: 'value_groups', meaning: 'Grupos de valor (interno/externo: nombre), separados por « | »', unit: 'lista de textos' },
  { file: 'forums', column: 'experts', meaning: 'Expertos o panelistas (nombre, cargo, organización), separados por « | »', unit: 'lista de textos' },
  { file: 'forums', column: 'guiding_questions', meaning: 'Número de preguntas orientadoras', unit: 'conteo' },
  { file: 'forums', column: 'public_questions', meaning: `Número de ${publicQuestionsTerm.plural.toLowerCase()}`, unit: 'conteo' },
  { file: 'questions', column: 'forum_id', meaning: `Identificador del foro (${openDataFileName('forums', year)})`, unit: 'número entero' },
  { file: 'questions', column: 'position', meaning: 'Orden de la pregunta en el foro', unit: 'número entero desde 1' },
  { file: 'questions', column: 'channel', meaning: `Canal (${codeList(questionChannels, questionChannelLabels)})`, unit: 'código' },
  { file: 'questions', column: 'text', meaning: 'Texto de la pregunta', unit: 'texto' },
  { file: 'questions', column: 'answered', meaning: 'Si fue respondida', unit: `${yes} / ${no}` },
  { file: 'questions', column: 'answered_by', meaning: 'Quién respondió (experto, área)', unit: 'texto' },
  { file: 'questions', column: 'answer_summary', meaning: 'Resumen de la respuesta', unit: 'texto' },
  { file: 'questions', column: 'question_id', meaning: 'Identificador de la pregunta', unit: 'número entero' },
  { file: 'questions', column: 'type', meaning: `Tipo según la Ley 1755 de 2015 (${codeList(questionTypes, questionTypeLabels)})`, unit: 'código' },
  { file: 'questions', column: 'received_date', meaning: 'Fecha de recepción', unit: 'fecha AAAA-MM-DD' },
  { file: 'questions', column: 'due_date', meaning: 'Fecha de vencimiento del término (días hábiles); vacía si se respondió en la transmisión', unit: 'fecha AAAA-MM-DD' },
  { file: 'questions', column: 'answered_date', meaning: 'Fecha de respuesta', unit: 'fecha AAAA-MM-DD' },
  { file: 'questions', column: 'answered_on_time', meaning: 'Si se respondió dentro del término', unit: `${yes} / ${no}` },
  { file: 'questions', column: 'answer_channel', meaning: `Canal de la respuesta (${codeList(answerChannels, answerChannelLabels)})`, unit: 'código' },
  { file: 'questions', column: 'answer', meaning: 'Respuesta escrita (texto sin formato)', unit: 'texto' },
  { file: 'metrics', column: 'forum_id', meaning: `Identificador del foro (${openDataFileName('forums', year)})`, unit: 'número entero' },
  { file: 'metrics', column: 'snapshot', meaning: 'Momento de la medición (post_card = publicación, live_summary = al terminar la transmisión, since_publication = rendimiento desde la publicación)', unit: 'código' },
  { file: 'metrics', column: 'as_of', meaning: 'Fecha en que se tomó la medición', unit: 'fecha AAAA-MM-DD' },
  { file: 'metrics', column: 'source', meaning: 'Origen (manual, meta_csv, youtube_csv, api)', unit: 'código' },
  { file: 'metrics', column: 'metric', meaning: 'Métrica (reach = personas alcanzadas, views3s = reproducciones de 3 segundos, totalWatchSeconds = tiempo reproducido…)', unit: 'código' },
  { file: 'metrics', column: 'value', meaning: 'Valor de la métrica', unit: 'según unit' },
  { file: 'metrics', column: 'unit', meaning: 'Unidad del valor', unit: 'conteo / segundos' },
  { file: 'metrics', column: 'approximate', meaning: 'Si la cifra es aproximada (la plataforma la mostró abreviada, p. ej. «1,7 mil»)', unit: `${yes} / ${no}` },
  { file: 'metrics', column: 'margin', meaning: 'Margen de una cifra aproximada: el valor real está entre value − margin y value + margin', unit: 'según unit' },
];

/** The dictionary's columns and meanings without a year (the column lists do not depend on it). */
export const openDataDictionary: DictionaryEntry[] = openDataDictionaryFor(new Date().getUTCFullYear());

export const openDataColumns: Record<OpenDataFile, string[]> = {
  forums: openDataDictionary.filter((e) => e.file === 'forums').map((e) => e.column),
  questions: openDataDictionary.filter((e) => e.file === 'questions').map((e) => e.column),
  metrics: openDataDictionary.filter((e) => e.file === 'metrics').map((e) => e.column),
};

export type OpenDataRow = Record<string, string | number | null>;

export interface OpenData {
  year: number;
  generatedAt: string;
  dictionary: DictionaryEntry[];
  forums: OpenDataRow[];
  questions: OpenDataRow[];
  metrics: OpenDataRow[];
}

const snapshotCodes: Record<SnapshotKind, string> = { postCard: 'post_card', liveSummary: 'live_summary', sincePublication: 'since_publication' };
const snapshotFields: Record<SnapshotKind, readonly string[]> = { postCard: postCardFigures, liveSummary: liveSummaryFigures, sincePublication: sincePublicationFigures };
const list = (items: string[]) => items.filter((s) => s.trim() !== '').join(' | ');

/** What the open data takes of a question's case (never the asker's data). */
export type OpenDataCase = Pick<QuestionCase, 'id' | 'type' | 'receivedAt' | 'dueDate' | 'answeredAt' | 'answerChannel' | 'answer' | 'status' | 'publishable'>;

/** The open data of a year from its forums (with questions), their metrics and the questions' cases: only answered, publishable questions. */
export function buildOpenData(year: number, forums: Forum[], metricsByForumId: Record<number, ForumMetricsInput | null | undefined>, generatedAt: string, cases: OpenDataCase[] = [], timeZone: string = defaultTimeZone): OpenData {
  const published = new Map(cases.filter((c) => c.publishable && isAnswered(c.status)).map((c) => [c.id, c]));
  const forumRows: OpenDataRow[] = forums.map((f) => ({
    forum_id: f.id,
    year: f.year,
    title: f.title,
    theme: f.theme,
    date: f.date,
    time: f.time,
    duration_minutes: f.durationMinutes,
    platform: f.platform,
    status: f.status,
    stream_url: f.streamUrl,
    objective: f.objective,
    place: f.place,
    moderator: f.moderator,
    responsible_teams: list(f.responsibleTeams),
    allied_entities: list(f.alliedEntities),
    value_groups: list(f.valueGroups.map((g) => `${g.kind === 'internal' ? 'interno' : 'externo'}: ${g.name}`)),
    experts: list(f.experts.map((e) => [e.name, e.role, e.organization].filter(Boolean).join(', '))),
    guiding_questions: f.guidingQuestions.length,
    public_questions: f.questions.length,
  }));
  const questionRows: OpenDataRow[] = forums.flatMap((f) =>
    f.questions.flatMap((q, i) => {
      const c = q.questionId === undefined ? undefined : published.get(q.questionId);
      if (!c) return [];
      return [
        {
          forum_id: f.id,
          position: i + 1,
          channel: q.channel,
          text: q.text,
          answered: yes,
          answered_by: q.answeredBy,
          answer_summary: q.answerSummary,
          question_id: c.id,
          type: c.type,
          received_date: c.receivedAt.slice(0, 10),
          due_date: c.dueDate,
          answered_date: c.answeredAt,
          answered_on_time: !c.dueDate || (c.answeredAt !== null && c.answeredAt <= c.dueDate) ? yes : no,
          answer_channel: c.answerChannel,
          answer: docToPlainText(c.answer),
        },
      ];
    }),
  );
  const metricRows: OpenDataRow[] = [];
  for (const f of forums) {
    const metrics = metricsByForumId[f.id];
    if (!metrics) continue;
    for (const kind of ['postCard', 'liveSummary', 'sincePublication'] as const) {
      const snapshot = metrics[kind] as (Record<string, unknown> & { asOf: string; source: string }) | null;
      if (!snapshot) continue;
      for (const field of snapshotFields[kind]) {
        const figure = snapshot[field] as Figure | null | undefined;
        if (!figure) continue;
        metricRows.push({
          forum_id: f.id,
          snapshot: snapshotCodes[kind],
          as_of: snapshot.asOf,
          source: snapshot.source,
          metric: field,
          value: figure.value,
          unit: figureUnit(field) === 'count' ? 'conteo' : 'segundos',
          approximate: figure.approximate ? yes : no,
          margin: figure.approximate ? (figure.margin ?? null) : null,
        });
      }
    }
  }
  // Control and bidirectional characters go from every text, in the JSON and the CSV alike (safe-text.ts).
  return { year, generatedAt, dictionary: openDataDictionaryFor(year, timeZone), forums: safeTexts(forumRows), questions: safeTexts(questionRows), metrics: safeTexts(metricRows) };
}

/** The byte-order mark that tells Excel the file is UTF-8. */
export const bom = '\uFEFF';
export const csvDelimiter = ';';

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  // A text that starts like a formula (= + - @, fullwidth too) would run in a spreadsheet: safeText prefixes an apostrophe.
  const safe = typeof value === 'string' ? safeText(value, { spreadsheet: true }) : String(value);
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as CSV text with the BOM, a header line, `;` and CRLF. */
export function toCsv(columns: string[], rows: OpenDataRow[]): string {
  const lines = [columns.map(csvCell).join(csvDelimiter), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(csvDelimiter))];
  return `${bom}${lines.join('\r\n')}\r\n`;
}

/** One file of the open data as CSV. */
export const openDataCsv = (data: OpenData, file: OpenDataFile) => toCsv(openDataColumns[file], data[file]);

/** The data dictionary of a year as CSV (file, column, meaning, unit), naming the files as they are downloaded. */
export const dictionaryCsv = (year: number, timeZone: string = defaultTimeZone) =>
  toCsv(
    ['file', 'column', 'meaning', 'unit'],
    openDataDictionaryFor(year, timeZone).map((e) => ({ file: openDataFileName(e.file, year), column: e.column, meaning: e.meaning, unit: e.unit })),
  );

export const csvMediaType = 'text/csv; charset=utf-8';
