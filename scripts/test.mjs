// `npm test`: everything CI checks — type checking, lint (with the architecture's import boundaries), the unit,
// API and page tests, the build and the end-to-end tests in Chromium — as separate steps, two at a time (the
// machine this runs on has two cores; most steps use one). Each step's output is printed whole when it ends, so
// logs do not interleave; the run goes on after a failure, so one run shows every failing step, and exits
// non-zero if any failed. `node scripts/test.mjs typecheck lint` runs only the steps named.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { delimiter, resolve as resolvePath } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

// In this order: the two builds first (the end-to-end tests, the longest step, need both), then the end-to-end tests
// on one side while the other runs the page tests (the next longest), the unit and API tests, the same API tests on
// PostgreSQL, type checking and lint.
const testBuild = '.test-build';
const steps = [
  // The test build leaves out the .br/.gz precompression (a quarter of the build's CPU; tests/api/server.test.ts
  // covers it): `npm start` and `npm run bench` build with it.
  // Both builds go to .test-build/ (FOROS_TEST_BUILD tells the end-to-end tests), never to dist/: a `npm run build`
  // in the same checkout (the bench's, `npm start`) cannot empty what the tests are serving, nor the reverse.
  { name: 'build', command: `node scripts/build.mjs --no-precompress --out-dir ${testBuild}` },
  { name: 'build-demo', command: `node scripts/build-demo.mjs --out-dir ${testBuild}` },
  { name: 'e2e', command: `FOROS_TEST_BUILD=${testBuild} vitest run --config vitest.e2e.config.ts`, after: ['build', 'build-demo'] },
  { name: 'pages', command: 'vitest run --project pages' },
  { name: 'unit', command: 'vitest run --project node' },
  // The API and db suites again on PostgreSQL (TEST_DATABASE_URL; scripts/with-postgres.sh, which .ci/run uses, starts
  // a throwaway server). Without it the step says so loudly and runs nothing; under CI=true it fails.
  { name: 'postgres', command: 'vitest run --project postgres --passWithNoTests' },
  // TypeScript's native compiler (tsgo, @typescript/native-preview): the same checks and messages as `tsc` on this
  // project, a quarter of the CPU; single-threaded because it runs beside another step on two cores.
  // `npm run typecheck` (tsc) stays the reference.
  { name: 'typecheck', command: 'tsgo --noEmit -p tsconfig.json --singleThreaded' },
  { name: 'lint', command: 'eslint .' },
];

const only = process.argv.slice(2);
const wanted = only.length > 0 ? steps.filter((s) => only.includes(s.name)) : steps;
const unknown = only.filter((name) => !steps.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`Pasos desconocidos: ${unknown.join(', ')}. Pasos: ${steps.map((s) => s.name).join(', ')}.`);
  process.exit(2);
}
const concurrency = Math.max(1, Math.min(2, Number(process.env.FOROS_TEST_JOBS) || availableParallelism()));

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const results = new Map();
const started = Date.now();

function run(step) {
  return new Promise((resolve) => {
    const begin = Date.now();
    const env = { ...process.env, PATH: `${resolvePath('node_modules/.bin')}${delimiter}${process.env.PATH}`, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' };
    const child = spawn(step.command, { shell: true, env });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code) => {
      const ok = code === 0;
      const took = Date.now() - begin;
      process.stdout.write(`\n━━━ ${step.name} (${step.command}) — ${ok ? 'bien' : 'FALLÓ'} en ${seconds(took)}\n`);
      const text = Buffer.concat(output);
      process.stdout.write(text);
      resolve({ ok, took, failures: ok ? [] : failureLines(text.toString('utf8')) });
    });
  });
}

// The lines of a failed step that name what failed (vitest's FAIL and × lines and errors, eslint's and tsgo's
// errors, without colours), repeated in the summary: a CI log that keeps only its end still says what failed and why.
function failureLines(text) {
  const named = /^\/\S+\.m?[jt]sx?$|^\s*(FAIL\s|×\s|Error:|AssertionError|TimeoutError|Test Files\s|Tests\s|✖\s|\d+:\d+\s+error\s)|error TS\d+/;
  const lines = stripVTControlCharacters(text).split('\n').filter((line) => named.test(line));
  const unique = [...new Set(lines.map((line) => line.trimEnd()))];
  return unique.length > 40 ? [...unique.slice(0, 40), `… y ${unique.length - 40} líneas más arriba`] : unique;
}

const pending = [...wanted];
const running = new Set();
await new Promise((done) => {
  const next = () => {
    if (pending.length === 0 && running.size === 0) return done();
    while (running.size < concurrency) {
      // A step waits for the steps it needs; a step whose prerequisite failed is skipped.
      const index = pending.findIndex((s) => (s.after ?? []).every((dep) => !wanted.some((w) => w.name === dep) || results.has(dep)));
      if (index < 0) break;
      const [step] = pending.splice(index, 1);
      const failedDep = (step.after ?? []).find((dep) => results.get(dep)?.ok === false);
      if (failedDep) {
        results.set(step.name, { ok: false, took: 0, skipped: failedDep });
        continue;
      }
      running.add(step.name);
      run(step).then((result) => {
        results.set(step.name, result);
        running.delete(step.name);
        next();
      });
    }
    if (pending.length === 0 && running.size === 0) done();
  };
  next();
});

console.log(`\n━━━ Resumen (${seconds(Date.now() - started)} en total, ${concurrency} pasos a la vez)`);
for (const step of wanted) {
  const r = results.get(step.name);
  console.log(`  ${r.ok ? '✓' : '✗'} ${step.name.padEnd(10)} ${r.skipped ? `no se ejecutó: falló ${r.skipped}` : seconds(r.took)}`);
}
for (const step of wanted) {
  const failures = results.get(step.name).failures ?? [];
  if (failures.length === 0) continue;
  console.log(`\n━━━ Lo que falló en ${step.name}`);
  for (const line of failures) console.log(`  ${line.trim()}`);
}
process.exit(wanted.every((s) => results.get(s.name).ok) ? 0 : 1);
