// `npm run build`: the SPA (vite build → dist/), its files compressed once (.br and .gz beside each, served by
// the Node server to browsers that accept them), the Node server bundled (dist-server/), and a stamp with the
// hash of the inputs, so `npm start` can skip all of it when nothing changed.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildServer } from './build-server.mjs';
import { inputsFingerprint, inputsHash, root, writeStamp } from './build-inputs.mjs';

const compressible = /\.(js|mjs|css|html|svg|json|wasm|ttf|txt)$/;
/** Brotli's best quality for code and styles (a few seconds in all); a fast one for the wasm and fonts of the export (11 would take ~20 s for 6 % less). */
const brotliQuality = (file) => (/\.(wasm|ttf)$/.test(file) ? 5 : 11);

/** Writes file.br and file.gz beside every compressible file of dist/ bigger than 1 KB, when they are smaller. */
export function precompress(dir) {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !compressible.test(entry.name)) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    const size = statSync(file).size;
    if (size < 1024) continue;
    const bytes = readFileSync(file);
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality(file), [constants.BROTLI_PARAM_SIZE_HINT]: size } });
    const gz = gzipSync(bytes, { level: 9 });
    if (br.length < size) writeFileSync(`${file}.br`, br);
    if (gz.length < size) writeFileSync(`${file}.gz`, gz);
    count++;
  }
  return count;
}

export async function buildAll() {
  const [hash, fingerprint] = [inputsHash(), inputsFingerprint()];
  const started = performance.now();
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn' });
  const files = precompress(join(root, 'dist'));
  await buildServer();
  writeStamp(hash, fingerprint);
  console.log(`Compilación lista en ${((performance.now() - started) / 1000).toFixed(1)} s (${files} archivos precomprimidos, servidor en dist-server/).`);
}

if (process.argv[1] === new URL(import.meta.url).pathname) await buildAll();
