// Baseline of `npm run bench bundle`: the smallest app built on the same libraries as Foros' first screen would
// be — React, React Router, React Query, react-hook-form with a zod schema, Mantine's button and text input — built
// by Vite with the same settings. Its JavaScript (gzip -9) is what those libraries cost before any feature.
import '@mantine/core/styles.css';
import { Button, MantineProvider, TextInput } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useForm } from 'react-hook-form';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { z } from 'zod';

const schema = z.object({ username: z.string().min(1, 'Obligatorio'), password: z.string().min(1, 'Obligatorio') });
type Values = z.infer<typeof schema>;

function LoginForm() {
  const session = useQuery({ queryKey: ['session'], queryFn: async () => (await fetch('/api/session')).status });
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { username: '', password: '' } });
  return (
    <form onSubmit={form.handleSubmit(() => undefined)}>
      <p>{session.data}</p>
      <TextInput label="Usuario" {...form.register('username')} error={form.formState.errors.username?.message} />
      <TextInput label="Contraseña" type="password" {...form.register('password')} error={form.formState.errors.password?.message} />
      <Button type="submit">Ingresar</Button>
    </form>
  );
}

const router = createBrowserRouter([{ path: '*', element: <LoginForm /> }]);
const queryClient = new QueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
