import { useCurrentUser } from '../../app/use-current-user';
import { can } from '../../../domain/roles';

/**
 * Who may do what on reports: writers (admin, editor) draft sections; reviewers (admin, reviewer) approve or
 * return them. Mirrors the server's writeReports / reviewReports permissions.
 */
export function useReportRoles() {
  const user = useCurrentUser();
  const role = user?.role;
  return {
    username: user?.username ?? null,
    canWrite: can(role, 'writeReports'),
    canReview: can(role, 'reviewReports'),
  };
}
