import { z } from 'zod';
import { isRealDate, validationMessages } from './common';
import { consultationLimits, responseChannels, responseValueGroupKinds, topicKey, type ResponseChannel, type ResponseInput, type ResponseValueGroupKind } from './consultation';
import { dateOrderEvidence, decideDateOrder, type DateOrder } from './date-order';
import type { ValueGroupKind } from './forum';

/**
 * Import of a consultation's responses from a form export (Google Forms or Microsoft Forms, CSV or XLSX read
 * into a header and rows by the client): each column gets a role, rows become responses. Personal data (name,
 * e-mail) is never kept: those columns are marked 'personal' and dropped. Pure and allocation-light: 100.000
 * rows in well under a second.
 */

export const importColumnRoles = ['timestamp', 'valueGroupKind', 'valueGroup', 'topics', 'proposedTopic', 'questions', 'channel', 'personal', 'ignore'] as const;
export type ImportColumnRole = (typeof importColumnRoles)[number];

export const importColumnRoleLabels: Record<ImportColumnRole, string> = {
  timestamp: 'Fecha de respuesta',
  valueGroupKind: 'Grupo de valor (interno o externo)',
  valueGroup: 'Grupo de valor',
  topics: 'Temas elegidos',
  proposedTopic: 'Tema propuesto',
  questions: 'Preguntas para el foro',
  channel: 'Canal',
  personal: 'Dato personal (no se guarda)',
  ignore: 'No importar',
};

export const lateModes = ['mark', 'reject'] as const;
export type LateMode = (typeof lateModes)[number];

/** Roles a single column may have; the others (topics, questions, proposed topic, personal, ignore) may span several. */
const singleRoles: ImportColumnRole[] = ['timestamp', 'valueGroupKind', 'valueGroup', 'channel'];

export const consultationImportMessages = {
  unknownColumn: (header: string) => `El archivo no tiene la columna «${header}».`,
  duplicateRole: (label: string) => `Solo una columna puede ser «${label}».`,
  timestampRequired: 'Indique qué columna tiene la fecha de respuesta (marca temporal).',
  topicsRequired: 'Indique qué columna tiene los temas elegidos o el tema propuesto.',
  valueGroupRequired:
    'Falta el grupo de valor: ninguna columna es «Grupo de valor» ni «Tipo de grupo», y no se eligió el de todo el archivo. Elíjalo en «Grupo de valor de las respuestas sin grupo» (interno, externo o no indicado), o marque la columna que lo tiene.',
  noRows: 'El archivo no tiene filas de respuestas.',
  badDate: (cell: string) => `No se reconoce la fecha «${cell}».`,
  missingDate: 'Falta la fecha de respuesta.',
  late: (date: string) => `La fecha ${date} está fuera del periodo de la consulta.`,
  unknownKind: (cell: string) => (cell ? `No se reconoce si «${cell}» es un grupo de valor interno o externo.` : 'Falta el grupo de valor (interno o externo).'),
  unknownTopic: (text: string) => `«${text}» no es uno de los temas de la consulta.`,
  chooseOrPropose: 'La fila no elige ningún tema ni propone uno.',
  tooLong: (label: string, max: number) => `${label}: máximo ${max.toLocaleString('es-CO')} caracteres.`,
  tooManyQuestions: `Máximo ${consultationLimits.questions} preguntas por respuesta.`,
  tooManyTopics: `Máximo ${consultationLimits.topicIds} temas por respuesta.`,
  tooManyRows: `El archivo tiene más de ${consultationLimits.importRows.toLocaleString('es-CO')} filas.`,
  tooManyColumns: `El archivo tiene más de ${consultationLimits.importColumns} columnas.`,
} as const;

const importCell = z.string({ error: validationMessages.invalidValue }).max(consultationLimits.importCell, { error: validationMessages.tooLong(consultationLimits.importCell) });

