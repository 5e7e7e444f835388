// Bundles the Node server (src/server/main.ts and what it imports) into dist-server/ with esbuild, so
// `npm start` / `npm run serve` run it with plain `node` instead of transpiling TypeScript on every start.
// Packages stay in node_modules (external): better-sqlite3 is native, resvg's wasm and the fonts are read
// from there, and Node loads them from disk as fast as from a bundle. Dynamic imports (the Word export)
// become their own chunks, loaded on first use.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const serverOutDir = fileURLToPath(new URL('../dist-server/', import.meta.url));

export async function buildServer(outDir = serverOutDir) {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: {
      main: fileURLToPath(new URL('../src/server/main.ts', import.meta.url)),
      migrate: fileURLToPath(new URL('../src/server/migrate.ts', import.meta.url)),
      // The Word export's chart drawing threads (src/server/rasterizer-pool.ts looks for it beside main.mjs).
      'rasterizer-worker': fileURLToPath(new URL('../src/server/rasterizer-worker.ts', import.meta.url)),
    },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // better-sqlite3 is a native module; pdfkit reads its own data files (standard fonts, ICC profile) relative to
    // its package; everything else is bundled (one file parses faster than hundreds).
    external: ['better-sqlite3', 'pdfkit'],
    // A package's ES module build first (esbuild's Node default is `main`, the CommonJS one): a CommonJS build
    // loaded by a dynamic import() exposes only `default` (zxcvbn's `ZxcvbnFactory` came out undefined).
    mainFields: ['module', 'main'],
    // Bundled CommonJS packages call require(); give the ES module one.
    banner: { js: "import { createRequire as __foros_createRequire } from 'node:module'; const require = __foros_createRequire(import.meta.url);" },
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    legalComments: 'none',
    minify: true,
    keepNames: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildServer();
  console.log(`dist-server/ listo en ${Math.round(performance.now() - started)} ms`);
}
