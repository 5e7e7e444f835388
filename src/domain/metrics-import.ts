import { isRealDate } from './common';
import { addDateOrderEvidence, decideDateOrder, noDateOrderEvidence, numericDateParts, sumDateOrderEvidence, type DateOrder, type DateOrderEvidence } from './date-order';
import type { Figure, LiveSummary, LiveViewersPoint, PostCard, RetentionPoint, SincePublication } from './metrics';
import { parseDuration } from './metrics-format';

/**
 * Reads the CSV exports of Meta Business Suite (video insights, English / es-LA / es-ES headers) and YouTube
 * Studio ("Table data.csv" and the live viewership export) into partial metric snapshots. Text or bytes in,
 * a structured result out: a bad file gets a Spanish message, never an exception. Headers are matched by an
 * alias table, case- and accent-insensitively, never by position.
 */

export const metricsImportFormats = ['meta_video', 'youtube_table', 'youtube_live'] as const;
export type MetricsImportFormat = (typeof metricsImportFormats)[number];

export const metricsImportFormatLabels: Record<MetricsImportFormat, string> = {
  meta_video: 'Exportación de videos de Meta Business Suite',
  youtube_table: 'YouTube Studio: «Table data.csv»',
  youtube_live: 'YouTube Studio: espectadores de la transmisión en vivo',
};

export const metricsImportLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxRows: 50_000,
  maxProblems: 200,
} as const;

export const importMessages = {
  empty: 'El archivo está vacío.',
  tooLarge: 'El archivo pesa más de 5 MB. Exporte un período más corto o solo los videos de los foros.',
  tooManyRows: (rows: number) => `El archivo tiene ${rows.toLocaleString('es-CO')} filas; el máximo es 50.000. Exporte un período más corto.`,
  excel: 'Es un libro de Excel (.xlsx), no un CSV. Ábralo y guárdelo como «CSV UTF-8 (delimitado por comas)».',
  binary: 'El archivo no es un CSV de texto (contiene bytes binarios). Exporte de nuevo en formato CSV.',
  noHeader:
    'No se reconocieron los encabezados: el archivo no parece una exportación de videos de Meta Business Suite ni de YouTube Studio. Revise que la primera fila tenga los nombres de las columnas.',
  noRows: 'El archivo solo tiene encabezados; no hay filas de datos.',
  unclosedQuote: 'El archivo tiene comillas sin cerrar; puede estar cortado o dañado.',
  badNumber: (header: string, value: string) => `Columna «${header}»: «${value}» no es un número; se dejó vacía.`,
  negative: (header: string, value: string) => `Columna «${header}»: «${value}» es negativo; se dejó vacía.`,
  badDuration: (header: string, value: string) => `Columna «${header}»: «${value}» no es una duración; se dejó vacía.`,
  badDate: (header: string, value: string) => `Columna «${header}»: «${value}» no es una fecha reconocida; se dejó vacía.`,
  mixedDateOrder: (header: string, value: string, dayFirst: boolean) =>
    `Columna «${header}»: «${value}» escribe ${dayFirst ? 'el mes primero' : 'el día primero'}, pero las demás fechas del archivo escriben ${dayFirst ? 'el día primero' : 'el mes primero'}; se dejó vacía.`,
  extraCells: 'La fila tiene más celdas que el encabezado; se ignoraron las sobrantes.',
  moreProblems: (n: number) => `Y ${n.toLocaleString('es-CO')} problemas más.`,
  noCurve: 'No hay filas válidas de posición y espectadores simultáneos para la curva.',
  duplicateHeader: (header: string) => `La columna «${header}» está repetida; se usó la primera.`,
} as const;

/** What a recognised column feeds. */
export type ImportField =
  | 'postId'
  | 'pageId'
  | 'pageName'
  | 'title'
  | 'description'
  | 'permalink'
  | 'postType'
  | 'publishTime'
  | 'date'
  | 'durationSeconds'
  | 'videoId'
  | 'plays'
  | 'likes'
  | 'reactions'
  | 'comments'
  | 'shares'
  | 'reach'
  | 'interactions'
  | 'views3s'
  | 'views15s'
  | 'views1m'
  | 'viewers3s'
  | 'viewers1m'
  | 'totalWatchSeconds'
  | 'avgWatchSeconds'
  | 'watchTimeHours'
  | 'avgViewDuration'
  | 'impressions'
  | 'impressionsCtr'
  | 'avgPercentViewed'
  | 'subscribers'
  | 'streamPositionSeconds'
  | 'concurrentViewers'
  | 'avgConcurrentViewers'
  | 'chatMessages'
  | `retention.${number}`;

export type ImportLanguage = 'en' | 'es';
type Language = ImportLanguage;
interface Alias {
  field: ImportField;
  en: string[];
  es: string[];
}

