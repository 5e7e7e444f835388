import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Forum } from '../../../domain/forum';
import { api, toQueryString } from '../../lib/http';
import { invalidateAfter } from '../../lib/invalidation';
import { consultationKeys, forumKeys } from '../../lib/query-keys';
import type { ImportBody } from '../../ui/mapped-import/read-export';
import type {
  Consultation,
  ConsultationImportResult,
  ConsultationListItem,
  ConsultationResponse,
  ConsultationResponsePage,
  ConsultationResponsesQuery,
  ConsultationTally,
  ConsultationWrite,
  ResponseWrite,
} from './consultation-types';

/** Query keys: all → lists → list(year) → details → detail(id) → responses / tally (lib/query-keys.ts). */
export { consultationKeys };

export const consultationListQueryOptions = (year?: number) =>
  queryOptions({
    queryKey: consultationKeys.list(year),
    queryFn: ({ signal }) => api<{ items: ConsultationListItem[] }>(`/api/consultations${toQueryString({ year })}`, { signal }).then((r) => r.items),
  });

export const consultationQueryOptions = (id: number) =>
  queryOptions({
    queryKey: consultationKeys.detail(id),
    queryFn: ({ signal }) => api<Consultation>(`/api/consultations/${id}`, { signal }),
  });

export const consultationResponsesQueryOptions = (id: number, query: ConsultationResponsesQuery) =>
  queryOptions({
    queryKey: consultationKeys.responsePage(id, query),
    queryFn: ({ signal }) => api<ConsultationResponsePage>(`/api/consultations/${id}/responses${toQueryString({ ...query })}`, { signal }),
    placeholderData: keepPreviousData,
  });

export const consultationTallyQueryOptions = (id: number) =>
  queryOptions({
    queryKey: consultationKeys.tally(id),
    queryFn: ({ signal }) => api<ConsultationTally>(`/api/consultations/${id}/tally`, { signal }),
  });

export function useCreateConsultation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ConsultationWrite) => api<Consultation>('/api/consultations', { method: 'POST', body: input }),
    onSuccess: (consultation) => {
      queryClient.setQueryData(consultationKeys.detail(consultation.id), consultation);
      return invalidateAfter(queryClient, { kind: 'consultation' });
    },
  });
}

export function useUpdateConsultation(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ConsultationWrite & { version: number }) => api<Consultation>(`/api/consultations/${id}`, { method: 'PUT', body: input }),
    onSuccess: (consultation) => {
      queryClient.setQueryData(consultationKeys.detail(id), consultation);
      return invalidateAfter(queryClient, { kind: 'consultation', consultationId: id });
    },
  });
}

export function useDeleteConsultation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/api/consultations/${id}`, { method: 'DELETE' }),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: consultationKeys.detail(id) });
      return invalidateAfter(queryClient, { kind: 'consultation' });
    },
  });
}

/** After responses change: the page of responses, the tally, the counts on the consultation and the list. */
const invalidateResponses = (queryClient: ReturnType<typeof useQueryClient>, id: number) => invalidateAfter(queryClient, { kind: 'responses', consultationId: id });

export function useAddResponse(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ResponseWrite) => api<ConsultationResponse>(`/api/consultations/${id}/responses`, { method: 'POST', body: input }),
    onSuccess: () => invalidateResponses(queryClient, id),
  });
}

export function useDeleteResponse(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (responseId: number) => api<void>(`/api/consultations/${id}/responses/${responseId}`, { method: 'DELETE' }),
    onSuccess: () => invalidateResponses(queryClient, id),
  });
}


/** Discards the web votes of a suspicious burst (audited by the server). */
export function useDiscardBurst(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (burst: { from: string; to: string }) => api<{ discarded: number }>(`/api/consultations/${id}/web-votes/discard`, { method: 'POST', body: burst }),
    onSuccess: () => invalidateResponses(queryClient, id),
  });
}

/** The dry run: nothing is saved, the answer says what would be. */
export function useImportDryRun(id: number) {
  return useMutation({
    mutationFn: async (encode: () => Promise<ImportBody>) =>
      api<ConsultationImportResult>(`/api/consultations/${id}/responses/import?dryRun=1`, { method: 'POST', raw: { body: await encode(), contentType: 'application/json' } }),
  });
}

export function useImportResponses(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (encode: () => Promise<ImportBody>) =>
      api<ConsultationImportResult>(`/api/consultations/${id}/responses/import`, { method: 'POST', raw: { body: await encode(), contentType: 'application/json' } }),
    onSuccess: () => invalidateResponses(queryClient, id),
  });
}

/** Turns a topic into a forum (pre-filled from it, linked back to the consultation). */
export function useCreateForumFromTopic(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (topicId: number) => api<Forum>(`/api/consultations/${id}/topics/${topicId}/forum`, { method: 'POST' }),
    onSuccess: (forum) => {
      queryClient.setQueryData(forumKeys.detail(forum.id), forum);
      // A forum write: its year's report gets a section; the consultation lists the forum (lib/invalidation.ts).
      return invalidateAfter(queryClient, { kind: 'forum' });
    },
  });
}
