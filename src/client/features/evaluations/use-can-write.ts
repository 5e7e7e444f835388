import { useQuery } from '@tanstack/react-query';
import { can } from '../../../domain/roles';
import type { SessionUser } from '../../../domain/user';
import { sessionKeys } from '../../lib/query-keys';

/** Admins and editors write evaluations (as forums); reviewers read. Reads the session already in the cache (RequireSession loads it). */
export function useCanWriteEvaluations(): boolean {
  const user = useQuery<SessionUser | null>({ queryKey: sessionKeys.all, enabled: false }).data;
  return can(user?.role, 'writeForums');
}
