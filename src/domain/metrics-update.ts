import { z } from 'zod';
import { isoDate, validationMessages } from './common';
import { forumMetricsInputSchema, liveSummarySchema, postCardSchema, sincePublicationSchema, snapshotKinds, type ForumMetricsInput } from './metrics';
import type { DateOrder } from './date-order';
import type { MetricsImportFormat, ImportProblem, ImportField, ImportedValues } from './metrics-import-model';
import type { ImportedAsOf } from './metrics-import-merge';
import { metricsRuleIds, type MetricsIssue, type MetricsRuleId } from './metrics-rules';
import { canonicalJson } from './report-statistics';

/**
 * What the metrics API takes and gives: the PUT body, the import's query, the answers' shapes. Apart from
 * metrics.ts because the acknowledged warnings are rule ids of metrics-rules.ts, which imports metrics.ts.
 */

export const metricsApiMessages = {
  version: 'Falta la versión de las métricas (0 si nunca se han guardado).',
  versionInteger: 'La versión de las métricas debe ser un número entero de 0 o más.',
  unknownWarning: 'Esa advertencia no existe.',
  tooManyWarnings: 'Máximo 20 advertencias confirmadas.',
  blocking: (first: string, more: number) => `Las cifras no son coherentes: ${first}${more > 0 ? ` (y ${more} problema${more === 1 ? '' : 's'} más)` : ''}`,
  warnings: 'Revise y confirme las advertencias antes de guardar.',
  noRow: 'Ninguna fila del archivo corresponde a este foro. Elija la fila.',
  missingRow: (row: number) => `El archivo no tiene la fila ${row}. Elija una de las filas de la lista.`,
  badImportedValues: 'El archivo trae cifras que no se pueden guardar; revise los campos señalados.',
  stale: 'Otra persona guardó las métricas de este foro mientras usted editaba.',
  importVersion: 'Indique la versión actual de las métricas (parámetro version) para guardar la importación.',
  importContentType: 'Envíe el archivo CSV tal cual (Content-Type: text/csv o application/octet-stream).',
  importTooLarge: 'El archivo es demasiado grande (máximo 6 MB).',
  dryRun: 'Indique dryRun=1 para solo revisar el archivo, o quítelo para guardar.',
  rowNumber: 'La fila debe ser un número entero de 2 o más.',
  yearRequired: validationMessages.yearRange,
} as const;

/** The version of a forum's metrics: 0 until the first save, then 1, 2, … */
export const metricsVersion = z
  .number({ error: metricsApiMessages.version })
  .int({ error: metricsApiMessages.versionInteger })
  .min(0, { error: metricsApiMessages.versionInteger });

export const acknowledgedWarningsSchema = z
  .array(z.enum(metricsRuleIds, { error: metricsApiMessages.unknownWarning }))
  .max(20, { error: metricsApiMessages.tooManyWarnings });

/** PUT /api/forums/:id/metrics: the snapshots, the version the person started from, the warnings they confirmed. */
export const forumMetricsUpdateSchema = z.strictObject({
  postCard: postCardSchema.nullable(),
  liveSummary: liveSummarySchema.nullable(),
  sincePublication: sincePublicationSchema.nullable(),
  version: metricsVersion,
  acknowledgedWarnings: acknowledgedWarningsSchema.optional(),
});
export type ForumMetricsUpdateInput = z.output<typeof forumMetricsUpdateSchema>;
export type ForumMetricsUpdateBody = z.input<typeof forumMetricsUpdateSchema>;

const digits = (message: string, min: number, max: number) =>
  z
    .string({ error: message })
    .regex(/^\d{1,9}$/, { error: message })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: message });

