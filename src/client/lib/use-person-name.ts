import { queryOptions, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { authorName } from '../../domain/user';
import { api } from './http';
import { userKeys } from './query-keys';

export const peopleNamesQueryOptions = () =>
  queryOptions({
    queryKey: userKeys.names(),
    queryFn: ({ signal }) => api<{ names: Record<string, string> }>('/api/people', { signal }).then((r) => r.names),
    staleTime: 5 * 60_000,
  });

/**
 * `name('editora')` → «Editora de demostración»: histories, bylines and «guardado por» show the person's display
 * name, never the username (the username while the names load, or for an account that no longer exists).
 */
export function usePersonName(): (username: string | null | undefined) => string {
  const names = useQuery(peopleNamesQueryOptions()).data;
  return useCallback((username: string | null | undefined) => authorName(names, username), [names]);
}
