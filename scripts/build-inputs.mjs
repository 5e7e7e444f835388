// What a build is made from, and the stamp that says which inputs dist/ and dist-server/ were built from.
// `npm start` builds only when this hash differs from the stamp (or either output is missing).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const stampFile = join(root, 'dist-server', 'build-stamp.json');

/** Folders and files whose content changes what `npm run build` produces. */
const inputs = ['src', 'mocks', 'public', 'index.html', 'vite.config.ts', 'postcss.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json', 'scripts/build.mjs', 'scripts/build-server.mjs', 'scripts/build-inputs.mjs'];

/** SHA-256 over every input file's path and bytes, in a stable order. */
export function inputsHash() {
  const hash = createHash('sha256');
  const files = inputs.flatMap((input) => {
    const full = join(root, input);
    try {
      return readdirSync(full, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath ?? e.path, e.name));
    } catch {
      return existsSync(full) ? [full] : [];
    }
  });
  for (const file of files.map((f) => relative(root, f).split('\\').join('/')).sort()) {
    hash.update(file);
    hash.update('\0');
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function readStamp() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8')).inputs ?? null;
  } catch {
    return null;
  }
}

export function writeStamp(hash) {
  writeFileSync(stampFile, `${JSON.stringify({ inputs: hash, builtAt: new Date().toISOString() }, null, 2)}\n`);
}

/** True when dist/ and dist-server/ exist and were built from exactly these inputs. */
export function isBuildCurrent(hash = inputsHash()) {
  return existsSync(join(root, 'dist', 'index.html')) && existsSync(join(root, 'dist-server', 'main.mjs')) && readStamp() === hash;
}
