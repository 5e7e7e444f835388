import { useQuery } from '@tanstack/react-query';
import { can, type Permission } from '../../domain/roles';
import { sessionQueryOptions } from '../lib/shared-queries';

export function useCurrentUser() {
  return useQuery(sessionQueryOptions()).data ?? null;
}

/** Whether the logged-in person's role allows it; the UI hides what a role cannot do. */
export function useCan(permission: Permission): boolean {
  const user = useCurrentUser();
  return can(user?.role, permission);
}
