// The .br and .gz copies `npm run build` writes beside the app's files (the Node server sends them to browsers that
// accept them: serveStatic's `precompressed`, src/server/start-server.ts). Tested in tests/api/server.test.ts.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

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
