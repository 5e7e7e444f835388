import { RouterProvider } from 'react-router';
import { useState } from 'react';
import { AppProviders, createQueryClient } from './providers';
import { createRouter } from './router';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);
  return (
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
