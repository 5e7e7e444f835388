import { useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { sessionQueryOptions, useLoggedIn } from './api';
import { LoginPage } from './login-page';
import { safeNext } from './session-requests';
import { sessionRefusal } from '../../lib/session-user';

/** The app's /login route (after logging out, or a session that ended): the login form, then back to `next`. */
export function LoginRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const loggedIn = useLoggedIn();
  const session = useQuery(sessionQueryOptions());
  const next = safeNext(params.get('next'));
  if (session.data) return <Navigate to={next} replace />;
  return (
    <LoginPage
      expired={Boolean(params.get('expired'))}
      notice={session.data === null ? sessionRefusal() : null}
      onLoggedIn={(user) => {
        loggedIn(user);
        navigate(next, { replace: true });
      }}
    />
  );
}