const metaAliases: Alias[] = [
  { field: 'postId', en: ['post id', 'video id', 'video asset id'], es: ['identificador de la publicacion', 'id de la publicacion', 'identificador del video', 'identificador de la pieza de video', 'id del video'] },
  { field: 'pageId', en: ['page id'], es: ['identificador de la pagina', 'id de la pagina'] },
  { field: 'pageName', en: ['page name'], es: ['nombre de la pagina'] },
  { field: 'title', en: ['title'], es: ['titulo'] },
  { field: 'description', en: ['description'], es: ['descripcion'] },
  { field: 'permalink', en: ['permalink', 'post link'], es: ['enlace permanente', 'enlace de la publicacion'] },
  { field: 'postType', en: ['post type'], es: ['tipo de publicacion'] },
  { field: 'publishTime', en: ['publish time', 'published'], es: ['hora de publicacion', 'fecha de publicacion'] },
  { field: 'date', en: ['date'], es: ['fecha'] },
  { field: 'durationSeconds', en: ['duration (sec)', 'duration (seconds)', 'length (sec)'], es: ['duracion (s)', 'duracion (seg)', 'duracion (segundos)', 'duracion (sec)'] },
  { field: 'views3s', en: ['3-second video views', '3 second video views'], es: ['reproducciones de video de 3 segundos', 'visualizaciones de video de 3 segundos', 'reproducciones de 3 segundos'] },
  { field: 'views15s', en: ['15-second video views', '15 second video views'], es: ['reproducciones de video de 15 segundos', 'visualizaciones de video de 15 segundos'] },
  { field: 'views1m', en: ['1-minute video views', '1 minute video views'], es: ['reproducciones de video de 1 minuto', 'visualizaciones de video de 1 minuto'] },
  { field: 'viewers3s', en: ['3-second viewers', '3 second viewers', '3-second video viewers'], es: ['espectadores de 3 segundos', 'espectadores de video de 3 segundos'] },
  { field: 'viewers1m', en: ['1-minute viewers', '1 minute viewers', '1-minute video viewers'], es: ['espectadores de 1 minuto', 'espectadores de video de 1 minuto'] },
  { field: 'totalWatchSeconds', en: ['seconds viewed', 'total seconds viewed'], es: ['segundos reproducidos', 'segundos visualizados', 'segundos de reproduccion'] },
  { field: 'avgWatchSeconds', en: ['average seconds viewed', 'avg. seconds viewed'], es: ['segundos en promedio reproducidos', 'segundos de media reproducidos', 'promedio de segundos reproducidos', 'segundos reproducidos en promedio', 'segundos de media visualizados'] },
  { field: 'reach', en: ['reach', 'people reached'], es: ['alcance', 'personas alcanzadas'] },
  {
    field: 'interactions',
    en: ['reactions, comments and shares', 'reactions, comments & shares'],
    es: ['reacciones, comentarios y veces que se compartio', 'reacciones, comentarios y veces compartido', 'reacciones, comentarios y contenido compartido', 'reacciones, comentarios y veces que se ha compartido', 'interacciones'],
  },
  { field: 'reactions', en: ['reactions'], es: ['reacciones'] },
  { field: 'comments', en: ['comments'], es: ['comentarios'] },
  { field: 'shares', en: ['shares'], es: ['veces que se compartio', 'veces compartido', 'contenido compartido', 'veces que se ha compartido', 'compartidos'] },
];

const youtubeTableAliases: Alias[] = [
  { field: 'videoId', en: ['content', 'video'], es: ['contenido'] },
  { field: 'title', en: ['video title'], es: ['titulo del video'] },
  { field: 'publishTime', en: ['video publish time'], es: ['hora de publicacion del video', 'fecha de publicacion del video'] },
  { field: 'durationSeconds', en: ['duration'], es: ['duracion'] },
  { field: 'plays', en: ['views'], es: ['visualizaciones', 'vistas'] },
  { field: 'watchTimeHours', en: ['watch time (hours)'], es: ['tiempo de visualizacion (horas)', 'tiempo de reproduccion (horas)'] },
  { field: 'avgViewDuration', en: ['average view duration'], es: ['duracion promedio de visualizacion', 'duracion media de visualizacion', 'duracion promedio de las visualizaciones'] },
  { field: 'impressions', en: ['impressions'], es: ['impresiones'] },
  { field: 'impressionsCtr', en: ['impressions click-through rate (%)'], es: ['porcentaje de clics de las impresiones (%)', 'tasa de clics de las impresiones (%)'] },
  { field: 'avgPercentViewed', en: ['average percentage viewed (%)'], es: ['porcentaje promedio visto (%)', 'porcentaje medio visto (%)'] },
  { field: 'likes', en: ['likes'], es: ['me gusta', 'marcas de me gusta'] },
  { field: 'comments', en: ['comments added'], es: ['comentarios agregados', 'comentarios anadidos', 'comentarios anadidos'] },
  { field: 'shares', en: ['shares'], es: ['veces compartido', 'contenido compartido', 'compartidos', 'veces que se compartio'] },
  { field: 'subscribers', en: ['subscribers', 'subscribers gained'], es: ['suscriptores', 'suscriptores obtenidos'] },
];

const youtubeLiveAliases: Alias[] = [
  { field: 'streamPositionSeconds', en: ['live stream position (seconds)', 'live stream position'], es: ['posicion de la transmision en vivo (segundos)', 'posicion de la emision en directo (segundos)', 'posicion en la transmision en vivo (segundos)'] },
  { field: 'concurrentViewers', en: ['concurrent viewers'], es: ['usuarios simultaneos', 'espectadores simultaneos', 'espectadores concurrentes'] },
  { field: 'avgConcurrentViewers', en: ['average concurrent viewers'], es: ['promedio de usuarios simultaneos', 'promedio de espectadores simultaneos', 'media de espectadores simultaneos', 'media de usuarios simultaneos'] },
  { field: 'chatMessages', en: ['live chat messages', 'chat messages'], es: ['mensajes del chat en vivo', 'mensajes de chat en directo', 'mensajes del chat en directo', 'mensajes de chat'] },
];

/** Meta's retention columns: one per interval (40 equal intervals). */
const retentionHeader = [
  /^porcentaje del total de (?:reproducciones|visualizaciones) en el intervalo (\d{1,3})$/,
  /^percent(?:age)? of (?:total )?(?:views|plays|video views) (?:at|in) (?:the )?interval (\d{1,3})$/,
];

