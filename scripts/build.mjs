// `npm run build`: the SPA (vite build → dist/), its files compressed once (.br and .gz beside each, served by
// the Node server to browsers that accept them), the Node server bundled (dist-server/), and a stamp with the
// hash of the inputs, so `npm start` can skip all of it when nothing changed.
// `node scripts/build.mjs --no-precompress` (npm test's build step) leaves the compression out — a quarter of the
// build's CPU, for files no test reads compressed: tests/api/server.test.ts proves that precompress() writes files
// that decompress to the originals and that the server sends them. Such a build's stamp says so, so `npm start`
// builds again rather than serve it uncompressed.
// `--out-dir <folder>` builds into <folder>/dist and <folder>/dist-server instead, with no stamp (npm test builds into
// .test-build/, so a `npm run build` or `npm start` in the same checkout — the bench's, say — never empties the
// folder the end-to-end tests are serving, and the reverse).
import { join, resolve } from 'node:path';
import { buildServer } from './build-server.mjs';
import { inputsFingerprint, inputsHash, root, writeStamp } from './build-inputs.mjs';
import { precompress } from './precompress.mjs';

export async function buildAll({ compress = true, outDir } = {}) {
  const [hash, fingerprint] = [inputsHash(), inputsFingerprint()];
  const started = performance.now();
  const { build } = await import('vite');
  const appDir = outDir ? join(outDir, 'dist') : join(root, 'dist');
  const serverDir = outDir ? join(outDir, 'dist-server') : undefined;
  await build({ root, logLevel: 'warn', ...(outDir ? { build: { outDir: appDir, emptyOutDir: true } } : {}) });
  const files = compress ? precompress(appDir) : 0;
  await buildServer(serverDir);
  // The stamp says what dist/ and dist-server/ hold, for `npm start`: a build elsewhere leaves it alone.
  if (!outDir) writeStamp(hash, fingerprint, { precompressed: compress });
  const took = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Compilación lista en ${took} s (${compress ? `${files} archivos precomprimidos` : 'sin precompresión: solo para las pruebas'}, servidor en ${serverDir ?? 'dist-server/'}).`);
}

/** The folder after `--out-dir` on the command line, or undefined. */
export function outDirArgument(argv = process.argv) {
  const at = argv.indexOf('--out-dir');
  if (at < 0) return undefined;
  const value = argv[at + 1];
  if (!value || value.startsWith('--')) throw new Error('--out-dir necesita una carpeta.');
  return resolve(value);
}

if (process.argv[1] === new URL(import.meta.url).pathname) await buildAll({ compress: !process.argv.includes('--no-precompress'), outDir: outDirArgument() });
