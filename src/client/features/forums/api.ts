import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { AuditEntry } from '../../../domain/audit';
import type { Forum, ForumInput, ForumListQuery, ForumPage } from '../../../domain/forum';
import { api, toQueryString } from '../../lib/http';

/** Query keys: all → lists → list(filters) → details → detail(id). */
export const forumKeys = {
  all: ['forums'] as const,
  lists: () => [...forumKeys.all, 'list'] as const,
  list: (query: ForumListQuery) => [...forumKeys.lists(), query] as const,
  years: () => [...forumKeys.all, 'years'] as const,
  details: () => [...forumKeys.all, 'detail'] as const,
  detail: (id: number) => [...forumKeys.details(), id] as const,
  history: (id: number) => [...forumKeys.detail(id), 'history'] as const,
};

export const forumListQueryOptions = (query: ForumListQuery) =>
  queryOptions({
    queryKey: forumKeys.list(query),
    queryFn: ({ signal }) => api<ForumPage>(`/api/forums${toQueryString(query)}`, { signal }),
    placeholderData: keepPreviousData,
  });

export const forumYearsQueryOptions = () =>
  queryOptions({
    queryKey: forumKeys.years(),
    queryFn: ({ signal }) => api<{ items: number[] }>('/api/forums/years', { signal }).then((r) => r.items),
  });

export const forumQueryOptions = (id: number) =>
  queryOptions({
    queryKey: forumKeys.detail(id),
    queryFn: ({ signal }) => api<Forum>(`/api/forums/${id}`, { signal }),
  });

export const forumHistoryQueryOptions = (id: number) =>
  queryOptions({
    queryKey: forumKeys.history(id),
    queryFn: ({ signal }) => api<{ items: AuditEntry[] }>(`/api/forums/${id}/history`, { signal }).then((r) => r.items),
  });

export function useCreateForum() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ForumInput) => api<Forum>('/api/forums', { method: 'POST', body: input }),
    onSuccess: (forum) => {
      queryClient.setQueryData(forumKeys.detail(forum.id), forum);
      return queryClient.invalidateQueries({ queryKey: forumKeys.lists() }).then(() => queryClient.invalidateQueries({ queryKey: forumKeys.years() }));
    },
  });
}

export function useUpdateForum(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ForumInput & { version: number }) => api<Forum>(`/api/forums/${id}`, { method: 'PUT', body: input }),
    onSuccess: (forum) => {
      queryClient.setQueryData(forumKeys.detail(id), forum);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: forumKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: forumKeys.history(id) }),
        queryClient.invalidateQueries({ queryKey: forumKeys.years() }),
      ]);
    },
  });
}

export function useDeleteForum() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/api/forums/${id}`, { method: 'DELETE' }),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: forumKeys.detail(id) });
      return Promise.all([queryClient.invalidateQueries({ queryKey: forumKeys.lists() }), queryClient.invalidateQueries({ queryKey: forumKeys.years() })]);
    },
  });
}