/** Lower case, no accents, straight quotes, single spaces: how headers and titles are compared. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const normaliseHeader = (header: string) => normaliseText(header.replace(/^\ufeff/, '').replace(/^["']|["']$/g, ''));

function buildAliasIndex(aliases: Alias[]): Map<string, { field: ImportField; lang: Language }> {
  const index = new Map<string, { field: ImportField; lang: Language }>();
  for (const alias of aliases) {
    for (const lang of ['en', 'es'] as const) for (const text of alias[lang]) index.set(normaliseText(text), { field: alias.field, lang });
  }
  return index;
}

const aliasIndexes: Record<MetricsImportFormat, Map<string, { field: ImportField; lang: Language }>> = {
  meta_video: buildAliasIndex(metaAliases),
  youtube_table: buildAliasIndex(youtubeTableAliases),
  youtube_live: buildAliasIndex(youtubeLiveAliases),
};

/** The snapshot figures a row of an import provides. */
export interface ImportedValues {
  postCard?: Partial<PostCard>;
  liveSummary?: Partial<LiveSummary>;
  sincePublication?: Partial<SincePublication>;
}

export interface ImportedRow {
  /** Record number as a spreadsheet shows it (the header is 1). */
  rowNumber: number;
  permalink?: string;
  title?: string;
  /** YYYY-MM-DD */
  publishDate?: string;
  /** Meta rows whose "Date" is a day (a daily breakdown) rather than "Lifetime". */
  day?: string;
  /** The date the file gives for this row's figures (YYYY-MM-DD), when it gives one: a daily row's day. */
  asOf?: string;
  durationSeconds?: number;
  values: ImportedValues;
}

export interface ImportProblem {
  row?: number;
  message: string;
}

export type MetricsImportResult =
  | {
      ok: true;
      format: MetricsImportFormat;
      language: Language;
      delimiter: ',' | ';' | '\t';
      recognisedColumns: { header: string; field: ImportField }[];
      unrecognisedColumns: string[];
      rows: ImportedRow[];
      problems: ImportProblem[];
      /**
       * How the file's numeric dates (`09/07/2022`) were read: decided once for the file from its values, or by
       * the headers' language when no value decides (`decidedBy: 'fallback'`: the preview says so). Null when the
       * file has no numeric date.
       */
      dateOrder: DateOrder | null;
      /** What each date column's values said (the chunked reader adds them up over the whole file). */
      dateEvidence: Partial<Record<DateField, DateOrderEvidence>>;
    }
  | { ok: false; message: string };

/** The columns whose dates are read (day or month first). */
export const dateFields = ['date', 'publishTime'] as const;
export type DateField = (typeof dateFields)[number];

// ---------------------------------------------------------------------------------------------------------
// Bytes → text → records

/** Decodes bytes (UTF-8 with or without BOM; UTF-16 with BOM), refusing spreadsheets and binary files. */
function decode(input: string | Uint8Array | ArrayBuffer): { ok: true; text: string } | { ok: false; message: string } {
  if (typeof input === 'string') {
    if (utf8Length(input) > metricsImportLimits.maxBytes) return { ok: false, message: importMessages.tooLarge };
    if (input.startsWith('PK\u0003\u0004')) return { ok: false, message: importMessages.excel };
    return { ok: true, text: input.replace(/^\ufeff/, '') };
  }
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length > metricsImportLimits.maxBytes) return { ok: false, message: importMessages.tooLarge };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) return { ok: false, message: importMessages.excel };
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  try {
    // ignoreBOM: false → the decoder drops the byte-order mark.
    const text = new TextDecoder(encoding, { fatal: false }).decode(bytes);
    return { ok: true, text: text.replace(/^\ufeff/, '') };
  } catch {
    return { ok: false, message: importMessages.binary };
  }
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
    if (bytes > metricsImportLimits.maxBytes) return bytes;
  }
  return bytes;
}

/** Picks the delimiter that splits the header line into the most cells (quotes respected). */
function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/**
 * RFC 4180 records: quoted cells with `""` escapes and line breaks, CRLF / LF / CR line ends.
 * Stops early (returning `tooMany`) once `maxRecords` is exceeded.
 */
export function parseCsvRecords(text: string, delimiter: string, maxRecords = Infinity): { records: string[][]; unclosedQuote: boolean; tooMany: boolean } {
  const records: string[][] = [];
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let row: string[] = [];
  let i = 0;
  let unclosedQuote = false;
  while (i <= n) {
    if (i === n) {
      // End of text: close the last record unless it is empty (trailing newline).
      if (row.length > 0) records.push(row);
      break;
    }
    let cell: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      let j = i + 1;
      let value = '';
      let start = j;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          unclosedQuote = true;
          value += text.slice(start);
          j = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 34) {
          value += text.slice(start, q + 1);
          j = q + 2;
          start = j;
          continue;
        }
        value += text.slice(start, q);
        j = q + 1;
        break;
      }
      // Anything between the closing quote and the delimiter is kept (lenient, like spreadsheets).
      let k = j;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === d || c === 10 || c === 13) break;
        k++;
      }
      cell = value + text.slice(j, k);
      i = k;
    } else {
      let k = i;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === d || c === 10 || c === 13) break;
        k++;
      }
      cell = text.slice(i, k);
      i = k;
    }
    row.push(cell);
    if (i >= n) {
      records.push(row);
      break;
    }
    const c = text.charCodeAt(i);
    if (c === d) {
      i++;
      if (i === n) {
        row.push('');
        records.push(row);
        break;
      }
      continue;
    }
    // Line end.
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    records.push(row);
    row = [];
    if (records.length > maxRecords) return { records, unclosedQuote, tooMany: true };
  }
  return { records, unclosedQuote, tooMany: false };
}

