import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { AuditEntry } from '../../../domain/audit';
import type { Forum, ForumInput, ForumListQuery, ForumPage } from '../../../domain/forum';
import { api, toQueryString } from '../../lib/http';
import { invalidateAfter } from '../../lib/invalidation';
import { forumKeys } from '../../lib/query-keys';
import { forumQueryOptions, forumYearsQueryOptions } from '../../lib/shared-queries';

/** Query keys: all → lists → list(filters) → details → detail(id) → history (lib/query-keys.ts). */
export { forumKeys };

export const forumListQueryOptions = (query: ForumListQuery) =>
  queryOptions({
    queryKey: forumKeys.list(query),
    queryFn: ({ signal }) => api<ForumPage>(`/api/forums${toQueryString(query)}`, { signal }),
    placeholderData: keepPreviousData,
  });

/** Read by other features too (lib/shared-queries.ts). */
export { forumQueryOptions, forumYearsQueryOptions };

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
      return invalidateAfter(queryClient, { kind: 'forum' });
    },
  });
}

export function useUpdateForum(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ForumInput & { version: number }) => api<Forum>(`/api/forums/${id}`, { method: 'PUT', body: input }),
    onSuccess: (forum) => {
      queryClient.setQueryData(forumKeys.detail(id), forum);
      return invalidateAfter(queryClient, { kind: 'forum', forumId: id });
    },
  });
}

export function useDeleteForum() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/api/forums/${id}`, { method: 'DELETE' }),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: forumKeys.detail(id) });
      return invalidateAfter(queryClient, { kind: 'forum' });
    },
  });
}
