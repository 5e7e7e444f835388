import { setupWorker, type SetupWorker } from 'msw/browser';
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { createApi } from '../src/api/create-api';
import { bootstrap } from '../src/api/bootstrap';
import { openSqlJs } from '../src/db/sqljs-database';
import { createHandlers, type HandlerOptions } from './handlers';

/**
 * Mock mode (`npm run dev:mock`): the real API (`createApi`) runs inside the browser over an
 * in-memory SQLite (sql.js), and msw's service worker hands it every `/api/*` request.
 * Nothing is persisted: reloading the page starts again from the 2022 demo.
 *
 * The static demo (`npm run build:demo`, `persist: true`): the same, plus the database and the session cookie
 * saved in this browser after each answer that changed them (demo-storage.ts), one tab at a time (Web Locks),
 * and a banner with the accounts and a reset (demo-banner.ts).
 *
 * Demo accounts, all with the password `demo-foros-2022` (mock mode only; never on a server):
 *   admin    (administración)
 *   editora  (editora)
 *   revisor  (revisor)
 */
export const mockDemoPassword = 'demo-foros-2022';

/** Cheap hashing: these passwords protect nothing and the browser should start fast. */
const mockPasswordIterations = 1000;

let started: Promise<SetupWorker> | undefined;

/** Starts the mock API and its service worker once; later calls (HMR, StrictMode) get the same worker. */
export function startMockWorker(options: { persist?: boolean } = {}): Promise<SetupWorker> {
  started ??= start(options.persist ?? false).catch((error: unknown) => {
    started = undefined;
    throw error;
  });
  return started;
}

async function start(persist: boolean): Promise<SetupWorker> {
  const demo = persist ? await (await import('./demo-persistence')).openDemo(mockDemoPassword) : null;
  const sqlJs = await initSqlJs({ locateFile: () => wasmUrl });
  const { db, file } = await openSqlJs(sqlJs, demo?.savedDb);
  const accounts = demo?.savedDb
    ? []
    : await bootstrap(db, {
        demo: true,
        examples: true,
        adminPassword: mockDemoPassword,
        demoPassword: mockDemoPassword,
        passwordIterations: mockPasswordIterations,
      });
  const handlerOptions: HandlerOptions = demo ? demo.persistAfterEachAnswer(db, file) : {};
  // The Word export's charts: the same resvg-wasm rasteriser as the «Descargar Word» button, loaded on first use.
  const rasterizeSvg = async (svg: string, width: number) => (await import('../src/export/browser-rasterizer')).browserRasterizer()(svg, width);
  const app = createApi({ db, passwordIterations: mockPasswordIterations, rasterizeSvg });

  const worker = setupWorker(...createHandlers(() => app, handlerOptions));
  await worker.start({
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    quiet: true,
  });

  if (!persist) console.info(
    [
      'Foros en modo de demostración: la API funciona dentro del navegador, sobre una base de datos en memoria.',
      'Los cambios se pierden al recargar la página.',
      'Cuentas de demostración (contraseña para todas: ' + mockDemoPassword + '):',
      ...accounts.map((a) => `  ${a.username.padEnd(8)} ${a.role}`),
    ].join('\n'),
  );
  return worker;
}