/** The JSON body of the import route: the file as read by the client, and how to read it. */
export const consultationImportSchema = z.strictObject({
  header: z
    .array(z.string({ error: validationMessages.invalidValue }).max(consultationLimits.importHeader, { error: validationMessages.tooLong(consultationLimits.importHeader) }))
    .min(1, { error: consultationImportMessages.noRows })
    .max(consultationLimits.importColumns, { error: consultationImportMessages.tooManyColumns }),
  rows: z
    .array(z.array(importCell).max(consultationLimits.importColumns, { error: consultationImportMessages.tooManyColumns }))
    .max(consultationLimits.importRows, { error: consultationImportMessages.tooManyRows }),
  mapping: z.record(z.string(), z.enum(importColumnRoles, { error: validationMessages.invalidOption })),
  lateMode: z.enum(lateModes, { error: validationMessages.invalidOption }),
  defaultChannel: z.enum(responseChannels, { error: validationMessages.invalidOption }),
  /** The value group of rows that do not say it (no such column, or an empty or unreadable cell of the group column). */
  defaultValueGroupKind: z.enum(responseValueGroupKinds, { error: validationMessages.invalidOption }).optional(),
});
export type ConsultationImportInput = z.infer<typeof consultationImportSchema>;

/**
 * The same body as the route reads it: the rows are checked by a plain loop (same rules, same messages, the first
 * 20 problems) instead of one zod schema per cell, which costs too much for 100.000 rows × 10 columns.
 */
/** At most this many row problems are told (the rest of a broken file says nothing new). */
export const importShapeIssuesShown = 20;

/**
 * Rows `from`…`to` of an import body checked the way the schema would (each a list of strings within the limits),
 * appending problems to `issues` until it holds `importShapeIssuesShown`. A plain loop: one zod schema per cell
 * costs too much for 100.000 rows × 10 columns, and the route checks a slice at a time.
 */
export function collectRowShapeIssues(rows: unknown[], from: number, to: number, issues: { path: number[]; message: string }[]): void {
  const add = (path: number[], message: string) => {
    if (issues.length < importShapeIssuesShown) issues.push({ path, message });
  };
  for (let i = from; i < to && issues.length < importShapeIssuesShown; i++) {
    const row = rows[i];
    if (!Array.isArray(row)) {
      add([i], validationMessages.expectedList);
      continue;
    }
    if (row.length > consultationLimits.importColumns) add([i], consultationImportMessages.tooManyColumns);
    for (let j = 0; j < row.length; j++) {
      const cell: unknown = row[j];
      if (typeof cell !== 'string') add([i, j], validationMessages.invalidValue);
      else if (cell.length > consultationLimits.importCell) add([i, j], validationMessages.tooLong(consultationLimits.importCell));
    }
  }
}

/** The same body as the route reads it: the rows are checked by `collectRowShapeIssues` (same rules, same messages, the first 20 problems). */
export const consultationImportBodySchema = consultationImportSchema.extend({
  rows: z
    .array(z.unknown(), { error: validationMessages.expectedList })
    .max(consultationLimits.importRows, { error: consultationImportMessages.tooManyRows })
    .superRefine((rows, ctx) => {
      const issues: { path: number[]; message: string }[] = [];
      collectRowShapeIssues(rows, 0, rows.length, issues);
      for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }) as unknown as z.ZodArray<z.ZodArray<z.ZodString>>,
});

export const consultationImportQuerySchema = z.strictObject({
  dryRun: z.enum(['1', 'true', '0', 'false'], { error: 'Indique dryRun=1 para solo revisar el archivo, o quítelo para guardar.' }).optional(),
});

export interface ImportRowError {
  /** The row as a spreadsheet numbers it: the header is row 1, the first response row 2. */
  row: number;
  message: string;
}

/** A mapped response with the spreadsheet row it came from. */
export type ImportPreviewResponse = ResponseInput & { row: number };

/** The import route's answer (dry run or saved). */
export interface ConsultationImportResult {
  dryRun: boolean;
  /** Response rows in the file (blank rows are skipped). */
  total: number;
  accepted: number;
  late: number;
  /** The first 100 row errors. */
  errors: ImportRowError[];
  errorCount: number;
  droppedPersonalColumns: string[];
  preview: ImportPreviewResponse[];
  saved: boolean;
  /** How the response dates were read (null: none is a numeric d/m or m/d date); 'fallback' = by the header's language. */
  dateOrder: DateOrder | null;
}

// ---------------------------------------------------------------------------------------------------------
// Column suggestions
// ---------------------------------------------------------------------------------------------------------

