import { useQuery } from '@tanstack/react-query';
import { can, type Permission } from '../../domain/roles';
import { defaultTimeZone, type OrganizationSummary } from '../../domain/organization';
import { todayIn } from '../../domain/zoned-date';
import { sessionQueryOptions } from '../lib/shared-queries';

export function useCurrentUser() {
  return useQuery(sessionQueryOptions()).data ?? null;
}

/** The logged-in person's organisation (name, acronym, slug), as the session names it; null before it is known. */
export function useCurrentOrganization(): OrganizationSummary | null {
  return useCurrentUser()?.organization ?? null;
}

/** The logged-in person's organisation's IANA time zone, as the session names it (America/Bogota before it is known). */
export function useOrganizationTimeZone(): string {
  return useCurrentOrganization()?.timeZone ?? defaultTimeZone;
}

/** Today's date (YYYY-MM-DD) in the organisation's time zone: the client's "today" (default dates, deadlines shown). */
export function useToday(): string {
  return todayIn(useOrganizationTimeZone());
}

/** Whether the logged-in person's role allows it; the UI hides what a role cannot do. */
export function useCan(permission: Permission): boolean {
  const user = useCurrentUser();
  return can(user?.role, permission);
}
