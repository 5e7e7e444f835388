import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const apiPort = Number(process.env.API_PORT ?? process.env.PORT ?? 3000);

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

export default defineConfig(({ mode }) => ({
  plugins: [react(), scrollAreaWithoutFloatingUi()],
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
    environment: 'jsdom',
    include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts', 'tests/client/**/*.test.tsx'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 30000,
    css: false,
    pool: 'forks',
  },
}));
