// `npm run build:demo`: the static demo in dist-demo/ — the app with the whole API running in the browser (msw's
// service worker, sql.js and its wasm), its data kept in the browser's storage. Any static host serves it; a
// deep link reloaded on a host without a fallback to index.html finds 404.html, the same page.
// `--out-dir <folder>` puts it in <folder>/dist-demo instead (npm test's build, beside the test app's).
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { outDirArgument } from './build.mjs';

const started = performance.now();
const outDir = outDirArgument();
const demoDir = outDir ? join(outDir, 'dist-demo') : 'dist-demo';
await build({ mode: 'demo', logLevel: 'warn', ...(outDir ? { build: { outDir: demoDir, emptyOutDir: true } } : {}) });
copyFileSync(join(demoDir, 'index.html'), join(demoDir, '404.html'));
console.log(`${demoDir}/ listo en ${Math.round(performance.now() - started)} ms: publíquelo en cualquier servidor de archivos estáticos (p. ej. npx serve -s dist-demo).`);
