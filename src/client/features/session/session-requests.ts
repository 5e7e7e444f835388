import type { SessionUser } from '../../../domain/roles';
import { api } from '../../lib/http';

import { currentUserFrom, type CurrentUser } from '../../lib/session-user';
import type { OrganizationSummary } from '../../../domain/organization';

export { fetchSessionUser } from '../../lib/session-user';

/**
 * The session's two requests without React Query, so the first screen (the login, before the app loads) can
 * use them; `api.ts` builds the app's queries and mutations on them.
 */
export interface LoginInput {
  username: string;
  password: string;
}

export async function logIn(input: LoginInput): Promise<CurrentUser> {
  return currentUserFrom(await api<{ user: SessionUser; organization?: OrganizationSummary }>('/api/session', { method: 'POST', body: input }));
}

/** Only same-app paths are followed after login (no open redirect). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/inicio';
}
