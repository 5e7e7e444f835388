import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const apiPort = Number(process.env.API_PORT ?? process.env.PORT ?? 3000);

export default defineConfig(({ mode }) => ({
  plugins: [react()],
  define: {
    __FOROS_MOCK__: JSON.stringify(mode === 'mock'),
  },
  server: {
    proxy: mode === 'mock' ? undefined : { '/api': `http://localhost:${apiPort}` },
  },
  build: {
    outDir: 'dist',
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
      { extends: true, test: { name: 'node', environment: 'node', include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'] } },
      { extends: true, test: { name: 'pages', environment: 'jsdom', setupFiles: ['tests/setup.ts'], include: ['tests/client/**/*.test.tsx'] } },
    ],
  },
}));
