import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { SessionUser } from '../domain/roles';
import { LoginShell } from './features/session/login-shell';
import { fetchSessionUser, safeNext } from './features/session/session-requests';
import { cspNonce } from './lib/csp-nonce';

// react-remove-scroll (Mantine's modals) writes a <style> element with the nonce it finds here (get-nonce).
(window as Window & { __webpack_nonce__?: string }).__webpack_nonce__ = cspNonce();

/**
 * The first screen. Someone logged in gets the app (router, React Query, i18next and the pages, loaded here);
 * anyone else gets the login form at once, from this small entry, and the app loads while they log in.
 */
async function start() {
  // The API inside the browser: `npm run dev:mock`, and the static demo (`npm run build:demo`), which keeps its
  // data in this browser. MODE is replaced at build time: the server's build carries none of this.
  if (import.meta.env.MODE === 'mock' || import.meta.env.MODE === 'demo') {
    const { startMockWorker } = await import('../../mocks/browser');
    await startMockWorker({ persist: import.meta.env.MODE === 'demo' });
  }
  const root = createRoot(document.getElementById('root')!);
  const loadApp = () => import('./app/app');
  const startApp = async (initialUser?: SessionUser | null) => {
    const { App } = await loadApp();
    root.render(
      <StrictMode>
        <App initialUser={initialUser} />
      </StrictMode>,
    );
  };

  let user: SessionUser | null;
  try {
    user = await fetchSessionUser();
  } catch {
    // No answer (network, server error): the app shows it and offers to retry.
    return startApp();
  }
  if (user) return startApp(user);

  // Nobody is logged in: the login, with the page asked for as `next` (as the app's session guard does).
  const params = new URLSearchParams(window.location.search);
  const next = window.location.pathname === '/login' ? safeNext(params.get('next')) : safeNext(window.location.pathname + window.location.search);
  if (window.location.pathname !== '/login') window.history.replaceState(null, '', `/login?next=${encodeURIComponent(next)}`);
  root.render(
    <StrictMode>
      <LoginShell
        expired={Boolean(params.get('expired'))}
        onSubmit={() => void loadApp()}
        onLoggedIn={async (loggedIn) => {
          await loadApp();
          window.history.replaceState(null, '', next);
          await startApp(loggedIn);
        }}
      />
    </StrictMode>,
  );
}

void start();
