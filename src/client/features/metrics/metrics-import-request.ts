import type { FieldIssue } from '../../../domain/common';
import type { ImportedValues } from '../../../domain/metrics-import-model';
import type { ImportedAsOf } from '../../../domain/metrics-import-merge';
import type { MetricsIssue } from '../../../domain/metrics-rules';
import type { MetricsImportPreview, MetricsImportResponse } from '../../../domain/metrics-update';
import { ApiError, errorMessage } from '../../lib/http';
import { postImport } from './api';

/**
 * The preview of a metrics import is the import route's dry run (as the consultation import's): the server reads the
 * file, picks the forum's row, merges it into the saved metrics and checks the rules, exactly as the import would.
 * The page shows that answer; a row or «Fecha de corte» chosen by the person asks again.
 */

/** What the preview shows: the file, the row chosen (null: none matched; the person picks one) and what it would write. */
export interface ImportPreview extends MetricsImportPreview {
  selectedRow: MetricsImportResponse['selectedRow'] | null;
  imported: ImportedValues | null;
  /** The merged metrics, or null when they cannot be merged (see `errors`). */
  metrics: MetricsImportResponse['metrics'] | null;
  issues: MetricsIssue[];
  asOf: ImportedAsOf[];
  unchanged: boolean;
  /** Why the row cannot be merged: at `asOf` (no «Fecha de corte» known, or a bad one) or at a figure. */
  errors: FieldIssue[];
}

export interface ImportChoice {
  rowNumber?: number;
  asOf?: string;
}

export type PreviewOutcome = { ok: true; preview: ImportPreview } | { ok: false; message: string };

const isFilePreview = (body: Record<string, unknown>): body is Record<string, unknown> & MetricsImportPreview =>
  typeof body.format === 'string' && Array.isArray(body.rows) && Array.isArray(body.recognisedColumns);

/** Asks the import route for its dry run. A refused file gives its Spanish message; a row that needs a choice, the preview. */
export async function previewImport(forumId: number, file: Blob, choice: ImportChoice, signal?: AbortSignal): Promise<PreviewOutcome> {
  try {
    const answer = await postImport(forumId, { file, dryRun: true, ...choice }, signal);
    return { ok: true, preview: { ...answer, errors: [] } };
  } catch (error) {
    if (error instanceof ApiError && isFilePreview(error.body)) {
      const body = error.body as Partial<MetricsImportResponse> & MetricsImportPreview;
      return {
        ok: true,
        preview: {
          ...body,
          selectedRow: body.selectedRow ?? null,
          imported: body.imported ?? null,
          metrics: null,
          issues: [],
          asOf: Array.isArray(body.asOf) ? body.asOf : [],
          unchanged: false,
          errors: error.status === 400 ? error.errors : [],
        },
      };
    }
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return { ok: false, message: errorMessage(error) };
  }
}
