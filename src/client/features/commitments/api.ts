import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CommitmentDetail, CommitmentInput, CommitmentListQuery, CommitmentPage, FollowUpInput, ProgressImportResult } from '../../../domain/commitment';
import { api, toQueryString } from '../../lib/http';
import { exportKeys, reportKeys } from '../../lib/query-keys';
import type { ImportBody } from '../../ui/mapped-import/read-export';

export const commitmentKeys = {
  all: ['commitments'] as const,
  list: (query: CommitmentListQuery) => [...commitmentKeys.all, 'list', query] as const,
  detail: (id: number) => [...commitmentKeys.all, 'detail', id] as const,
};

export const commitmentListQueryOptions = (query: CommitmentListQuery) =>
  queryOptions({
    queryKey: commitmentKeys.list(query),
    queryFn: ({ signal }) => api<CommitmentPage>(`/api/commitments${toQueryString({ ...query })}`, { signal }),
    placeholderData: keepPreviousData,
  });

export const commitmentQueryOptions = (id: number) =>
  queryOptions({ queryKey: commitmentKeys.detail(id), queryFn: ({ signal }) => api<CommitmentDetail>(`/api/commitments/${id}`, { signal }) });

/** After any commitment write: lists and details are read again (the report's data too). */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: commitmentKeys.all }), queryClient.invalidateQueries({ queryKey: reportKeys.all }), queryClient.invalidateQueries({ queryKey: exportKeys.all })]);
}

export function useCreateCommitment() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: CommitmentInput) => api<CommitmentDetail>('/api/commitments', { method: 'POST', body: input }), onSuccess: () => invalidate() });
}

export function useUpdateCommitment(id: number) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: CommitmentInput & { version: number }) => api<CommitmentDetail>(`/api/commitments/${id}`, { method: 'PUT', body: input }), onSuccess: () => invalidate() });
}

export function useAddFollowUp(id: number) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: FollowUpInput) => api<CommitmentDetail>(`/api/commitments/${id}/follow-ups`, { method: 'POST', body: input }), onSuccess: () => invalidate() });
}

const progressImport = (dryRun: boolean) => (body: ImportBody) =>
  api<ProgressImportResult>(`/api/commitments/progress-import${dryRun ? '?dryRun=1' : ''}`, { method: 'POST', raw: { body, contentType: 'application/json' } });
export const progressImportDryRun = progressImport(true);
export const progressImportCommit = progressImport(false);

export function useInvalidateCommitments() {
  return useInvalidate();
}
