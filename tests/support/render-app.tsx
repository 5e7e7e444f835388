import { expect } from 'vitest';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { SetupServerApi } from 'msw/node';
import { AppProviders, createQueryClient } from '../../src/client/app/providers';
import { routes } from '../../src/client/app/router';
import { startMockServer } from '../../mocks/node';
import { createTestApi, testPassword } from './test-api';

/**
 * Page-test harness: a fresh in-memory API (real createApi over SQLite) behind msw, the real
 * routes in a memory router, logged in as `as` (or logged out when null).
 * Call `harness.server.close()` in afterEach (or use `using`-style cleanup in the test).
 */
/** Every mock server a page test opened: tests/setup.ts closes what a test left open (files share one worker). */
const openServers = new Set<SetupServerApi>();

export function closeOpenServers() {
  for (const server of openServers) server.close();
  openServers.clear();
}

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/** `path` may be worked out from the test's API before the first render (e.g. a demo forum's id): the page opens there directly. */
/** `before` runs on the API before anyone logs in (e.g. creates the account `as` names, with `testPassword`). */
export async function renderApp(
  path: string | ((api: TestApi) => string | Promise<string>),
  options: { as?: 'admin' | 'editora' | 'revisor' | (string & {}) | null; demo?: boolean; examples?: boolean; before?: (api: TestApi) => Promise<void> } = {},
) {
  const testApi = await createTestApi({ demo: options.demo ?? true, examples: options.examples });
  await options.before?.(testApi);
  const server: SetupServerApi = startMockServer(testApi.app);
  openServers.add(server);
  const username = options.as === undefined ? 'editora' : options.as;
  if (username) {
    const res = await fetch(new URL('/api/session', window.location.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: testPassword }),
    });
    if (!res.ok) throw new Error(`login failed: ${res.status}`);
  }
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const router = createMemoryRouter(routes, { initialEntries: [typeof path === 'string' ? path : await path(testApi)] });
  const view = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, server, queryClient, api: testApi };
}

export type RenderedApp = Awaited<ReturnType<typeof renderApp>>;

/** A call to the page's API as another person would make it (logged in as `username`), expecting success. */
export async function apiAs<T>(app: RenderedApp, username: string, method: string, path: string, body?: unknown): Promise<T> {
  const cookie = await app.api.login(username);
  const res = await app.api.call(method, path, { cookie, body });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return (await res.json()) as T;
}
