import type { SessionUser } from '../../domain/roles';
import type { OrganizationSummary } from '../../domain/organization';
import { api, ApiError } from './http';

/** The logged-in person, with the organisation the session names (issue 15; the header shows it). */
export type CurrentUser = SessionUser & { organization?: OrganizationSummary };

/** The session's answer (GET or POST /api/session) as the client keeps it: the person with its organisation. */
export function currentUserFrom(answer: { user: SessionUser; organization?: OrganizationSummary }): CurrentUser {
  return answer.organization ? { ...answer.user, organization: answer.organization } : answer.user;
}

/**
 * Who is logged in, or null. A 401 is an answer ("nobody"), not an error. Without React Query, so the first
 * screen (the login, before the app loads) can ask; the app's session query (`shared-queries.ts`) asks the same.
 */
export async function fetchSessionUser(): Promise<CurrentUser | null> {
  try {
    return currentUserFrom(await api<{ user: SessionUser; organization?: OrganizationSummary }>('/api/session'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}
