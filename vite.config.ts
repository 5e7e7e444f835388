import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const apiPort = Number(process.env.API_PORT ?? process.env.PORT ?? 3000);

/**
 * The API and db suites again on PostgreSQL (project `postgres`), on the server TEST_DATABASE_URL names (`.ci/run`
 * and `scripts/with-postgres.sh` start a throwaway one). Without it the project has no files and says so loudly;
 * under CI=true that is an error. Files that test SQLite itself (its driver, its file, its migration rebuild) stay
 * in `node` only.
 */
const postgresUrl = process.env.TEST_DATABASE_URL;
/** Files about the PostgreSQL test databases themselves. */
const postgresOnly = ['tests/unit/postgres-test-database.test.ts'];
const postgresInclude = ['tests/api/**/*.test.ts', 'tests/unit/compiled-query.test.ts', 'tests/unit/secret-queries.test.ts', ...postgresOnly];
const postgresExclude = ['tests/api/server.test.ts'];
const postgresWanted = !process.argv.includes('--project') || process.argv.some((a) => a === 'postgres' || a === '--project=postgres');
if (!postgresUrl && postgresWanted && process.argv.some((a) => a === 'run' || a.endsWith('vitest'))) {
  const line = '⚠⚠⚠ PostgreSQL: TEST_DATABASE_URL no está definida — las pruebas de API y base de datos NO se ejecutan sobre PostgreSQL (scripts/with-postgres.sh las ejecuta con un servidor temporal).';
  if (process.env.CI === 'true') throw new Error(`${line} En CI eso es un error.`);
  console.warn(`\n${line}\n`);
}

/** Mantine's ScrollArea imports one hook from @floating-ui/react: give it the same hook from src/client/lib/merge-refs.ts. */
const scrollAreaWithoutFloatingUi = (): Plugin => ({
  name: 'foros:scroll-area-without-floating-ui',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source === '@floating-ui/react' && importer && /@mantine\/core\/esm\/components\/ScrollArea\/ScrollArea\.mjs$/.test(importer)) {
      return fileURLToPath(new URL('./src/client/lib/merge-refs.ts', import.meta.url));
    }
    return null;
  },
});

/** Mantine's AppShell bars import react-remove-scroll for two class names: give them those (src/client/lib/remove-scroll-class-names.ts). */
const appShellWithoutRemoveScroll = (): Plugin => ({
  name: 'foros:app-shell-without-remove-scroll',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source === 'react-remove-scroll' && importer && /@mantine\/core\/esm\/components\/AppShell\/AppShell(Header|Aside|Footer)\/AppShell\1\.mjs$/.test(importer)) {
      return fileURLToPath(new URL('./src/client/lib/remove-scroll-class-names.ts', import.meta.url));
    }
    return null;
  },
});

/** Mantine's Table.ScrollContainer (unused here) brings the whole ScrollArea: give it a plain scrolling div (src/client/lib/table-scroll-container.tsx). */
const tableWithoutScrollArea = (): Plugin => ({
  name: 'foros:table-without-scroll-area',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source === '../ScrollArea/ScrollArea.mjs' && importer && /@mantine\/core\/esm\/components\/Table\/TableScrollContainer\.mjs$/.test(importer)) {
      return fileURLToPath(new URL('./src/client/lib/table-scroll-container.tsx', import.meta.url));
    }
    return null;
  },
});

export default defineConfig(({ mode }) => ({
  plugins: [react(), scrollAreaWithoutFloatingUi(), appShellWithoutRemoveScroll(), tableWithoutScrollArea()],
  define: {
    __FOROS_MOCK__: JSON.stringify(mode === 'mock' || mode === 'demo'),
  },
  server: {
    proxy: mode === 'mock' ? undefined : { '/api': `http://localhost:${apiPort}` },
  },
  build: {
    // The static demo (npm run build:demo) goes to its own folder, never mixed with the server's app.
    outDir: mode === 'demo' ? 'dist-demo' : 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  test: {
    testTimeout: 30000,
    css: false,
    pool: 'forks',
    // Domain, API and database tests run in Node (no DOM to set up); only page tests get jsdom.
    // A unit test that needs a DOM says so with a `// @vitest-environment jsdom` comment.
    projects: [
      // One module graph per worker for all its files (isolate: false): loading the app's modules and building the
      // test database once per worker instead of once per file. A file that changes something global undoes it.
      { extends: true, test: { name: 'node', environment: 'node', isolate: false, include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'], exclude: [...configDefaults.exclude, ...postgresOnly] } },
      // A page test renders whole pages in jsdom over the real API: seconds each on an idle 2-core machine, many
      // times that when the machine is busy. The cap only decides when a stuck test is called stuck.
      {
        extends: true,
        test: {
          name: 'postgres',
          environment: 'node',
          isolate: false,
          include: postgresUrl ? postgresInclude : [],
          exclude: postgresExclude,
          globalSetup: ['tests/support/postgres-global-setup.ts'],
          // A worker's first createTestApi builds its template schema (migrations + bootstrap over the network), which
          // a beforeAll may do: on a loaded machine that took over the default 10 s. A test may do it too: write-path's
          // «no GET route changes the database» (every GET route, the exports included, with a dump of every table
          // after each) took 21–31 s at load 10–13 with the template built inside it — over the 30 s cap, with the
          // old reset as with the new. The cap only decides when a stuck test is called stuck.
          hookTimeout: 120_000,
          testTimeout: 120_000,
          env: { FOROS_TEST_ENGINE: 'postgres' },
        },
      },
      { extends: true, test: { name: 'pages', environment: './tests/support/happy-dom-environment.ts', isolate: false, setupFiles: ['tests/setup.ts'], include: ['tests/client/**/*.test.tsx'], testTimeout: 120_000 } },
    ],
  },
}));