const norm = (value: string) =>
  value
    .replace(/^\ufeff/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

const personalHeader =
  /^(nombre|nombres|apellido|apellidos|nombre completo|nombres y apellidos|name|full name|first name|last name|correo|correo electronico|direccion de correo electronico|email|e-mail|email address|telefono|celular|phone|documento|cedula|numero de documento|numero de identificacion|identificacion)\b|\b(correo electronico|e-mail|email|telefono|celular|cedula|documento de identidad)\b/;
const timestampHeader = /^(marca temporal|timestamp|hora de finalizacion|completion time|fecha de envio|submitted at|fecha)$/;
const ignoredFormHeader = /^(id|hora de inicio|start time|ultima modificacion|last modified time|puntos|points|total points|comentarios|feedback)$/;

/**
 * Guesses each column's role from the headers Google Forms and Microsoft Forms write (Spanish or English):
 * the timestamp, personal data (name, e-mail, phone, ID), the value group, the chosen topics, a proposed topic,
 * questions and the channel. What it cannot place is 'ignore'.
 */
export function suggestMapping(header: string[]): Record<string, ImportColumnRole> {
  const mapping: Record<string, ImportColumnRole> = {};
  const taken = new Set<ImportColumnRole>();
  for (const raw of header) {
    if (raw in mapping) continue;
    const h = norm(raw);
    let role: ImportColumnRole = 'ignore';
    if (timestampHeader.test(h)) role = 'timestamp';
    else if (ignoredFormHeader.test(h)) role = 'ignore';
    else if (personalHeader.test(h)) role = 'personal';
    else if (/\b(canal|medio|como se entero|por donde se entero|how did you hear|channel)\b/.test(h)) role = 'channel';
    else if (/\b(interno o externo|servidora? o ciudadan|funcionari[oa] o ciudadan|internal or external)/.test(h)) role = 'valueGroupKind';
    else if (/\b(grupo de valor|grupo al que pertenece|tipo de participante|usted es|es usted|vinculo|relacion con|value group|you are)\b/.test(h)) {
      role = /\b(intern|extern|tipo\b|kind\b|type\b)/.test(h) ? 'valueGroupKind' : 'valueGroup';
    } else if (/\b(pregunta|preguntas|question|questions|inquietud|inquietudes)\b/.test(h)) role = 'questions';
    else if (/\b(propon|propuesta|sugier|sugerencia|otro tema|suggest|propose)/.test(h)) role = 'proposedTopic';
    else if (/\b(tema|temas|topic|topics)\b/.test(h)) role = 'topics';
    // Only the first column of a one-column role gets it; a second "Marca temporal" stays ignored.
    if (singleRoles.includes(role) && taken.has(role)) role = 'ignore';
    taken.add(role);
    mapping[raw] = role;
  }
  return mapping;
}

// ---------------------------------------------------------------------------------------------------------
// Cell readers
// ---------------------------------------------------------------------------------------------------------

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function isoOf(y: number, m: number, d: number): string | null {
  if (y < 100) y += 2000;
  const iso = `${y}-${pad2(m)}-${pad2(d)}`;
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 && isRealDate(iso) ? iso : null;
}

const ymd = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[\sT])/;
const slashed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:$|[\s,T])/;
const excelSerial = /^\d{5}(?:\.\d+)?$/;

/**
 * The date of a form timestamp as YYYY-MM-DD (the time and zone are dropped: the day as the form wrote it).
 * Google: `2022/05/03 10:15:00 a. m. GMT-5`, `03/05/2022 10:15:00`, `5/3/2022 10:15:00`; Microsoft: `5/3/22 10:15:00`;
 * ISO; an Excel serial day (XLSX read without formats). `dayFirst` decides d/m against m/d.
 */
export function parseFormTimestamp(cell: string, dayFirst: boolean): string | null {
  const value = cell.trim();
  let m = ymd.exec(value);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = slashed.exec(value);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    return dayFirst ? isoOf(y, b, a) : isoOf(y, a, b);
  }
  if (excelSerial.test(value)) {
    const days = Math.floor(Number(value));
    if (days < 36526 || days > 73051) return null; // 2000-01-01 … 2100-01-01
    return new Date(Date.UTC(1899, 11, 30) + days * 86_400_000).toISOString().slice(0, 10);
  }
  return null;
}

/**
 * The date order of a timestamp column, decided once from all its values (date-order.ts: a first part above 12
 * says day first, a second part above 12 month first); when no value decides, a Spanish header ("Marca temporal",
 * "Hora de finalización") says day first and an English one ("Timestamp", "Completion time") month first.
 */
