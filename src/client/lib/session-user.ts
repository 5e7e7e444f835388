import type { SessionUser } from '../../domain/roles';
import { api, ApiError } from './http';

/**
 * Who is logged in, or null. A 401 is an answer ("nobody"), not an error. Without React Query, so the first
 * screen (the login, before the app loads) can ask; the app's session query (`shared-queries.ts`) asks the same.
 */
export async function fetchSessionUser(): Promise<SessionUser | null> {
  try {
    const { user } = await api<{ user: SessionUser }>('/api/session');
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}
