import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Import boundaries of DESIGN.md, enforced here so a wrong import fails `npm test`. */
const forbid = (...groups) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: groups.map(({ regex, message }) => ({ regex, message })),
    },
  ],
});
const nodeOnly = { regex: '^(node:.*|better-sqlite3|pg|fs|path|os|crypto|child_process)$', message: 'Node-only modules are not allowed here: this code must also run in the browser.' };
const notClient = { regex: '(^|/)client(/|$)', message: 'Nothing imports the client except its own entry.' };
const notServer = { regex: '(^|/)server(/|$)', message: 'Only the server entry imports src/server.' };
const notMocks = { regex: '(^|/)mocks(/|$)', message: 'mocks/ is for tests and the mock mode only.' };
const clientGroups = [
  { regex: '^(\\.\\./)+(src/)?api(/|$)|(^|/)src/api(/|$)', message: 'The client talks to the API over HTTP, never by import.' },
  { regex: '^(\\.\\./)+(src/)?db(/|$)|(^|/)src/db(/|$)', message: 'The client must not import the database.' },
  notServer,
  nodeOnly,
  { regex: '^(hono|kysely)(/.*)?$', message: 'Server libraries do not belong in the client.' },
];
const otherFeature =
  'A feature does not import another feature. Import what features share from src/client/app/ (use-current-user: useCurrentUser, useCan; the start page), ' +
  'src/client/ui/ (components and hooks: chart-frame, forum-not-found, form-fields, use-row-list, use-versioned-save…) or src/client/lib/ ' +
  "(shared-queries: the session, a forum, the forum years, a forum's metrics, the year's metrics, the reports; query-keys, invalidation, http); " +
  'if what you need is still in another feature, move it there first.';
const notDriver = { regex: '(^|/)db/(node|pg)-driver$', message: 'The database drivers (better-sqlite3, pg) are imported only by the server and tests.' };

export default tseslint.config(
  { ignores: ['dist/**', 'dist-server/**', 'dist-demo/**', '.test-build/**', 'node_modules/**', 'public/mockServiceWorker.js', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      ...forbid(...clientGroups),
    },
  },
  // A feature folder never imports another feature (nor ui/ and lib/ a feature): what two features share lives
  // in app/, ui/ or lib/. A feature's file at depth d below src/client/features/<name>/ reaches a sibling
  // feature with d + 1 `../`, so each depth gets its own pattern (none of them matches `../../ui/…`).
  ...[0, 1, 2, 3].map((depth) => ({
    files: [`src/client/features/*/${'*/'.repeat(depth)}*.{ts,tsx}`],
    rules: forbid(...clientGroups, { regex: `^(\\./)?(\\.\\./){${depth + 1}}[^./]`, message: otherFeature }, { regex: '(^|/)features/', message: otherFeature }),
  })),
  {
    files: ['src/client/{ui,lib}/**/*.{ts,tsx}'],
    rules: forbid(...clientGroups, { regex: '(^|/)features(/|$)', message: 'ui/ and lib/ are shared by every feature: they import no feature (move what they need here, or pass it in).' }),
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: forbid(
      { regex: '^(react|react-dom|hono|kysely|msw|i18next)(/.*)?$', message: 'src/domain is pure: no React, Hono, database or i18n imports.' },
      { regex: '(^|/)(api|db|client|server|export)(/|$)', message: 'src/domain imports nothing else of the project.' },
      notMocks,
      nodeOnly,
    ),
  },
  {
    files: ['src/api/**/*.ts'],
    rules: forbid(nodeOnly, notClient, notServer, notMocks, notDriver, { regex: '^react', message: 'No React in the API.' }),
  },
  {
    files: ['src/db/**/*.ts'],
    ignores: ['src/db/node-driver.ts', 'src/db/pg-driver.ts'],
    rules: forbid(nodeOnly, notClient, notServer, notMocks, { regex: '(^|/)api(/|$)', message: 'src/db does not import the API.' }),
  },
  {
    files: ['src/export/**/*.{ts,tsx}'],
    rules: forbid(nodeOnly, notClient, notServer, notMocks, notDriver),
  },
  {
    // The public pages' server-side rendering: no Node-only imports (any runtime can serve them), no React, no client.
    files: ['src/public/**/*.ts'],
    rules: forbid(nodeOnly, notClient, notServer, notMocks, notDriver, { regex: '^react', message: 'The public pages are plain HTML strings, no React.' }),
  },
  {
    files: ['mocks/**/*.ts'],
    rules: forbid(notClient, notServer, notDriver, nodeOnly),
  },
  {
    files: ['src/server/**/*.ts'],
    rules: forbid(notClient, notMocks),
  },
  {
    // Plain Node scripts (e.g. scripts/dev.mjs, the bench's baseline servers): Node's globals.
    files: ['scripts/**/*.{js,mjs}', 'bench/**/*.{js,mjs}'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly', performance: 'readonly' },
    },
  },
);