export function timestampDateOrder(cells: Iterable<string>, headerText: string): DateOrder {
  return decideDateOrder(dateOrderEvidence(cells), !/^(timestamp|completion time|start time|submitted at)$/.test(norm(headerText)));
}

export const detectDayFirst = (cells: Iterable<string>, headerText: string): boolean => timestampDateOrder(cells, headerText).dayFirst;

const externalWords = /\b(extern[oa]s?|external|ciudadan[oa]s?|ciudadania|citizens?|comunidad|community|beneficiari[oa]s?|familia|familias|acudiente|organizacion|entidad|academia|veedor|veeduria|public[oa]? en general|otr[oa]s? entidad)/;
const internalWords = /\b(intern[oa]s?|internal|servidor(?:a|es|as)?|funcionari[oa]s?|contratistas?|colaborador(?:a|es|as)?|emplead[oa]s?|staff|employees?|personal de planta|trabajador(?:a|es|as)?)/;

/** Internal or external from the words of a cell ("Externo", "Servidor público", "Ciudadanía", "Contratista"), or null. */
export function parseValueGroupKind(cell: string): ValueGroupKind | null {
  const h = norm(cell);
  if (!h) return null;
  if (/\bextern/.test(h)) return 'external';
  if (/\bintern/.test(h)) return 'internal';
  if (internalWords.test(h)) return 'internal';
  if (externalWords.test(h)) return 'external';
  return null;
}

/** The channel from the words of a cell; anything unrecognised but present is 'other'; empty is null. */
export function parseChannel(cell: string): ResponseChannel | null {
  const h = norm(cell);
  if (!h) return null;
  if ((responseChannels as readonly string[]).includes(h)) return h as ResponseChannel;
  if (/\b(correo|e-?mail|mail|boletin|newsletter)/.test(h)) return 'email';
  if (/\b(redes|red social|social|facebook|instagram|twitter|x\.com|tiktok|whatsapp|youtube|linkedin)/.test(h)) return 'social';
  if (/\b(canales? oficial|oficial|official|intranet|cartelera|circular)/.test(h)) return 'official';
  if (/\b(sitio web|pagina web|web|website|portal|formulario)/.test(h)) return 'web';
  return 'other';
}

/** Splits a multi-topic cell ("A;B", Google's "A, B") into its pieces, trimmed, empties dropped. */
const separator = /\s*[;,]\s*/;

/** Finds the consultation's topics in a cell: titles may themselves hold commas, so consecutive pieces are tried together. */
class TopicMatcher {
  private readonly byKey = new Map<string, number>();
  private readonly maxPieces: number;

  constructor(topics: { id: number; title: string }[]) {
    let max = 1;
    for (const topic of topics) {
      const pieces = topicKey(topic.title).split(separator).filter(Boolean);
      this.byKey.set(pieces.join(','), topic.id);
      max = Math.max(max, pieces.length);
    }
    this.maxPieces = max;
  }

  /** Exports repeat the same few checkbox combinations: each distinct cell is read once. */
  private readonly cache = new Map<string, { ids: number[]; unknown: string[] }>();

  /** The topics found (in order, without repeats) and the pieces that are none of them. */
  match(cell: string): { ids: number[]; unknown: string[] } {
    let found = this.cache.get(cell);
    if (!found) {
      found = this.read(cell);
      if (this.cache.size < 50_000) this.cache.set(cell, found);
    }
    return found;
  }

