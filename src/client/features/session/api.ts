import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SessionUser } from '../../../domain/roles';

export interface LoginInput {
  username: string;
  password: string;
}
import { api, ApiError } from '../../lib/http';
import { sessionKeys } from '../../lib/query-keys';

export { sessionKeys };

/** Who is logged in, or null. A 401 is an answer ("nobody"), not an error. */
export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.all,
    queryFn: async (): Promise<SessionUser | null> => {
      try {
        const { user } = await api<{ user: SessionUser }>('/api/session');
        return user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api<{ user: SessionUser }>('/api/session', { method: 'POST', body: input }),
    onSuccess: ({ user }) => {
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.all, user);
    },
  });
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
