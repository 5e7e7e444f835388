import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LiveSummary, PostCard, SincePublication } from '../../../domain/metrics';
import type { MetricsRuleId } from '../../../domain/metrics-rules';
import type { MetricsImportResponse } from '../../../domain/metrics-update';
import { api } from '../../lib/http';
import { invalidateAfter } from '../../lib/invalidation';
import { metricsKeys } from '../../lib/query-keys';
import { forumMetricsQueryOptions, type ForumMetricsResponse } from '../../lib/shared-queries';

/** GET /api/forums/:id/metrics (version 0 and every snapshot null when never saved); also the answer of a save. Read by the report too (lib/shared-queries.ts). */
export { forumMetricsQueryOptions, type ForumMetricsResponse };

export interface ForumMetricsSaveBody {
  postCard: PostCard | null;
  liveSummary: LiveSummary | null;
  sincePublication: SincePublication | null;
  version: number;
  acknowledgedWarnings: MetricsRuleId[];
}

/** Query keys: all → details → detail(forumId) (lib/query-keys.ts). The year dashboard's keys live under the same `['metrics']`. */
export { metricsKeys };

export function useSaveForumMetrics(forumId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ForumMetricsSaveBody) => api<ForumMetricsResponse>(`/api/forums/${forumId}/metrics`, { method: 'PUT', body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(metricsKeys.detail(forumId), saved);
      return invalidateAfter(queryClient, { kind: 'metrics', forumId });
    },
  });
}

export interface MetricsImportRequest {
  /** The file's bytes, sent as they were read (the server decodes them as the preview did). */
  file: Blob;
  rowNumber: number;
  version: number;
  acknowledge: MetricsRuleId[];
  /** «Fecha de corte» the person chose for the file's figures (else the file's or the saved one). */
  asOf?: string;
}

/** Posts a CSV to the import route as a raw text/csv body: a dry run (the preview) or the import itself. */
export function postImport(forumId: number, request: Partial<MetricsImportRequest> & { file: Blob; dryRun?: boolean }, signal?: AbortSignal): Promise<MetricsImportResponse> {
  const params = new URLSearchParams({ dryRun: request.dryRun ? '1' : '0' });
  if (request.rowNumber !== undefined) params.set('row', String(request.rowNumber));
  if (request.version !== undefined) params.set('version', String(request.version));
  if (request.acknowledge && request.acknowledge.length > 0) params.set('acknowledge', request.acknowledge.join(','));
  if (request.asOf) params.set('asOf', request.asOf);
  return api<MetricsImportResponse>(`/api/forums/${forumId}/metrics/import?${params}`, {
    method: 'POST',
    raw: { body: request.file, contentType: 'text/csv; charset=utf-8' },
    signal,
  });
}

export function useImportForumMetrics(forumId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MetricsImportRequest) => postImport(forumId, request),
    // The answer carries the merged snapshots but not who saved them: the record is read again too.
    onSuccess: () => invalidateAfter(queryClient, { kind: 'metrics', forumId, imported: true }),
  });
}