// ---------------------------------------------------------------------------------------------------------
// Cells → values

type NumberResult = { ok: true; value: number; decimals: number } | { ok: false; negative: boolean } | null;

/** Empty-looking cells: no value, no problem. */
const blank = /^(?:|-|--|—|n\/a|n\/d|nd|na|null)$/i;

/** A record with nothing but empty cells (blank lines, trailing delimiters). */
const isBlankRecord = (record: string[]) => record.every((cell) => cell.trim() === '');

/**
 * Reads a number written by an export (machine `1234.5`) or re-saved by a spreadsheet in either locale
 * (`1.234,5`, `1,234.5`, `1234,5`). With `decimal: false`, `1.234` and `1,234` are thousands.
 */
export function parseCsvNumber(cell: string, decimal: boolean): NumberResult {
  // Fast path: plain digits, as exports write them (most of a 10.000-row file).
  const n = cell.length;
  if (n > 0 && n < 16) {
    let digits = true;
    for (let i = 0; i < n; i++) {
      const c = cell.charCodeAt(i);
      if (c < 48 || c > 57) {
        digits = false;
        break;
      }
    }
    if (digits) return { ok: true, value: Number(cell), decimals: 0 };
  }
  const text = cell.replace(/[\s\u00a0\u202f]/g, '');
  if (blank.test(text)) return null;
  if (/^\d+$/.test(text)) return { ok: true, value: Number(text), decimals: 0 };
  if (/^[-−]\d/.test(text)) return { ok: false, negative: true };
  let m = /^(\d+)[.,](\d+)$/.exec(text);
  if (m) {
    const zeros = /^0+$/.test(m[2]);
    // `1.234` / `1,234` in a count column: a thousands separator, not 1,234 plays.
    if (!decimal && !zeros && m[2].length === 3 && m[1].length <= 3) return { ok: true, value: Number(m[1] + m[2]), decimals: 0 };
    return { ok: true, value: Number(`${m[1]}.${m[2]}`), decimals: zeros ? 0 : m[2].length };
  }
  if (/^\d{1,3}(?:\.\d{3})+$/.test(text) || /^\d{1,3}(?:,\d{3})+$/.test(text)) return { ok: true, value: Number(text.replace(/[.,]/g, '')), decimals: 0 };
  m = /^(\d{1,3}(?:\.\d{3})+),(\d+)$/.exec(text) ?? /^(\d{1,3}(?:,\d{3})+)\.(\d+)$/.exec(text);
  if (m) return { ok: true, value: Number(`${m[1].replace(/[.,]/g, '')}.${m[2]}`), decimals: m[2].length };
  return { ok: false, negative: false };
}

const englishMonths = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const spanishMonths = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'];

function monthNumber(name: string): number {
  const key = name.slice(0, 3);
  const en = englishMonths.indexOf(key);
  if (en >= 0) return en + 1;
  const es = spanishMonths.indexOf(key);
  return es >= 0 ? es + 1 : 0;
}

const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * A date as exports print it → YYYY-MM-DD: ISO (`2022-06-22T10:00:00-0500`), Meta's `06/22/2022 10:00`,
 * YouTube's `Oct 3, 2026` or `3 oct. 2026`. Null when not a date. `dayFirst` is the order of the file (decided
 * once from all its values: date-order.ts); a lone value with a part above 12 (a date typed in the form) is read
 * the only way it can be.
 */
export function parseExportDate(cell: string, dayFirst: boolean): string | null {
  const text = normaliseText(cell);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?$/.exec(text);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:,? .*)?$/.exec(text);
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const dayFirstHere = a > 12 ? true : b > 12 ? false : dayFirst;
    return dayFirstHere ? checked(y, b, a) : checked(y, a, b);
  }
  m = /^([a-z]{3,})\.? (\d{1,2}),? (\d{4})$/.exec(text);
  if (m) return checked(Number(m[3]), monthNumber(m[1]), Number(m[2]));
  m = /^(\d{1,2}),? (?:de )?([a-z]{3,})\.?,? (?:de )?(\d{4})$/.exec(text);
  if (m) return checked(Number(m[3]), monthNumber(m[2]), Number(m[1]));
  return null;
}

function checked(y: number, m: number, d: number): string | null {
  const value = ymd(y, m, d);
  return m >= 1 && isRealDate(value) ? value : null;
}

const lifetimeWords = new Set(['lifetime', 'de por vida', 'total', 'todo el tiempo', 'desde siempre', 'vida util', 'toda la vida', 'historico']);

// ---------------------------------------------------------------------------------------------------------
// Detection and parsing

interface Column {
  index: number;
  header: string;
  field: ImportField;
}

function recognise(headers: string[], format: MetricsImportFormat) {
  const index = aliasIndexes[format];
  const columns: Column[] = [];
  const unrecognised: string[] = [];
  const seen = new Set<string>();
  const duplicates: string[] = [];
  let en = 0;
  let es = 0;
  headers.forEach((header, i) => {
    const key = normaliseHeader(header);
    if (key === '') return;
    let field: ImportField | undefined;
    const alias = index.get(key);
    if (alias) {
      field = alias.field;
      if (alias.lang === 'en') en++;
      else es++;
    } else if (format === 'meta_video') {
      for (const [k, re] of retentionHeader.entries()) {
        const m = re.exec(key);
        if (m) {
          field = `retention.${Number(m[1])}`;
          if (k === 0) es++;
          else en++;
          break;
        }
      }
    }
    if (!field) {
      unrecognised.push(header.trim());
      return;
    }
    if (seen.has(field)) {
      duplicates.push(header.trim());
      return;
    }
    seen.add(field);
    columns.push({ index: i, header: header.trim(), field });
  });
  return { columns, unrecognised, duplicates, language: (es > en ? 'es' : 'en') as Language, fields: seen };
}

