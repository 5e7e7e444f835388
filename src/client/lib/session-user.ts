import type { SessionUser } from '../../domain/roles';
import { organizationDeactivated, type OrganizationSummary } from '../../domain/organization';
import { setDisplayTimeZone } from './format';
import { api, ApiError } from './http';

/** The logged-in person, with the organisation the session names (issue 15; the header shows it). */
export type CurrentUser = SessionUser & { organization?: OrganizationSummary };

/** The session's answer (GET or POST /api/session) as the client keeps it: the person with its organisation. */
export function currentUserFrom(answer: { user: SessionUser; organization?: OrganizationSummary }): CurrentUser {
  // From here on, the times the app shows are in this organisation's zone.
  setDisplayTimeZone(answer.organization?.timeZone);
  return answer.organization ? { ...answer.user, organization: answer.organization } : answer.user;
}

let refusal: string | null = null;

/** Why the last session check found nobody, when the server said why (the organisation was deactivated); else null. */
export const sessionRefusal = (): string | null => refusal;

/**
 * Who is logged in, or null. A 401 is an answer ("nobody"), not an error. Without React Query, so the first
 * screen (the login, before the app loads) can ask; the app's session query (`shared-queries.ts`) asks the same.
 */
export async function fetchSessionUser(): Promise<CurrentUser | null> {
  try {
    const user = currentUserFrom(await api<{ user: SessionUser; organization?: OrganizationSummary }>('/api/session'));
    refusal = null;
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setDisplayTimeZone(null);
      refusal = error.body.type === organizationDeactivated.type ? error.title : null;
      return null;
    }
    throw error;
  }
}
