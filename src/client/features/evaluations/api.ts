import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { EvaluationImportResult, EvaluationInput, EvaluationResponse, EvaluationTally } from '../../../domain/evaluation';
import type { Forum } from '../../../domain/forum';
import { api } from '../../lib/http';
import { exportKeys, forumKeys, reportKeys } from '../../lib/query-keys';
import type { ImportBody } from '../../ui/mapped-import/read-export';

export interface ForumEvaluation {
  forumId: number;
  responses: EvaluationResponse[];
  tally: EvaluationTally;
}

export const evaluationKeys = {
  all: ['evaluations'] as const,
  forum: (forumId: number) => [...evaluationKeys.all, forumId] as const,
};

export const evaluationQueryOptions = (forumId: number) =>
  queryOptions({ queryKey: evaluationKeys.forum(forumId), queryFn: ({ signal }) => api<ForumEvaluation>(`/api/forums/${forumId}/evaluation`, { signal }) });

/** The forum's title for the page's heading (the forum detail the forum pages also read). */
export const evaluationForumQueryOptions = (forumId: number) =>
  queryOptions({ queryKey: forumKeys.detail(forumId), queryFn: ({ signal }) => api<Forum>(`/api/forums/${forumId}`, { signal }) });

export function useInvalidateEvaluation(forumId: number) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: evaluationKeys.forum(forumId) }), queryClient.invalidateQueries({ queryKey: reportKeys.all }), queryClient.invalidateQueries({ queryKey: exportKeys.all })]);
}

export function useAddEvaluationResponse(forumId: number) {
  const invalidate = useInvalidateEvaluation(forumId);
  return useMutation({ mutationFn: (input: EvaluationInput) => api<EvaluationResponse>(`/api/forums/${forumId}/evaluation/responses`, { method: 'POST', body: input }), onSuccess: () => invalidate() });
}

export const evaluationImport = (forumId: number, dryRun: boolean) => (body: ImportBody) =>
  api<EvaluationImportResult>(`/api/forums/${forumId}/evaluation/import${dryRun ? '?dryRun=1' : ''}`, { method: 'POST', raw: { body, contentType: 'application/json' } });
