// `npm run build:demo`: the static demo in dist-demo/ — the app with the whole API running in the browser (msw's
// service worker, sql.js and its wasm), its data kept in the browser's storage. Any static host serves it; a
// deep link reloaded on a host without a fallback to index.html finds 404.html, the same page.
import { copyFileSync } from 'node:fs';
import { build } from 'vite';

const started = performance.now();
await build({ mode: 'demo', logLevel: 'warn' });
copyFileSync('dist-demo/index.html', 'dist-demo/404.html');
console.log(`dist-demo/ listo en ${Math.round(performance.now() - started)} ms: publíquelo en cualquier servidor de archivos estáticos (p. ej. npx serve -s dist-demo).`);
