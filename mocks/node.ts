import { setupServer, type SetupServerApi } from 'msw/node';
import { createHandlers, type FetchApp } from './handlers';

/**
 * For component and page tests (jsdom): every `fetch('/api/...')` goes through msw to `app`
 * (create it with `createTestApi()` from tests/support/test-api.ts). The app is a parameter because
 * mocks/ must not import the better-sqlite3 driver. Call `server.close()` when done
 * (e.g. `afterAll`); the cookie jar lives in the handlers, so a new server starts logged out.
 */
export function startMockServer(app: FetchApp | (() => FetchApp | Promise<FetchApp>)): SetupServerApi {
  const server = setupServer(...createHandlers(typeof app === 'function' ? app : () => app));
  server.listen({ onUnhandledRequest: 'error' });
  return server;
}
