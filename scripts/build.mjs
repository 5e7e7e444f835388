// `npm run build`: the SPA (vite build → dist/), its files compressed once (.br and .gz beside each, served by
// the Node server to browsers that accept them), the Node server bundled (dist-server/), and a stamp with the
// hash of the inputs, so `npm start` can skip all of it when nothing changed.
// `node scripts/build.mjs --no-precompress` (npm test's build step) leaves the compression out — a quarter of the
// build's CPU, for files no test reads compressed: tests/api/server.test.ts proves that precompress() writes files
// that decompress to the originals and that the server sends them. Such a build's stamp says so, so `npm start`
// builds again rather than serve it uncompressed.
import { join } from 'node:path';
import { buildServer } from './build-server.mjs';
import { inputsFingerprint, inputsHash, root, writeStamp } from './build-inputs.mjs';
import { precompress } from './precompress.mjs';

export async function buildAll({ compress = true } = {}) {
  const [hash, fingerprint] = [inputsHash(), inputsFingerprint()];
  const started = performance.now();
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn' });
  const files = compress ? precompress(join(root, 'dist')) : 0;
  await buildServer();
  writeStamp(hash, fingerprint, { precompressed: compress });
  const took = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Compilación lista en ${took} s (${compress ? `${files} archivos precomprimidos` : 'sin precompresión: solo para las pruebas'}, servidor en dist-server/).`);
}

if (process.argv[1] === new URL(import.meta.url).pathname) await buildAll({ compress: !process.argv.includes('--no-precompress') });