const metaMetricFields: ImportField[] = ['views3s', 'views15s', 'views1m', 'viewers3s', 'viewers1m', 'totalWatchSeconds', 'avgWatchSeconds', 'reach', 'interactions', 'reactions', 'comments', 'shares'];

function detect(headers: string[]) {
  const candidates = metricsImportFormats.map((format) => ({ format, ...recognise(headers, format) }));
  const valid = candidates.filter(({ format, fields }) => {
    if (format === 'youtube_live') return fields.has('streamPositionSeconds') && fields.has('concurrentViewers');
    if (format === 'youtube_table') return fields.has('videoId') && (fields.has('plays') || fields.has('watchTimeHours') || fields.has('avgViewDuration'));
    return metaMetricFields.some((f) => fields.has(f)) || [...fields].some((f) => f.startsWith('retention.'));
  });
  valid.sort((a, b) => b.columns.length - a.columns.length);
  return valid[0] ?? null;
}

class Problems {
  readonly list: ImportProblem[] = [];
  private extra = 0;
  add(row: number | undefined, message: string) {
    if (this.list.length < metricsImportLimits.maxProblems) this.list.push(row === undefined ? { message } : { row, message });
    else this.extra++;
  }
  done(): ImportProblem[] {
    return this.extra > 0 ? [...this.list, { message: importMessages.moreProblems(this.extra) }] : this.list;
  }
}

const exactFigure = (value: number): Figure => ({ value, approximate: false });

interface RowContext {
  cells: string[];
  rowNumber: number;
  problems: Problems;
}

function cellOf(ctx: RowContext, column: Column | undefined): string {
  return column ? (ctx.cells[column.index] ?? '').trim() : '';
}

