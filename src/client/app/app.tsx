import { RouterProvider } from 'react-router';
import { useState } from 'react';
import type { SessionUser } from '../../domain/roles';
import { sessionKeys } from '../features/session/api';
import { AppProviders, createQueryClient } from './providers';
import { createRouter } from './router';

/** The app behind the login. `initialUser`: the session main.tsx already asked for (not asked again). */
export function App({ initialUser }: { initialUser?: SessionUser | null }) {
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    if (initialUser !== undefined) client.setQueryData(sessionKeys.all, initialUser);
    return client;
  });
  const [router] = useState(createRouter);
  return (
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
