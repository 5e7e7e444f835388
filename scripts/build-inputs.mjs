// What a build is made from, and the stamp that says which inputs dist/ and dist-server/ were built from.
// `npm start` builds only when this hash differs from the stamp (or either output is missing).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const stampFile = join(root, 'dist-server', 'build-stamp.json');

/** Folders and files whose content changes what `npm run build` produces. */
const inputs = ['src', 'mocks', 'public', 'index.html', 'vite.config.ts', 'postcss.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json', 'scripts/build.mjs', 'scripts/build-server.mjs', 'scripts/build-inputs.mjs', 'scripts/precompress.mjs'];

/** Every input file, as a path relative to the project, in a stable order. */
function inputFiles() {
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
  return files.map((f) => relative(root, f).split('\\').join('/')).sort();
}

/** SHA-256 over every input file's path and bytes. */
export function inputsHash() {
  const hash = createHash('sha256');
  for (const file of inputFiles()) {
    hash.update(file);
    hash.update('\0');
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** A cheap look at the inputs (path, size, modification time), to skip reading them when none was touched. */
export function inputsFingerprint() {
  const hash = createHash('sha256');
  for (const file of inputFiles()) {
    const { size, mtimeMs } = statSync(join(root, file));
    hash.update(`${file}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function readStampFile() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return null;
  }
}

export function readStamp() {
  return readStampFile()?.inputs ?? null;
}

/**
 * Both taken before the build starts, so a file changed during the build makes the next start build again.
 * `precompressed: false` marks a test build (no .br/.gz), which `npm start` never takes as current.
 */
export function writeStamp(hash, fingerprint, { precompressed = true } = {}) {
  writeFileSync(stampFile, `${JSON.stringify({ inputs: hash, fingerprint, precompressed, builtAt: new Date().toISOString() }, null, 2)}\n`);
}

/**
 * True when dist/ and dist-server/ exist and were built from exactly these inputs: the files' sizes and times as
 * at the build, or else (a checkout that touched them) the same bytes; and compressed (not a test build).
 */
export function isBuildCurrent() {
  if (!existsSync(join(root, 'dist', 'index.html')) || !existsSync(join(root, 'dist-server', 'main.mjs'))) return false;
  const stamp = readStampFile();
  if (!stamp || stamp.precompressed === false) return false;
  if (stamp.fingerprint === inputsFingerprint()) return true;
  const fingerprint = inputsFingerprint();
  if (stamp.inputs !== inputsHash()) return false;
  writeStamp(stamp.inputs, fingerprint, { precompressed: stamp.precompressed !== false });
  return true;
}