/** The value of a cell of plain digits (what exports write), or -1. Allocation-free: called for every cell. */
function plainDigits(cell: string): number {
  const n = cell.length;
  if (n === 0 || n > 15) return -1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const c = cell.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

function readNumber(ctx: RowContext, column: Column | undefined, decimal = false): number | null {
  if (!column) return null;
  const raw = ctx.cells[column.index];
  if (raw === undefined) return null;
  const fast = plainDigits(raw);
  if (fast >= 0) return fast;
  const cell = raw.trim();
  if (cell === '') return null;
  const result = parseCsvNumber(cell, decimal);
  if (result === null) return null;
  if (!result.ok) {
    ctx.problems.add(ctx.rowNumber, result.negative ? importMessages.negative(column.header, cell) : importMessages.badNumber(column.header, cell));
    return null;
  }
  return result.value;
}

function readCount(ctx: RowContext, column: Column | undefined, decimal = false): Figure | null {
  const value = readNumber(ctx, column, decimal);
  return value === null ? null : exactFigure(Math.round(value));
}

function readDate(ctx: RowContext, column: Column | undefined, dayFirst: boolean): string | undefined {
  const cell = cellOf(ctx, column);
  if (!column || cell === '') return undefined;
  // The order is the file's: a value that says the other one is refused rather than read the other way.
  const parts = numericDateParts(cell);
  if (parts && (dayFirst ? parts[1] > 12 && parts[0] <= 12 : parts[0] > 12 && parts[1] <= 12)) {
    ctx.problems.add(ctx.rowNumber, importMessages.mixedDateOrder(column.header, cell, dayFirst));
    return undefined;
  }
  const date = parseExportDate(cell, dayFirst);
  if (!date) ctx.problems.add(ctx.rowNumber, importMessages.badDate(column.header, cell));
  return date ?? undefined;
}

/** Drops undefined/null figures so a partial snapshot only carries what the file had. */
function compact<T extends object>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** A partial snapshot with at least one figure or series (more than its source and date), or undefined. */
const nonEmpty = <T extends object>(o: T): T | undefined => (Object.keys(o).some((k) => k !== 'source' && k !== 'asOf') ? o : undefined);

function byField(columns: Column[]): Map<string, Column> {
  return new Map(columns.map((c) => [c.field, c]));
}

/** Sets `key` only when there is a value, so partial snapshots carry only what the file had. */
function put(target: Record<string, unknown>, key: string, value: unknown) {
  if (value !== null && value !== undefined && value !== '') target[key] = value;
}

const hasFigures = (o: Record<string, unknown>) => Object.keys(o).some((k) => k !== 'source' && k !== 'asOf');

function parseMetaRows(records: string[][], columns: Column[], dayFirstOf: DayFirstOf, problems: Problems, asOf: string | undefined): ImportedRow[] {
  const col = byField(columns);
  const retention = columns
    .filter((c) => c.field.startsWith('retention.'))
    .map((c) => ({ column: c, interval: Number(c.field.slice('retention.'.length)) }))
    .sort((a, b) => a.interval - b.interval);
  const [dateCol, permalinkCol, titleCol, publishCol, durationCol] = (['date', 'permalink', 'title', 'publishTime', 'durationSeconds'] as const).map((k) => col.get(k));
  const sinceFields = (['views3s', 'views15s', 'views1m', 'viewers3s', 'viewers1m', 'totalWatchSeconds', 'interactions', 'reach'] as const).map((k) => [k, col.get(k)] as const).filter(([, c]) => c);
  const cardFields = (['reactions', 'comments', 'shares', 'reach', 'interactions', 'views3s'] as const).map((k) => [k, col.get(k)] as const).filter(([, c]) => c);
  const avgCol = col.get('avgWatchSeconds');
  const rows: ImportedRow[] = [];
  for (let r = 1; r < records.length; r++) {
    if (isBlankRecord(records[r])) continue;
    const ctx: RowContext = { cells: records[r], rowNumber: r + 1, problems };
    const dateCell = cellOf(ctx, dateCol);
    let day: string | undefined;
    if (dateCell !== '' && !lifetimeWords.has(normaliseText(dateCell))) {
      day = readDate(ctx, dateCol, dayFirstOf('date'));
      if (!day) continue;
    }
    const since: Record<string, unknown> = { source: 'meta_csv' };
    const card: Record<string, unknown> = { source: 'meta_csv' };
    if (asOf) since.asOf = card.asOf = asOf;
    const read: Record<string, Figure | null> = {};
    for (const [field, column] of sinceFields) put(since, field, (read[field] = readCount(ctx, column)));
    put(since, 'avgWatchSeconds', readCount(ctx, avgCol, true));
    // Reach, interactions and 3-second views appear on both screens: read (and reported) once, copied.
    for (const [field, column] of cardFields) {
      const figure = field in read ? read[field] : readCount(ctx, column);
      put(card, field, figure && { ...figure });
    }
    if (retention.length > 0) {
      const curve: RetentionPoint[] = [];
      let fractions = true;
      for (const { column, interval } of retention) {
        const value = readNumber(ctx, column, true);
        if (value === null) continue;
        if (value > 1) fractions = false;
        curve.push({ interval, percent: value });
      }
      // Meta's API gives retention as fractions (0–1); exports re-saved from it can too: scale to percent.
      if (fractions) for (const p of curve) p.percent = Math.round(p.percent * 10000) / 100;
      if (curve.length > 0) since.retentionCurve = curve;
    }
    const row: ImportedRow = { rowNumber: r + 1, values: {} };
    const target = row as unknown as Record<string, unknown>;
    put(target, 'permalink', cellOf(ctx, permalinkCol));
    put(target, 'title', cellOf(ctx, titleCol));
    put(target, 'publishDate', readDate(ctx, publishCol, dayFirstOf('publishTime')));
    put(target, 'day', day);
    put(target, 'asOf', day);
    const duration = readNumber(ctx, durationCol, true);
    put(target, 'durationSeconds', duration === null ? null : Math.round(duration));
    if (hasFigures(since)) row.values.sincePublication = since as Partial<SincePublication>;
    if (hasFigures(card)) row.values.postCard = card as Partial<PostCard>;
    rows.push(row);
  }
  return rows;
}

function optional<K extends string, V>(key: K, value: V | undefined | ''): { [P in K]?: V } {
  return value === undefined || value === '' ? {} : ({ [key]: value } as { [P in K]: V });
}

function parseYoutubeTableRows(records: string[][], columns: Column[], dayFirstOf: DayFirstOf, problems: Problems, asOf: string | undefined): ImportedRow[] {
  const col = byField(columns);
  const base = asOf ? { source: 'youtube_csv' as const, asOf } : { source: 'youtube_csv' as const };
  const rows: ImportedRow[] = [];
  for (let r = 1; r < records.length; r++) {
    if (isBlankRecord(records[r])) continue;
    const ctx: RowContext = { cells: records[r], rowNumber: r + 1, problems };
    const content = cellOf(ctx, col.get('videoId'));
    // The first data row adds up every video: not a video of its own.
    if (normaliseText(content) === 'total') continue;
    let totalWatchSeconds: Figure | null = null;
    const hoursColumn = col.get('watchTimeHours');
    const hoursCell = cellOf(ctx, hoursColumn);
    const hours = readNumber(ctx, hoursColumn, true);
    if (hours !== null) {
      // Hours with few decimals are rounded: 1,5 h is 5.400 s ± 180 s.
      const decimals = (/[.,](\d+)$/.exec(hoursCell)?.[1].length ?? 0);
      const margin = Math.round((0.5 / 10 ** decimals) * 3600);
      totalWatchSeconds = margin > 1 ? { value: Math.round(hours * 3600), approximate: true, margin } : exactFigure(Math.round(hours * 3600));
    }
    let avgWatchSeconds: Figure | null = null;
    const avgColumn = col.get('avgViewDuration');
    const avgCell = cellOf(ctx, avgColumn);
    if (avgColumn && avgCell !== '' && !blank.test(avgCell)) {
      const parsed = parseDuration(avgCell);
      if (parsed.ok) avgWatchSeconds = exactFigure(Math.round(parsed.value));
      else problems.add(ctx.rowNumber, importMessages.badDuration(avgColumn.header, avgCell));
    }
    let duration: number | undefined;
    const durationColumn = col.get('durationSeconds');
    const durationCell = cellOf(ctx, durationColumn);
    if (durationColumn && durationCell !== '' && !blank.test(durationCell)) {
      const parsed = parseDuration(durationCell);
      if (parsed.ok) duration = Math.round(parsed.value);
      else problems.add(ctx.rowNumber, importMessages.badDuration(durationColumn.header, durationCell));
    }
    const card = compact({
      ...base,
      plays: readCount(ctx, col.get('plays')),
      reactions: readCount(ctx, col.get('likes')),
      comments: readCount(ctx, col.get('comments')),
      shares: readCount(ctx, col.get('shares')),
    }) as Partial<PostCard>;
    const since = compact({ ...base, totalWatchSeconds, avgWatchSeconds }) as Partial<SincePublication>;
    rows.push({
      rowNumber: r + 1,
      ...optional('permalink', /^[\w-]{6,}$/.test(content) ? `https://www.youtube.com/watch?v=${content}` : undefined),
      ...optional('title', cellOf(ctx, col.get('title'))),
      ...optional('publishDate', readDate(ctx, col.get('publishTime'), dayFirstOf('publishTime'))),
      ...optional('durationSeconds', duration),
      values: compact({ postCard: nonEmpty(card), sincePublication: nonEmpty(since) }) as ImportedValues,
    });
  }
  return rows;
}

function parseYoutubeLive(records: string[][], columns: Column[], problems: Problems, asOf: string | undefined): ImportedRow[] {
  const col = byField(columns);
  const perMinute = new Map<number, number>();
  let sum = 0;
  let samples = 0;
  let peak = 0;
  let reportedAverage: number | null = null;
  for (let r = 1; r < records.length; r++) {
    if (isBlankRecord(records[r])) continue;
    const ctx: RowContext = { cells: records[r], rowNumber: r + 1, problems };
    const position = readNumber(ctx, col.get('streamPositionSeconds'), true);
    const viewers = readNumber(ctx, col.get('concurrentViewers'), true);
    const average = readNumber(ctx, col.get('avgConcurrentViewers'), true);
    if (average !== null) reportedAverage = average;
    if (position === null || viewers === null) continue;
    const minute = Math.floor(position / 60);
    const v = Math.round(viewers);
    // One point per minute: the highest concurrency of that minute, so the curve's top is the peak.
    perMinute.set(minute, Math.max(perMinute.get(minute) ?? 0, v));
    sum += v;
    samples++;
    peak = Math.max(peak, v);
  }
  if (samples === 0) {
    problems.add(undefined, importMessages.noCurve);
    return [];
  }
  const curve: LiveViewersPoint[] = [...perMinute.entries()].sort((a, b) => a[0] - b[0]).map(([minute, viewers]) => ({ minute, viewers }));
  // The export's "Average concurrent viewers" (last value given) wins over the mean of the samples.
  const avgConcurrentViewers: Figure = reportedAverage !== null ? exactFigure(Math.round(reportedAverage)) : { value: Math.round(sum / samples), approximate: true };
  const live = compact({
    source: 'youtube_csv' as const,
    asOf,
    peakLiveViewers: exactFigure(peak),
    avgConcurrentViewers,
    liveViewersCurve: curve,
  }) as Partial<LiveSummary>;
  return [{ rowNumber: 2, values: { liveSummary: live } }];
}

type DayFirstOf = (field: DateField) => boolean;

/**
 * The date order of each date column from what the values of the whole file said: a column's own values decide;
 * a column whose values do not follows the file's other date columns; a file where nothing decides follows its
 * headers' language (Spanish: day first). `dateOrder` is the file's (null when it has no numeric date).
 */
export function resolveDateOrders(evidence: Partial<Record<DateField, DateOrderEvidence>>, language: Language): { dayFirst: Record<DateField, boolean>; dateOrder: DateOrder | null } {
  const total = sumDateOrderEvidence(Object.values(evidence));
  const file = decideDateOrder(total, language === 'es');
  const dayFirst = {} as Record<DateField, boolean>;
  for (const field of dateFields) {
    const own = evidence[field];
    dayFirst[field] = own ? decideDateOrder(own, file.dayFirst).dayFirst : file.dayFirst;
  }
  return { dayFirst, dateOrder: total.dates > 0 ? file : null };
}

/** What each date column of these records says; with `whole` (this text is a part of the file), the file's evidence decides. */
function dateOrders(records: string[][], columns: Column[], language: Language, whole: Partial<Record<DateField, DateOrderEvidence>> | undefined) {
  const evidence: Partial<Record<DateField, DateOrderEvidence>> = {};
  for (const column of columns) {
    if (!(dateFields as readonly string[]).includes(column.field)) continue;
    const e = noDateOrderEvidence();
    for (let r = 1; r < records.length; r++) addDateOrderEvidence(e, records[r][column.index] ?? '');
    evidence[column.field as DateField] = e;
  }
  const resolved = resolveDateOrders(whole ?? evidence, language);
  return { evidence, dayFirstOf: (field: DateField) => resolved.dayFirst[field], dateOrder: resolved.dateOrder };
}

export interface ParseMetricsOptions {
  /** YYYY-MM-DD put on every snapshot read (tests and benches); the import itself leaves it out (see mergeImportedMetrics). */
  asOf?: string;
  /** The date columns' evidence over the whole file, when `input` is only a part of it. */
  dateEvidence?: Partial<Record<DateField, DateOrderEvidence>>;
}

/** Parses a metrics export. Never throws. */
export function parseMetricsCsv(input: string | Uint8Array | ArrayBuffer, options: ParseMetricsOptions = {}): MetricsImportResult {
  try {
    return parse(input, options.asOf, options.dateEvidence);
  } catch {
    return { ok: false, message: importMessages.binary };
  }
}

function parse(input: string | Uint8Array | ArrayBuffer, asOf: string | undefined, wholeEvidence: ParseMetricsOptions['dateEvidence']): MetricsImportResult {
  const decoded = decode(input);
  if (!decoded.ok) return decoded;
  let text = decoded.text;
  if (text.indexOf('\u0000') >= 0) return { ok: false, message: importMessages.binary };
  // Skip leading blank lines without copying a large text more than once.
  const start = text.search(/[^\s]/);
  if (start < 0) return { ok: false, message: importMessages.empty };
  if (start > 0) text = text.slice(text.lastIndexOf('\n', start) + 1);
  let delimiter: ',' | ';' | '\t' | undefined;
  const sep = /^sep=([,;\t])\r?\n/i.exec(text.slice(0, 8));
  if (sep) {
    delimiter = sep[1] as ',' | ';' | '\t';
    text = text.slice(sep[0].length);
  }
  const firstLineEnd = text.search(/\r|\n/);
  delimiter ??= detectDelimiter(firstLineEnd < 0 ? text : text.slice(0, firstLineEnd));
  const parsed = parseCsvRecords(text, delimiter, metricsImportLimits.maxRows * 2 + 1);
  const records = parsed.records;
  const dataRows = records.reduce((n, record, i) => (i > 0 && !isBlankRecord(record) ? n + 1 : n), 0);
  if (parsed.tooMany || dataRows > metricsImportLimits.maxRows) {
    return { ok: false, message: importMessages.tooManyRows(parsed.tooMany ? text.split('\n').length - 1 : dataRows) };
  }
  const detected = detect(records[0]);
  if (!detected) return { ok: false, message: importMessages.noHeader };
  if (dataRows === 0) return { ok: false, message: importMessages.noRows };

  const problems = new Problems();
  if (parsed.unclosedQuote) problems.add(undefined, importMessages.unclosedQuote);
  for (const header of detected.duplicates) problems.add(1, importMessages.duplicateHeader(header));
  const headerLength = records[0].length;
  for (let r = 1; r < records.length; r++) {
    const record = records[r];
    if (record.length > headerLength && record.slice(headerLength).some((cell) => cell.trim() !== '')) problems.add(r + 1, importMessages.extraCells);
  }
  const validAsOf = asOf && isRealDate(asOf) ? asOf : undefined;
  const dates = dateOrders(records, detected.columns, detected.language, wholeEvidence);
  const rows =
    detected.format === 'meta_video'
      ? parseMetaRows(records, detected.columns, dates.dayFirstOf, problems, validAsOf)
      : detected.format === 'youtube_table'
        ? parseYoutubeTableRows(records, detected.columns, dates.dayFirstOf, problems, validAsOf)
        : parseYoutubeLive(records, detected.columns, problems, validAsOf);
  return {
    ok: true,
    format: detected.format,
    language: detected.language,
    delimiter,
    recognisedColumns: detected.columns.map(({ header, field }) => ({ header, field })),
    unrecognisedColumns: detected.unrecognised,
    rows,
    problems: problems.done(),
    dateOrder: dates.dateOrder,
    dateEvidence: dates.evidence,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Matching rows to forums

export interface MatchableForum {
  id: number;
  title: string;
  date: string | null;
  streamUrl: string;
}

export type ForumMatch = { forumId: number; matchedBy: 'permalink' | 'title' | 'date' };

/** The video id in a Facebook or YouTube link, or the link normalised (host without www., no query, no trailing slash). */
export function videoKey(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  const host = parsed.hostname.toLowerCase().replace(/^(www|m|web|mobile)\./, '');
  if (host === 'youtu.be') return `yt:${parsed.pathname.slice(1).split('/')[0]}`;
  if (host.endsWith('youtube.com')) {
    const v = parsed.searchParams.get('v');
    if (v) return `yt:${v}`;
    const m = /^\/(?:live|shorts|embed)\/([\w-]+)/.exec(parsed.pathname);
    if (m) return `yt:${m[1]}`;
  }
  if (host.endsWith('facebook.com') || host === 'fb.watch') {
    const m = /\/videos\/(?:[^/]+\/)?(\d{6,})/.exec(parsed.pathname);
    if (m) return `fb:${m[1]}`;
    const v = parsed.searchParams.get('v') ?? parsed.searchParams.get('story_fbid');
    if (v && /^\d+$/.test(v)) return `fb:${v}`;
  }
  return `${host}${parsed.pathname.replace(/\/+$/, '')}`.toLowerCase();
}

const titleKey = (title: string) => normaliseText(title).replace(/[^a-z0-9ñ ]+/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Which forum an imported row belongs to: by permalink (same video id or link), then by title (equal, then
 * one containing the other, accents and case ignored), then by publish date. A level that matches several
 * forums narrows the candidates for the next one. Null when nothing (or nothing unique) matches.
 */
export function matchRowToForum(row: Pick<ImportedRow, 'permalink' | 'title' | 'publishDate'>, forums: MatchableForum[]): ForumMatch | null {
  let candidates = forums;
  if (row.permalink) {
    const key = videoKey(row.permalink);
    const hits = key ? forums.filter((f) => f.streamUrl && videoKey(f.streamUrl) === key) : [];
    if (hits.length === 1) return { forumId: hits[0].id, matchedBy: 'permalink' };
    if (hits.length > 1) candidates = hits;
  }
  if (row.title) {
    const key = titleKey(row.title);
    if (key !== '') {
      const equal = candidates.filter((f) => titleKey(f.title) === key);
      if (equal.length === 1) return { forumId: equal[0].id, matchedBy: 'title' };
      const containing = equal.length > 1 ? equal : candidates.filter((f) => {
        const k = titleKey(f.title);
        return k.length >= 5 && (key.includes(k) || k.includes(key));
      });
      if (containing.length === 1) return { forumId: containing[0].id, matchedBy: 'title' };
      if (containing.length > 1) candidates = containing;
    }
  }
  if (row.publishDate) {
    const hits = candidates.filter((f) => f.date === row.publishDate);
    if (hits.length === 1) return { forumId: hits[0].id, matchedBy: 'date' };
  }
  return null;
}
