import { type QueryClient, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { User, UserCreateInput, UserUpdateInput } from '../../../domain/user';
import { api } from '../../lib/http';
import { invalidateAfter } from '../../lib/invalidation';
import { sessionKeys, userKeys } from '../../lib/query-keys';

/** Query keys: all → lists → list() → details → detail(id) (lib/query-keys.ts). */
export { userKeys };

export const userListQueryOptions = () =>
  queryOptions({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => api<{ items: User[] }>('/api/users', { signal }).then((r) => r.items),
  });

/** After a change to one's own account the session may have ended: ask for it first, and refresh the list only if it is still open. */
async function refreshAfterChange(queryClient: QueryClient, self: boolean | undefined) {
  if (self) {
    await queryClient.invalidateQueries({ queryKey: sessionKeys.all });
    if (!queryClient.getQueryData(sessionKeys.all)) return;
  }
  await invalidateAfter(queryClient, { kind: 'user' });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UserCreateInput) => api<User>('/api/users', { method: 'POST', body: input }),
    onSuccess: (user) => {
      queryClient.setQueryData(userKeys.detail(user.id), user);
      return invalidateAfter(queryClient, { kind: 'user' });
    },
  });
}

/**
 * Role, name or active flag. The server closes the account's sessions on a role change or deactivation,
 * so when the account is the current person's own, the session is asked again (and may end).
 */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: UserUpdateInput; self?: boolean }) => api<User>(`/api/users/${id}`, { method: 'PATCH', body: input }),
    onSuccess: (user, { self }) => {
      queryClient.setQueryData(userKeys.detail(user.id), user);
      return refreshAfterChange(queryClient, self);
    },
  });
}

export function useResetUserPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string; self?: boolean }) => api<void>(`/api/users/${id}/password`, { method: 'POST', body: { password } }),
    onSuccess: (_data, { self }) => (self ? refreshAfterChange(queryClient, true) : undefined),
  });
}
