import type { SessionUser } from '../../../domain/roles';
import { api } from '../../lib/http';

export { fetchSessionUser } from '../../lib/session-user';

/**
 * The session's two requests without React Query, so the first screen (the login, before the app loads) can
 * use them; `api.ts` builds the app's queries and mutations on them.
 */
export interface LoginInput {
  username: string;
  password: string;
}

export async function logIn(input: LoginInput): Promise<SessionUser> {
  const { user } = await api<{ user: SessionUser }>('/api/session', { method: 'POST', body: input });
  return user;
}

/** Only same-app paths are followed after login (no open redirect). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/inicio';
}
