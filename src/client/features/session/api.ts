import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SessionUser } from '../../../domain/roles';
import { api } from '../../lib/http';
import { sessionKeys } from '../../lib/query-keys';
import { fetchSessionUser } from './session-requests';

export type { LoginInput } from './session-requests';

export { sessionKeys };

/** Who is logged in, or null. A 401 is an answer ("nobody"), not an error. */
export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.all,
    queryFn: fetchSessionUser,
    staleTime: 5 * 60_000,
  });

/** After a login: nothing cached from before, and the new person as the session. */
export function useLoggedIn() {
  const queryClient = useQueryClient();
  return (user: SessionUser) => {
    queryClient.clear();
    queryClient.setQueryData(sessionKeys.all, user);
  };
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/session', { method: 'DELETE' }),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.all, null);
    },
  });
}