  private read(cell: string): { ids: number[]; unknown: string[] } {
    const ids: number[] = [];
    const unknown: string[] = [];
    const whole = this.byKey.get(topicKey(cell));
    if (whole !== undefined) return { ids: [whole], unknown };
    const raw = cell.split(separator).map((p) => p.trim()).filter(Boolean);
    const keys = raw.map(topicKey);
    let i = 0;
    while (i < keys.length) {
      let found = false;
      for (let j = Math.min(keys.length, i + this.maxPieces); j > i; j--) {
        const id = this.byKey.get(j === i + 1 ? keys[i] : keys.slice(i, j).join(','));
        if (id !== undefined) {
          if (!ids.includes(id)) ids.push(id);
          i = j;
          found = true;
          break;
        }
      }
      if (!found) {
        unknown.push(raw[i]);
        i++;
      }
    }
    return { ids, unknown };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Mapping rows to responses
// ---------------------------------------------------------------------------------------------------------

export interface MapImportOptions {
  header: string[];
  rows: string[][];
  mapping: Record<string, ImportColumnRole>;
  consultation: { openDate: string; closeDate: string; topics: { id: number; title: string }[] };
  lateMode: LateMode;
  /** The channel of rows without one (no channel column, or an empty cell). */
  defaultChannel?: ResponseChannel;
  /** The value group kind of rows that do not say it; without it (and without a group column) the file is refused. */
  defaultValueGroupKind?: ResponseValueGroupKind;
}

export type MapImportResult =
  | {
      ok: true;
      responses: ResponseInput[];
      /** The spreadsheet row of each response (header = row 1). */
      rowNumbers: number[];
      errors: ImportRowError[];
      droppedPersonalColumns: string[];
      /** Non-blank rows read. */
      total: number;
      dateOrder: DateOrder | null;
    }
  | { ok: false; message: string; path: string };

export type ImportMapper =
  | { ok: true; mapRows: (from: number, to: number) => void; result: () => Extract<MapImportResult, { ok: true }> }
  | { ok: false; message: string; path: string };

interface Columns {
  timestamp: number;
  valueGroupKind: number;
  valueGroup: number;
  channel: number;
  topics: number[];
  proposedTopic: number[];
  questions: number[];
}

/** Checks the mapping against the header: each key is a column, one-column roles used once, what every response needs is there. */
function resolveColumns(
  header: string[],
  mapping: Record<string, ImportColumnRole>,
  defaultKind: ResponseValueGroupKind | undefined,
): { columns: Columns; dropped: string[] } | { message: string; path: string } {
  for (const key of Object.keys(mapping)) if (!header.includes(key)) return { message: consultationImportMessages.unknownColumn(key), path: `mapping.${key}` };
  const columns: Columns = { timestamp: -1, valueGroupKind: -1, valueGroup: -1, channel: -1, topics: [], proposedTopic: [], questions: [] };
  const dropped: string[] = [];
  const suggested = suggestMapping(header);
  header.forEach((name) => {
    const role = mapping[name] ?? 'ignore';
    // A column marked personal, or left out while it looks personal, is named as dropped.
    if (role === 'personal' || (role === 'ignore' && suggested[name] === 'personal')) {
      if (!dropped.includes(name)) dropped.push(name);
    }
  });
  for (let index = 0; index < header.length; index++) {
    const role = mapping[header[index]];
    if (role === undefined || role === 'personal' || role === 'ignore') continue;
    if (role === 'topics' || role === 'proposedTopic' || role === 'questions') columns[role].push(index);
    else if (columns[role] !== -1) return { message: consultationImportMessages.duplicateRole(importColumnRoleLabels[role]), path: `mapping.${header[index]}` };
    else columns[role] = index;
  }
  if (columns.timestamp < 0) return { message: consultationImportMessages.timestampRequired, path: 'mapping' };
  if (columns.topics.length === 0 && columns.proposedTopic.length === 0) return { message: consultationImportMessages.topicsRequired, path: 'mapping' };
  if (columns.valueGroupKind < 0 && columns.valueGroup < 0 && !defaultKind) return { message: consultationImportMessages.valueGroupRequired, path: 'defaultValueGroupKind' };
  return { columns, dropped };
}

/** Caches a cell reader: the same few values (group names, channels, timestamps to the second) repeat down a column. */
function memo<T>(read: (cell: string) => T): (cell: string) => T {
  const cache = new Map<string, T>();
  return (cell) => {
    let value = cache.get(cell);
    if (value === undefined && !cache.has(cell)) {
      value = read(cell);
      if (cache.size < 50_000) cache.set(cell, value);
    }
    return value as T;
  };
}

const isBlank = (row: string[]) => {
  for (let i = 0; i < row.length; i++) if (row[i] !== undefined && row[i].trim() !== '') return false;
  return true;
};

/** A row that cannot become a response: its error's message (only a refused row allocates one). */
class RowRefusal {
  constructor(readonly message: string) {}
}

/** What the readers of one row share: the columns, the consultation and the file's defaults, and cached cell readers. */
interface RowReading {
  columns: Columns;
  consultation: MapImportOptions['consultation'];
  lateMode: LateMode;
  defaultChannel: ResponseChannel;
  defaultKind: ResponseValueGroupKind | undefined;
  /** The file names topics only (no proposed-topic column): a topic that matches none is proposed. */
  proposeUnknown: boolean;
  matcher: TopicMatcher;
  kindOf: (cell: string) => ResponseValueGroupKind | null;
  channelOf: (cell: string) => ResponseChannel | null;
  dateOf: (stamp: string) => string | null;
}

const cellAt = (row: string[], index: number) => (index < 0 ? '' : (row[index] ?? '').trim());

/** The response's date and whether it came after the period (or the row's error when late rows are refused). */
function readDate(row: string[], at: RowReading): { date: string; late: boolean } | RowRefusal {
  const stamp = cellAt(row, at.columns.timestamp);
  if (!stamp) return new RowRefusal(consultationImportMessages.missingDate);
  const date = at.dateOf(stamp);
  if (!date) return new RowRefusal(consultationImportMessages.badDate(stamp));
  const late = date < at.consultation.openDate || date > at.consultation.closeDate;
  if (late && at.lateMode === 'reject') return new RowRefusal(consultationImportMessages.late(date));
  return { date, late };
}

/** The value group's kind and name. */
function readValueGroup(row: string[], at: RowReading): { kind: ResponseValueGroupKind; valueGroup: string } | RowRefusal {
  const { columns } = at;
  const kindCell = cellAt(row, columns.valueGroupKind);
  const groupCell = cellAt(row, columns.valueGroup);
  // A kind the row does not give (no kind column or an empty kind cell, and a group that does not tell) is the
  // file's default; a kind cell that says something unreadable is the row's error.
  const kind = at.kindOf(kindCell) ?? (columns.valueGroupKind < 0 || !kindCell ? (at.kindOf(groupCell) ?? at.defaultKind ?? null) : null);
  if (!kind) return new RowRefusal(consultationImportMessages.unknownKind(kindCell || groupCell));
  // With no group column, a kind cell that says more than "Interno"/"Externo" names the group ("Contratista").
  const valueGroup = columns.valueGroup >= 0 ? groupCell : /^(intern|extern)(o|a|os|as|al)?$/i.test(kindCell) ? '' : kindCell;
  if (valueGroup.length > consultationLimits.valueGroup) return new RowRefusal(consultationImportMessages.tooLong('Grupo de valor', consultationLimits.valueGroup));
  return { kind, valueGroup };
}

/** The consultation's topics the row chose and the topic it proposed (at least one of them). */
function readTopics(row: string[], at: RowReading): { topicIds: number[]; proposedTopic: string } | RowRefusal {
  const { columns } = at;
  let topicIds: number[] = [];
  const unknown: string[] = [];
  for (const index of columns.topics) {
    const text = cellAt(row, index);
    if (!text) continue;
    const found = at.matcher.match(text);
    for (const id of found.ids) if (!topicIds.includes(id)) topicIds.push(id);
    unknown.push(...found.unknown);
  }
  if (unknown.length > 0 && !at.proposeUnknown) return new RowRefusal(consultationImportMessages.unknownTopic(unknown[0]));
  if (topicIds.length > consultationLimits.topicIds) topicIds = topicIds.slice(0, consultationLimits.topicIds);
  const proposedParts = at.proposeUnknown ? unknown : columns.proposedTopic.map((index) => cellAt(row, index)).filter(Boolean);
  const proposedTopic = proposedParts.join('; ');
  if (proposedTopic.length > consultationLimits.proposedTopic) return new RowRefusal(consultationImportMessages.tooLong('Tema propuesto', consultationLimits.proposedTopic));
  if (topicIds.length === 0 && proposedTopic === '') return new RowRefusal(consultationImportMessages.chooseOrPropose);
  return { topicIds, proposedTopic };
}

/** The row's questions, each within the limits. */
function readQuestions(row: string[], columns: Columns): string[] | RowRefusal {
  const questions: string[] = [];
  let problem: string | null = null;
  for (const index of columns.questions) {
    const text = cellAt(row, index);
    if (!text) continue;
    if (text.length > consultationLimits.questionText) problem = consultationImportMessages.tooLong('Pregunta', consultationLimits.questionText);
    questions.push(text);
  }
  if (questions.length > consultationLimits.questions) problem = consultationImportMessages.tooManyQuestions;
  return problem ? new RowRefusal(problem) : questions;
}

/** One non-blank row as a response, or its error (the first reader that refuses it says why). */
function readResponse(row: string[], at: RowReading): ResponseInput | RowRefusal {
  const when = readDate(row, at);
  if (when instanceof RowRefusal) return when;
  const group = readValueGroup(row, at);
  if (group instanceof RowRefusal) return group;
  const topics = readTopics(row, at);
  if (topics instanceof RowRefusal) return topics;
  const questions = readQuestions(row, at.columns);
  if (questions instanceof RowRefusal) return questions;
  const channel = at.channelOf(cellAt(row, at.columns.channel)) ?? at.defaultChannel;
  return { valueGroupKind: group.kind, valueGroup: group.valueGroup, ...topics, questions, channel, date: when.date, late: when.late };
}

/**
 * The timestamp column's dates: which order its numeric dates are written in (decided once from the whole
 * column), a reader that caches each day, and whether any date was numeric (else the order did not matter).
 */
function timestampReader(rows: string[][], header: string[], ts: number) {
  const dateOrder = timestampDateOrder(
    (function* () {
      for (const row of rows) if (row[ts]) yield row[ts];
    })(),
    header[ts],
  );
  const seen = { numericDates: false };
  // Timestamps are nearly all distinct (to the second) but their days repeat: the day part is what is read and cached.
  const readDay = memo((day: string) => {
    if (!seen.numericDates && slashed.test(day)) seen.numericDates = true;
    return parseFormTimestamp(day, dateOrder.dayFirst);
  });
  const dateOf = (stamp: string) => {
    const cut = stamp.search(/[\sT]/);
    return readDay(cut > 0 ? stamp.slice(0, cut) : stamp);
  };
  return { dateOf, dateOrder: () => (seen.numericDates ? dateOrder : null) };
}

/**
 * mapImportRows a slice at a time: the mapping is checked once, then `mapRows(from, to)` maps rows in order (the
 * caller may let other work run between slices) and `result()` gives what mapImportRows would.
 */
export function createImportMapper(options: MapImportOptions): ImportMapper {
  const { header, rows } = options;
  const resolved = resolveColumns(header, options.mapping, options.defaultValueGroupKind);
  if ('message' in resolved) return { ok: false, message: resolved.message, path: resolved.path };
  const { columns, dropped } = resolved;
  const timestamps = timestampReader(rows, header, columns.timestamp);
  const reading: RowReading = {
    columns,
    consultation: options.consultation,
    lateMode: options.lateMode,
    defaultChannel: options.defaultChannel ?? 'web',
    defaultKind: options.defaultValueGroupKind,
    proposeUnknown: columns.proposedTopic.length === 0,
    matcher: new TopicMatcher(options.consultation.topics),
    kindOf: memo(parseValueGroupKind),
    channelOf: memo(parseChannel),
    dateOf: timestamps.dateOf,
  };

  const responses: ResponseInput[] = [];
  const rowNumbers: number[] = [];
  const errors: ImportRowError[] = [];
  let total = 0;
  return {
    ok: true,
    mapRows(from: number, to: number) {
      for (let r = from; r < to; r++) {
        if (isBlank(rows[r])) continue;
        total++;
        const rowNumber = r + 2;
        const response = readResponse(rows[r], reading);
        if (response instanceof RowRefusal) {
          errors.push({ row: rowNumber, message: response.message });
        } else {
          responses.push(response);
          rowNumbers.push(rowNumber);
        }
      }
    },
    result: () => ({ ok: true, responses, rowNumbers, errors, droppedPersonalColumns: dropped, total, dateOrder: timestamps.dateOrder() }),
  };
}

/**
 * Turns the rows of a form export into responses. Mapping problems (an unknown column, a role twice, no date
 * column) fail the whole file; a row that cannot become a valid response is a row error. Personal columns are
 * never read. A date outside the consultation's period is marked late (`lateMode` 'mark') or an error ('reject').
 */
export function mapImportRows(options: MapImportOptions): MapImportResult {
  const mapper = createImportMapper(options);
  if (!mapper.ok) return mapper;
  mapper.mapRows(0, options.rows.length);
  return mapper.result();
}
