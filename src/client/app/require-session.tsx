import { useQuery } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router';
import { can, type Permission } from '../../domain/roles';
import { sessionQueryOptions } from '../features/session/api';
import { ErrorState, LoadingState } from '../ui/states';
import { ForbiddenPage } from '../ui/forbidden-page';

/** Routes below need a logged-in person (and, when given, a permission). */
export function RequireSession({ permission }: { permission?: Permission }) {
  const location = useLocation();
  const session = useQuery(sessionQueryOptions());
  if (session.isPending) return <LoadingState />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => session.refetch()} />;
  if (!session.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (permission && !can(session.data.role, permission)) return <ForbiddenPage />;
  return <Outlet />;
}
