import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { AuditEntry } from '../../../domain/audit';
import type { Area, PersonalData, PersonalDataInput, QuestionCase, QuestionCaseUpdate, QuestionFigures, QuestionListQuery, QuestionPage, QuestionSettings, QuestionType } from '../../../domain/question';
import type { QuestionImportResult } from '../../../domain/question-import';
import { api, toQueryString } from '../../lib/http';
import type { ImportBody } from '../../ui/mapped-import/read-export';
import { invalidateAfter } from '../../lib/invalidation';
import { questionKeys, settingsKeys, submissionKeys } from '../../lib/query-keys';
import type { CitizenQuestionSubmission, SubmissionPage, SubmissionStatus } from '../../../domain/citizen-question';

/** Query keys: all → lists → list(filters) → details → detail(id) → history (lib/query-keys.ts). */
export { questionKeys, settingsKeys };

export const questionListQueryOptions = (query: QuestionListQuery) =>
  queryOptions({
    queryKey: questionKeys.list(query),
    queryFn: ({ signal }) => api<QuestionPage>(`/api/questions${toQueryString(query)}`, { signal }),
    placeholderData: keepPreviousData,
  });

export const questionFiguresQueryOptions = (year?: number) =>
  queryOptions({
    queryKey: questionKeys.figures(year),
    queryFn: ({ signal }) => api<{ items: QuestionFigures[] }>(`/api/questions/figures${toQueryString({ year })}`, { signal }).then((r) => r.items),
  });

export const questionQueryOptions = (id: number) =>
  queryOptions({
    queryKey: questionKeys.detail(id),
    queryFn: ({ signal }) => api<QuestionCase>(`/api/questions/${id}`, { signal }),
  });

export const questionHistoryQueryOptions = (id: number) =>
  queryOptions({
    queryKey: questionKeys.history(id),
    queryFn: ({ signal }) => api<{ items: AuditEntry[] }>(`/api/questions/${id}/history`, { signal }).then((r) => r.items),
  });

export const areasQueryOptions = () =>
  queryOptions({
    queryKey: settingsKeys.areas(),
    queryFn: ({ signal }) => api<{ items: Area[] }>('/api/areas', { signal }).then((r) => r.items),
  });

export const questionSettingsQueryOptions = () =>
  queryOptions({
    queryKey: settingsKeys.questions(),
    queryFn: ({ signal }) => api<QuestionSettings & { version: number }>('/api/settings/questions', { signal }),
  });

export function useUpdateQuestion(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: QuestionCaseUpdate) => api<QuestionCase>(`/api/questions/${id}`, { method: 'PUT', body: input }),
    onSuccess: (q) => {
      queryClient.setQueryData(questionKeys.detail(q.id), q);
      return invalidateAfter(queryClient, { kind: 'question', questionId: q.id });
    },
  });
}

export function useAnsweredLive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) => api<QuestionCase>(`/api/questions/${id}/answered-live`, { method: 'POST', body: { version } }),
    onSuccess: (q) => {
      queryClient.setQueryData(questionKeys.detail(q.id), q);
      return invalidateAfter(queryClient, { kind: 'question', questionId: q.id });
    },
  });
}

/** Reading personal data is a POST: the server records who looked (Ley 1581). */
export function useViewPersonalData(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<PersonalData>(`/api/questions/${id}/personal-data/view`, { method: 'POST', body: {} }),
    onSuccess: () => invalidateAfter(queryClient, { kind: 'question', questionId: id }),
  });
}

export function useSavePersonalData(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PersonalDataInput) => api<PersonalData>(`/api/questions/${id}/personal-data`, { method: 'PUT', body: input }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: questionKeys.detail(id) }), invalidateAfter(queryClient, { kind: 'question', questionId: id })]),
  });
}

export function useRemovePersonalData(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<null>(`/api/questions/${id}/personal-data`, { method: 'DELETE', body: {} }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: questionKeys.detail(id) }), invalidateAfter(queryClient, { kind: 'question', questionId: id })]),
  });
}

/** A person whose question was merged into case `id` asks that their data be removed: only theirs goes. */
export function useRemoveMergedAsker(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (submissionId: number) => api<null>(`/api/question-submissions/${submissionId}/personal-data`, { method: 'DELETE', body: {} }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: questionKeys.detail(id) }), invalidateAfter(queryClient, { kind: 'question', questionId: id })]),
  });
}

export function useSaveArea() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id?: number; name: string }) => api<Area>(id ? `/api/areas/${id}` : '/api/areas', { method: id ? 'PUT' : 'POST', body: { name } }),
    onSuccess: () => invalidateAfter(queryClient, { kind: 'questionSettings' }),
  });
}

export function useDeleteArea() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<null>(`/api/areas/${id}`, { method: 'DELETE', body: {} }),
    onSuccess: () => invalidateAfter(queryClient, { kind: 'questionSettings' }),
  });
}

export function useSaveQuestionSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: QuestionSettings & { version: number }) => api<QuestionSettings & { version: number }>('/api/settings/questions', { method: 'PUT', body: input }),
    onSuccess: () => invalidateAfter(queryClient, { kind: 'questionSettings' }),
  });
}

const questionImport = (dryRun: boolean) => (body: ImportBody) =>
  api<QuestionImportResult>(`/api/questions/import${dryRun ? '?dryRun=1' : ''}`, { method: 'POST', raw: { body, contentType: 'application/json' } });
export const questionImportDryRun = questionImport(true);
export const questionImportCommit = questionImport(false);

/** After an import: the lists, figures, the forums' questions and the reports. */
export function useInvalidateAfterQuestionImport() {
  const queryClient = useQueryClient();
  return () => invalidateAfter(queryClient, { kind: 'questionImport' });
}

export { submissionKeys };

/** The moderation queue in one status, with the count per status. */
export const submissionsQueryOptions = (status: SubmissionStatus) =>
  queryOptions({
    queryKey: submissionKeys.list(status),
    queryFn: ({ signal }) => api<SubmissionPage>(`/api/question-submissions?status=${status}`, { signal }),
  });

type Decision = { id: number } & ({ action: 'accept'; type: QuestionType } | { action: 'merge'; questionId: number } | { action: 'reject'; reason: string });

/** Accept (a new case), merge or reject a citizen's question: one decision, audited by the server. */
export function useModerate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, ...body }: Decision) => api<CitizenQuestionSubmission>(`/api/question-submissions/${id}/${action}`, { method: 'POST', body }),
    onSuccess: () => invalidateAfter(queryClient, { kind: 'submission' }),
  });
}