/** POST /api/forums/:id/metrics/import query: `dryRun=1`, `row=N`, `version=V`, `acknowledge=rule1,rule2`. */
export const metricsImportQuerySchema = z.strictObject({
  dryRun: z
    .enum(['1', 'true', '0', 'false'], { error: metricsApiMessages.dryRun })
    .transform((v) => v === '1' || v === 'true')
    .optional(),
  row: digits(metricsApiMessages.rowNumber, 2, 1_000_000).optional(),
  version: digits(metricsApiMessages.versionInteger, 0, Number.MAX_SAFE_INTEGER).optional(),
  acknowledge: z
    .string({ error: metricsApiMessages.unknownWarning })
    .transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s !== ''))
    .pipe(acknowledgedWarningsSchema)
    .optional(),
  /** «Fecha de corte» the person chose for the file's figures (else the file's, else the saved one: see metrics-import-merge.ts). */
  asOf: isoDate.optional(),
});
export type MetricsImportQuery = z.output<typeof metricsImportQuerySchema>;

/** GET /api/metrics?year=YYYY */
export const yearMetricsQuerySchema = z.strictObject({
  year: digits(metricsApiMessages.yearRequired, 2000, 2100),
});

/** GET /api/forums/:id/metrics (and the answer of a save). Version 0 and null snapshots when never saved. */
export interface ForumMetricsRecord extends ForumMetricsInput {
  forumId: number;
  version: number;
  acknowledgedWarnings: MetricsRuleId[];
  updatedAt: string | null;
  updatedBy: string | null;
  /** checkMetrics of the stored figures. */
  issues: MetricsIssue[];
}

/** A row of an imported file as the preview lists it: never the file's other (possibly personal) columns. */
export interface MetricsImportRowSummary {
  rowNumber: number;
  title: string | null;
  publishDate: string | null;
  permalink: string | null;
  /** A daily row's day (Meta's daily breakdown), else null. */
  day: string | null;
}

export type MetricsImportMatchedBy = 'permalink' | 'title' | 'date' | 'row' | 'single';

export interface MetricsImportPreview {
  format: MetricsImportFormat;
  language: 'en' | 'es';
  recognisedColumns: { header: string; field: ImportField }[];
  unrecognisedColumns: string[];
  rows: MetricsImportRowSummary[];
  problems: ImportProblem[];
  /** How many problems there were beyond those listed. */
  moreProblems: number;
  /** How the file's numeric dates were read (see metrics-import.ts); null when it has none. */
  dateOrder: DateOrder | null;
}

/** POST /api/forums/:id/metrics/import */
export interface MetricsImportResponse extends MetricsImportPreview {
  dryRun: boolean;
  selectedRow: { rowNumber: number; matchedBy: MetricsImportMatchedBy };
  /** The snapshots and figures the selected row gives (what the import replaces). */
  imported: ImportedValues;
  /** The forum's metrics with the row's figures merged in. */
  metrics: ForumMetricsInput;
  issues: MetricsIssue[];
  /** The «Fecha de corte» of each snapshot the row writes: before, after and where it comes from. */
  asOf: ImportedAsOf[];
  saved: boolean;
  /** The import changes nothing: no new version was written. */
  unchanged: boolean;
  /** The version stored after this request (unchanged on a dry run). */
  version: number;
}

/**
 * Whether two sets of snapshots say the same (figures, series, sources and dates), whatever their key order or
 * omitted defaults: saving figures identical to the stored ones writes no new version.
 */
export function sameForumMetrics(a: ForumMetricsInput, b: ForumMetricsInput): boolean {
  const normal = (m: ForumMetricsInput) => {
    const parsed = forumMetricsInputSchema.safeParse({ postCard: m.postCard, liveSummary: m.liveSummary, sincePublication: m.sincePublication });
    return canonicalJson(parsed.success ? parsed.data : snapshotKinds.map((kind) => m[kind]));
  };
  return normal(a) === normal(b);
}

export interface YearMetricsForum {
  id: number;
  title: string;
  date: string | null;
  platform: string;
  metrics: ForumMetricsInput | null;
}

/** GET /api/metrics?year=YYYY: the year's forums in date order, and the previous year's when it has any. */
export interface YearMetrics {
  year: number;
  forums: YearMetricsForum[];
  previous: { year: number; forums: YearMetricsForum[] } | null;
}
