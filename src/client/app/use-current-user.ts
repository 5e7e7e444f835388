import { useQuery } from '@tanstack/react-query';
import { can, type Permission } from '../../domain/roles';
import type { OrganizationSummary } from '../../domain/organization';
import { sessionQueryOptions } from '../lib/shared-queries';

export function useCurrentUser() {
  return useQuery(sessionQueryOptions()).data ?? null;
}

/** The logged-in person's organisation (name, acronym, slug), as the session names it; null before it is known. */
export function useCurrentOrganization(): OrganizationSummary | null {
  return useCurrentUser()?.organization ?? null;
}

/** Whether the logged-in person's role allows it; the UI hides what a role cannot do. */
export function useCan(permission: Permission): boolean {
  const user = useCurrentUser();
  return can(user?.role, permission);
}
