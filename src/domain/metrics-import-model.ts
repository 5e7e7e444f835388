import type { DateOrder } from './date-order';
import type { LiveSummary, PostCard, SincePublication } from './metrics';

/**
 * What the metrics import reads and answers (formats, fields, rows, problems, messages). The reading itself:
 * metrics-import.ts (entry), csv.ts (records), metrics-import-columns.ts (headers), metrics-import-cells.ts (a
 * cell's number or date), metrics-import-rows.ts (records → rows), forum-matching.ts (rows → forums).
 *
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
      language: ImportLanguage;
      delimiter: ',' | ';' | '\t';
      recognisedColumns: { header: string; field: ImportField }[];
      unrecognisedColumns: string[];
      rows: ImportedRow[];
      /** At most metricsImportLimits.maxProblems; the rest are counted in `moreProblems`. */
      problems: ImportProblem[];
      moreProblems: number;
      /**
       * How the file's numeric dates (`09/07/2022`) were read: decided once for the file from its values, or by
       * the headers' language when no value decides (`decidedBy: 'fallback'`: the preview says so). Null when the
       * file has no numeric date.
       */
      dateOrder: DateOrder | null;
    }
  | { ok: false; message: string };

/** The columns whose dates are read (day or month first). */
export const dateFields = ['date', 'publishTime'] as const;
export type DateField = (typeof dateFields)[number];
