import { isRealDate, toFieldIssues, validationMessages, type FieldIssue } from './common';
import { forumMetricsInputSchema, snapshotKinds, type ForumMetricsInput, type SnapshotKind } from './metrics';
import type { ImportedRow } from './metrics-import-model';

/**
 * What an imported row does to a forum's saved metrics, the same on the client (the preview) and the server (the
 * import route): only the snapshots and figures the file gives replace saved ones, and each replaced snapshot's
 * «Fecha de corte» (as-of date) comes, in this order, from the date the person chose for the file, the date the
 * file gives, the snapshot's saved date, or (the live summary, measured when the broadcast ends) the forum's date.
 * Never today's date on its own: a 2022 forum imported in 2026 keeps its 2022 dates. With none of them, the
 * person is asked for it (path `asOf`).
 */

export const metricsImportMergeMessages = {
  asOfRequired: 'Indique la fecha de corte de las cifras del archivo (el día en que se exportó): el archivo no la trae y el foro aún no tiene esa instantánea.',
  asOfInvalid: validationMessages.invalidDate,
} as const;

export type ImportedAsOfSource = 'chosen' | 'file' | 'saved' | 'forum';

/** One snapshot the row writes: its as-of date before and after, and where the new one comes from. */
export interface ImportedAsOf {
  kind: SnapshotKind;
  before: string | null;
  after: string | null;
  from: ImportedAsOfSource | null;
}

export interface MergeImportOptions {
  /** The date the person chose for the file's figures (YYYY-MM-DD), if any. */
  asOf?: string | null;
  /** The forum's date: the live summary's as-of date when nothing else gives one. */
  forumDate?: string | null;
}

/** The as-of date of each snapshot the row writes (null `after` = none known: the person must choose one). */
export function importedAsOfDates(current: ForumMetricsInput, row: Pick<ImportedRow, 'values' | 'asOf'>, options: MergeImportOptions = {}): ImportedAsOf[] {
  const chosen = options.asOf && isRealDate(options.asOf) ? options.asOf : null;
  const file = row.asOf && isRealDate(row.asOf) ? row.asOf : null;
  return snapshotKinds.flatMap((kind): ImportedAsOf[] => {
    if (!row.values[kind]) return [];
    const before = current[kind]?.asOf ?? null;
    const forum = kind === 'liveSummary' && options.forumDate && isRealDate(options.forumDate) ? options.forumDate : null;
    const [after, from]: [string | null, ImportedAsOfSource | null] = chosen
      ? [chosen, 'chosen']
      : file
        ? [file, 'file']
        : before
          ? [before, 'saved']
          : forum
            ? [forum, 'forum']
            : [null, null];
    return [{ kind, before, after, from }];
  });
}

export type MergeImportResult = { ok: true; metrics: ForumMetricsInput; asOf: ImportedAsOf[] } | { ok: false; errors: FieldIssue[]; asOf: ImportedAsOf[] };

/** The saved metrics with the row's snapshots merged in (figures the file gives replace saved ones), each with its as-of date. */
export function mergeImportedMetrics(current: ForumMetricsInput, row: Pick<ImportedRow, 'values' | 'asOf'>, options: MergeImportOptions = {}): MergeImportResult {
  const asOf = importedAsOfDates(current, row, options);
  if (options.asOf && !isRealDate(options.asOf)) return { ok: false, errors: [{ path: 'asOf', message: metricsImportMergeMessages.asOfInvalid }], asOf };
  if (asOf.some((a) => a.after === null)) return { ok: false, errors: [{ path: 'asOf', message: metricsImportMergeMessages.asOfRequired }], asOf };
  const merged: Record<string, unknown> = { postCard: current.postCard, liveSummary: current.liveSummary, sincePublication: current.sincePublication };
  for (const { kind, after } of asOf) merged[kind] = { ...(current[kind] ?? {}), ...row.values[kind], asOf: after };
  const result = forumMetricsInputSchema.safeParse(merged);
  return result.success ? { ok: true, metrics: result.data, asOf } : { ok: false, errors: toFieldIssues(result.error), asOf };
}
