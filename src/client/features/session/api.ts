import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SessionUser } from '../../../domain/roles';
import { api } from '../../lib/http';
import { sessionKeys } from '../../lib/query-keys';
import { sessionQueryOptions } from '../../lib/shared-queries';

export type { LoginInput } from './session-requests';

export { sessionKeys };

/** Who is logged in, or null (lib/shared-queries.ts: the app and every feature read it). */
export { sessionQueryOptions };

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
